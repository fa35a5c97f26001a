using Inspections.Core.Data;

namespace Inspections.Core.Features.Alerts;

/// <summary>
/// The stored clocks counted by due date (clock_due_days, migration 0035): for each jurisdiction, kind of work, clock, due
/// date and first due-soon day (<see cref="Never"/> for a clock that never reads due soon), how many clocks are stored;
/// suspended clocks, which have no dates, are not counted. <see cref="ClockRows"/> moves the counts whenever it replaces
/// clocks, in the same transaction, so a dashboard counts a city's due-soon and overdue work from a few thousand rows.
/// </summary>
public static class ClockDueDays
{
    /// <summary>The first due-soon day of a clock that never reads due soon: after every day a dashboard asks about.</summary>
    public static readonly DateOnly Never = new(9999, 12, 31);

    /// <summary>What the counts key a stored clock by: as the table holds it, or as returned by a delete.</summary>
    internal sealed record Key
    {
        public string Jurisdiction { get; init; } = "";
        public string SubjectType { get; init; } = "";
        public string Clock { get; init; } = "";
        public DateOnly? DueOn { get; init; }
        public DateOnly? DueSoonOn { get; init; }
    }

    private sealed record Count
    {
        public string Jurisdiction { get; init; } = "";
        public string SubjectType { get; init; } = "";
        public string Clock { get; init; } = "";
        public DateOnly DueOn { get; init; }
        public DateOnly DueSoonOn { get; init; }
        public long Number { get; init; }
    }

    private const string Columns = "jurisdiction, subject_type, clock, due_on, due_soon_on, number";

    private static readonly Sql Ensure = new(d => d.InsertIfAbsent("clock_due_days", Columns,
        "@Jurisdiction, @SubjectType, @Clock, @DueOn, @DueSoonOn, 0", "jurisdiction", "subject_type", "clock", "due_on", "due_soon_on"));

    private static readonly Sql Add = new("""
        UPDATE clock_due_days SET number = number + @Number
        WHERE jurisdiction = @Jurisdiction AND subject_type = @SubjectType AND clock = @Clock AND due_on = @DueOn AND due_soon_on = @DueSoonOn
        """);

    private const string FreshText = """
        SELECT jurisdiction, subject_type, clock, due_on, COALESCE(due_soon_on, @Never) AS due_soon_on, COUNT(*) AS number
        FROM deadline_clocks
        WHERE due_on IS NOT NULL
        GROUP BY jurisdiction, subject_type, clock, due_on, COALESCE(due_soon_on, @Never)
        """;

    private static readonly Sql Fresh = new(FreshText);
    private static readonly Sql Stored = new($"SELECT {Columns} FROM clock_due_days WHERE number <> 0");
    private static readonly Sql Clear = new("DELETE FROM clock_due_days");
    private static readonly Sql Refill = new($"INSERT INTO clock_due_days ({Columns}) {FreshText}");

    /// <summary>
    /// Moves the counts from the clocks a refresh deleted (<paramref name="deleted"/>) to those it wrote
    /// (<paramref name="written"/>): a clock written again with the same dates changes nothing; each changed count's row is
    /// created when absent and changed by the difference, in the order of the keys.
    /// </summary>
    internal static async Task MoveAsync(DbSession db, IEnumerable<Key> deleted, IEnumerable<ClockRows.Row> written, CancellationToken ct)
    {
        var changes = new SortedDictionary<string, (Count Key, long Number)>(StringComparer.Ordinal);
        void Move(string jurisdiction, string subjectType, string clock, DateOnly? dueOn, DateOnly? dueSoonOn, int sign)
        {
            if (dueOn is not { } due) return;
            var key = new Count { Jurisdiction = jurisdiction, SubjectType = subjectType, Clock = clock, DueOn = due, DueSoonOn = dueSoonOn ?? Never };
            var text = $"{key.Jurisdiction}|{key.SubjectType}|{key.Clock}|{key.DueOn:yyyy-MM-dd}|{key.DueSoonOn:yyyy-MM-dd}";
            changes[text] = (key, (changes.TryGetValue(text, out var c) ? c.Number : 0) + sign);
        }
        foreach (var k in deleted) Move(k.Jurisdiction, k.SubjectType, k.Clock, k.DueOn, k.DueSoonOn, -1);
        foreach (var r in written) Move(r.Jurisdiction, r.SubjectType, r.Clock, r.DueOn, r.DueSoonOn, +1);
        foreach (var (key, number) in changes.Values)
        {
            if (number == 0) continue;
            await db.ExecuteAsync(Ensure, key, ct);
            await db.ExecuteAsync(Add, key with { Number = number }, ct);
        }
    }

    /// <summary>Counts the clocks afresh, as migration 0035 did (after a bulk write that bypassed <see cref="ClockRows"/>).</summary>
    public static async Task<int> RebuildAsync(DbSession db, CancellationToken ct)
    {
        await db.ExecuteAsync(Clear, new { }, ct);
        return await db.ExecuteAsync(Refill, new { Never }, ct);
    }

    /// <summary>The counts that differ from the stored clocks as they now stand (none when kept in step).</summary>
    public static async Task<IReadOnlyList<string>> DifferencesAsync(DbSession db, CancellationToken ct)
    {
        static string Text(Count c) => $"{c.Jurisdiction} {c.SubjectType} {c.Clock} due {c.DueOn:yyyy-MM-dd} soon {c.DueSoonOn:yyyy-MM-dd}: {c.Number}";
        var stored = (await db.QueryAsync<Count>(Stored, new { }, ct)).Select(Text).ToHashSet(StringComparer.Ordinal);
        var fresh = (await db.QueryAsync<Count>(Fresh, new { Never }, ct)).Select(Text).ToHashSet(StringComparer.Ordinal);
        return [.. stored.Except(fresh).Select(t => "stored " + t), .. fresh.Except(stored).Select(t => "fresh " + t)];
    }
}
