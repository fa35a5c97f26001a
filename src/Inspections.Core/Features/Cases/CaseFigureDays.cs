using Inspections.Core.Data;
using Inspections.Core.Features.Alerts;

namespace Inspections.Core.Features.Cases;

/// <summary>
/// The closure rate's day rows 案件日汇总 (case_figure_days, migration 0034), kept in step with the cases by the steps that
/// change what they count, in the step's transaction: for each jurisdiction and local date, of the cases filed that day
/// how many are withdrawn, closed (not withdrawn) and closed on time as they now stand, and how many filed cases ended
/// (closed or withdrawn, the earlier; never before their filing day) that day. With every closing and withdrawal dated
/// up to today, a period's figures as of today are sums over its days (<see cref="CaseClosureRate"/>).
/// </summary>
public static class CaseFigureDays
{
    /// <summary>What the day rows count of one case.</summary>
    internal sealed record Facts
    {
        public Guid Id { get; init; }
        public string Jurisdiction { get; init; } = "";
        public DateOnly? FiledOn { get; init; }
        public DateOnly? ClosedOn { get; init; }
        public DateOnly? WithdrawnOn { get; init; }
        public bool? DecidedOnTime { get; init; }
    }

    /// <summary>One day row's counts, in the table's column order.</summary>
    internal sealed record Row
    {
        public string Jurisdiction { get; init; } = "";
        public DateOnly Day { get; init; }
        public long Filed { get; init; }
        public long Withdrawn { get; init; }
        public long Closed { get; init; }
        public long ClosedOnTime { get; init; }
        public long Ended { get; init; }
    }

    private static readonly Sql FactsOf = new(d => $"""
        SELECT id, jurisdiction, filed_on, closed_on, withdrawn_on, decided_on_time FROM cases WHERE {d.IdIn("id", "@Ids")}
        """);

    private static readonly Sql Ensure = new(d => d.InsertIfAbsent("case_figure_days",
        "jurisdiction, day, filed, withdrawn, closed, closed_on_time, ended", "@Jurisdiction, @Day, 0, 0, 0, 0, 0", "jurisdiction", "day"));

    private static readonly Sql Add = new("""
        UPDATE case_figure_days SET filed = filed + @Filed, withdrawn = withdrawn + @Withdrawn, closed = closed + @Closed,
            closed_on_time = closed_on_time + @ClosedOnTime, ended = ended + @Ended
        WHERE jurisdiction = @Jurisdiction AND day = @Day
        """);

    /// <summary>The day rows as the cases now stand, counted afresh (what migration 0034 wrote; the tests compare them).</summary>
    internal static readonly Sql Fresh = new(FreshText);

    private const string FreshText = """
        SELECT jurisdiction, day, SUM(filed) AS filed, SUM(withdrawn) AS withdrawn, SUM(closed) AS closed,
               SUM(closed_on_time) AS closed_on_time, SUM(ended) AS ended
        FROM (
            SELECT jurisdiction, filed_on AS day, 1 AS filed,
                   CASE WHEN withdrawn_on IS NOT NULL THEN 1 ELSE 0 END AS withdrawn,
                   CASE WHEN withdrawn_on IS NULL AND closed_on IS NOT NULL THEN 1 ELSE 0 END AS closed,
                   CASE WHEN withdrawn_on IS NULL AND closed_on IS NOT NULL AND decided_on_time = @Yes THEN 1 ELSE 0 END AS closed_on_time,
                   0 AS ended
            FROM cases WHERE filed_on IS NOT NULL
            UNION ALL
            SELECT jurisdiction, CASE WHEN ended_on < filed_on THEN filed_on ELSE ended_on END, 0, 0, 0, 0, 1
            FROM (SELECT jurisdiction, filed_on,
                         CASE WHEN closed_on IS NULL OR withdrawn_on < closed_on THEN withdrawn_on ELSE closed_on END AS ended_on
                  FROM cases WHERE filed_on IS NOT NULL AND (closed_on IS NOT NULL OR withdrawn_on IS NOT NULL)) e
        ) x
        GROUP BY jurisdiction, day
        """;

    /// <summary>The stored day rows that count anything, for comparing with <see cref="Fresh"/>.</summary>
    internal static readonly Sql Stored = new("""
        SELECT jurisdiction, day, filed, withdrawn, closed, closed_on_time, ended FROM case_figure_days
        WHERE filed <> 0 OR withdrawn <> 0 OR closed <> 0 OR closed_on_time <> 0 OR ended <> 0
        """);

