using System.Globalization;
using Dapper;

namespace Inspections.Core.Data;

/// <summary>
/// A table of counts per key that the steps changing the counted rows keep in step, in their transaction, by adding
/// signed differences (case_figure_days, clock_due_days, permit_figure_days); and the same counts taken afresh from the
/// counted rows, to rebuild the table after a bulk load and to compare it with the rows in the tests. <c>keys</c> and
/// <c>counts</c> name the columns, comma-separated, in the orders <see cref="Changes.At"/> takes and returns them;
/// <c>fresh</c> selects every one of them by name.
/// </summary>
public sealed class SummaryTable
{
    private readonly string[] _keys;
    private readonly string[] _counts;
    private readonly Sql _ensure;
    private readonly Sql _add;
    private readonly Sql _stored;
    private readonly Sql _clear;

    public SummaryTable(string name, string keys, string counts, string fresh, object freshParameters)
    {
        Name = name;
        _keys = Split(keys);
        _counts = Split(counts);
        Columns = string.Join(", ", _keys.Concat(_counts));
        Fresh = new(fresh);
        FreshParameters = freshParameters;
        Refill = new($"INSERT INTO {name} ({Columns}) {fresh}");
        var values = string.Join(", ", _keys.Select((_, i) => $"@K{i}").Concat(_counts.Select(_ => "0")));
        _ensure = new(d => d.InsertIfAbsent(name, Columns, values, _keys));
        _add = new($"""
            UPDATE {name} SET {string.Join(", ", _counts.Select((c, i) => $"{c} = {c} + @C{i}"))}
            WHERE {string.Join(" AND ", _keys.Select((k, i) => $"{k} = @K{i}"))}
            """);
        _stored = new($"SELECT {Columns} FROM {name} WHERE {string.Join(" OR ", _counts.Select(c => $"{c} <> 0"))}");
        _clear = new($"DELETE FROM {name}");
    }

    public string Name { get; }

    /// <summary>The key columns, then the count columns.</summary>
    public string Columns { get; }

    /// <summary>The counts taken afresh from the counted rows, with <see cref="FreshParameters"/>.</summary>
    public Sql Fresh { get; }

    public object FreshParameters { get; }

    /// <summary>Fills the emptied table with <see cref="Fresh"/>.</summary>
    public Sql Refill { get; }

    /// <summary>Every statement the table runs, by name (the SQL Server script tests parse them).</summary>
    public IEnumerable<(string Name, Sql Statement)> Statements =>
        [(nameof(Fresh), Fresh), (nameof(Refill), Refill), ("Ensure", _ensure), ("Add", _add), ("Stored", _stored), ("Clear", _clear)];

    /// <summary>An empty set of differences for one step to gather and then write.</summary>
    public Changes Start() => new(this);

    /// <summary>Counts the table afresh from the counted rows (after a bulk load that bypassed the steps).</summary>
    public async Task<int> RebuildAsync(DbSession db, CancellationToken ct)
    {
        await db.ExecuteAsync(_clear, new { }, ct);
        return await db.ExecuteAsync(Refill, FreshParameters, ct);
    }

    /// <summary>The rows that differ from the counted rows as they now stand, stored against fresh (none when kept in step).</summary>
    public async Task<IReadOnlyList<string>> DifferencesAsync(DbSession db, CancellationToken ct)
    {
        var stored = (await db.QueryAsync<dynamic>(_stored, new { }, ct)).Select(Text).ToHashSet(StringComparer.Ordinal);
        var fresh = (await db.QueryAsync<dynamic>(Fresh, FreshParameters, ct)).Select(Text).ToHashSet(StringComparer.Ordinal);
        return [.. stored.Except(fresh).Select(t => $"{Name} stored {t}"), .. fresh.Except(stored).Select(t => $"{Name} fresh {t}")];
    }

    private string Text(dynamic row)
    {
        var values = (IDictionary<string, object?>)row;
        return string.Join(", ", _keys.Concat(_counts).Select(c => $"{c} {Plain(values[c])}"));
    }

    /// <summary>A value as the same text whichever database and column type gave it (a date as text or date, a count as any integer).</summary>
    private static string Plain(object? value) => value switch
    {
        null => "null",
        string s => s,
        DateTime t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        byte or short or int or long or decimal or double => Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static string[] Split(string columns) => columns.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// One step's signed differences per key. <see cref="WriteAsync"/> creates each changed row when absent and adds its
    /// differences, in the order of the keys, so two steps touching the same rows wait for each other rather than deadlock.
    /// </summary>
    public sealed class Changes
    {
        private readonly SummaryTable _table;
        private readonly SortedDictionary<object[], long[]> _rows = new(KeyOrder.Instance);

        internal Changes(SummaryTable table) => _table = table;

        /// <summary>The differences of the row with this key (values in the key columns' order), to add to in the counts' order.</summary>
        public long[] At(params object[] key)
        {
            if (key.Length != _table._keys.Length)
                throw new ArgumentException($"{_table.Name} is keyed by {_table._keys.Length} columns, not {key.Length}.", nameof(key));
            if (!_rows.TryGetValue(key, out var counts)) _rows[key] = counts = new long[_table._counts.Length];
            return counts;
        }

        public async Task WriteAsync(DbSession db, CancellationToken ct)
        {
            foreach (var (key, counts) in _rows)
            {
                if (counts.All(n => n == 0)) continue;
                await db.ExecuteAsync(_table._ensure, Parameters(key, []), ct);
                await db.ExecuteAsync(_table._add, Parameters(key, counts), ct);
            }
        }
    }

    private static DynamicParameters Parameters(object[] key, long[] counts)
    {
        var p = new DynamicParameters();
        for (var i = 0; i < key.Length; i++) p.Add($"K{i}", key[i]);
        for (var i = 0; i < counts.Length; i++) p.Add($"C{i}", counts[i]);
        return p;
    }

    /// <summary>Keys compared value by value: text by code point, anything else by its own order.</summary>
    private sealed class KeyOrder : IComparer<object[]>
    {
        public static readonly KeyOrder Instance = new();

        public int Compare(object[]? a, object[]? b)
        {
            for (var i = 0; i < a!.Length; i++)
            {
                var c = a[i] is string x && b![i] is string y ? string.CompareOrdinal(x, y) : Comparer<object>.Default.Compare(a[i], b![i]);
                if (c != 0) return c;
            }
            return 0;
        }
    }
}