    private static readonly Sql Clear = new("DELETE FROM case_figure_days");
    private static readonly Sql Refill = new($"INSERT INTO case_figure_days (jurisdiction, day, filed, withdrawn, closed, closed_on_time, ended) {FreshText}");

    /// <summary>Counts the day rows afresh from the cases, as migration 0034 did (after a bulk load that bypassed the commands).</summary>
    public static async Task<int> RebuildAsync(DbSession db, CancellationToken ct)
    {
        await db.ExecuteAsync(Clear, new { }, ct);
        return await db.ExecuteAsync(Refill, new { Yes = true }, ct);
    }

    /// <summary>The day rows that differ from the cases as they now stand, stored against fresh (none when kept in step).</summary>
    public static async Task<IReadOnlyList<string>> DifferencesAsync(DbSession db, CancellationToken ct)
    {
        static string Text(Row r) => $"{r.Jurisdiction} {r.Day:yyyy-MM-dd}: filed {r.Filed}, withdrawn {r.Withdrawn}, closed {r.Closed}, on time {r.ClosedOnTime}, ended {r.Ended}";
        var stored = (await db.QueryAsync<Row>(Stored, new { }, ct)).Select(Text).ToHashSet(StringComparer.Ordinal);
        var fresh = (await db.QueryAsync<Row>(Fresh, new { Yes = true }, ct)).Select(Text).ToHashSet(StringComparer.Ordinal);
        return [.. stored.Except(fresh).Select(t => "stored " + t), .. fresh.Except(stored).Select(t => "fresh " + t)];
    }

    /// <summary>What the day rows count of these cases as they now stand, read before a step changes them.</summary>
    internal static async Task<IReadOnlyList<Facts>> ReadAsync(DbSession db, IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        ids.Count == 0 ? [] : (await db.QueryAsync<Facts>(FactsOf, new { Ids = ClockRows.IdList(ids) }, ct)).ToList();

    /// <summary>
    /// Moves the day rows' counts from what the cases counted (<paramref name="before"/>) to what they count now
    /// (<paramref name="after"/>): each touched row created when absent, then changed by the difference, in the order of
    /// their keys (two steps touching the same rows wait for each other rather than deadlock).
    /// </summary>
    internal static async Task MoveAsync(DbSession db, IEnumerable<Facts> before, IEnumerable<Facts> after, CancellationToken ct)
    {
        var changes = new SortedDictionary<(string Jurisdiction, DateOnly Day), long[]>(
            Comparer<(string Jurisdiction, DateOnly Day)>.Create((a, b) =>
                string.CompareOrdinal(a.Jurisdiction, b.Jurisdiction) is var c and not 0 ? c : a.Day.CompareTo(b.Day)));
        void Count(Facts f, int sign)
        {
            if (f.FiledOn is not { } filed) return;
            long[] At(DateOnly day)
            {
                if (!changes.TryGetValue((f.Jurisdiction, day), out var counts)) changes[(f.Jurisdiction, day)] = counts = new long[5];
                return counts;
            }
            var counts = At(filed);
            counts[0] += sign;
            if (f.WithdrawnOn is not null) counts[1] += sign;
            else if (f.ClosedOn is not null)
            {
                counts[2] += sign;
                if (f.DecidedOnTime == true) counts[3] += sign;
            }
            DateOnly? ended = f.ClosedOn is { } c && (f.WithdrawnOn is not { } w || c <= w) ? c : f.WithdrawnOn;
            if (ended is { } e) At(e < filed ? filed : e)[4] += sign;
        }
        foreach (var f in before) Count(f, -1);
        foreach (var f in after) Count(f, +1);
        foreach (var ((jurisdiction, day), n) in changes)
        {
            if (n.All(x => x == 0)) continue;
            await db.ExecuteAsync(Ensure, new { Jurisdiction = jurisdiction, Day = day }, ct);
            await db.ExecuteAsync(Add, new
            {
                Jurisdiction = jurisdiction, Day = day, Filed = n[0], Withdrawn = n[1], Closed = n[2], ClosedOnTime = n[3], Ended = n[4],
            }, ct);
        }
    }
}
