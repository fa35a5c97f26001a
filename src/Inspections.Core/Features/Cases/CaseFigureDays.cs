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

    private static readonly Sql FactsOf = new(d => $"""
        SELECT id, jurisdiction, filed_on, closed_on, withdrawn_on, decided_on_time FROM cases WHERE {d.IdIn("id", "@Ids")}
        """);

    /// <summary>The day rows, and the same counted afresh from the cases as they now stand (what migration 0034 wrote).</summary>
    public static readonly SummaryTable Table = new("case_figure_days", "jurisdiction, day", "filed, withdrawn, closed, closed_on_time, ended", """
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
        """, new { Yes = true });

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
        var changes = Table.Start();
        void Count(Facts f, int sign)
        {
            if (f.FiledOn is not { } filed) return;
            var counts = changes.At(f.Jurisdiction, filed);
            counts[0] += sign;
            if (f.WithdrawnOn is not null) counts[1] += sign;
            else if (f.ClosedOn is not null)
            {
                counts[2] += sign;
                if (f.DecidedOnTime == true) counts[3] += sign;
            }
            DateOnly? ended = f.ClosedOn is { } c && (f.WithdrawnOn is not { } w || c <= w) ? c : f.WithdrawnOn;
            if (ended is { } e) changes.At(f.Jurisdiction, e < filed ? filed : e)[4] += sign;
        }
        foreach (var f in before) Count(f, -1);
        foreach (var f in after) Count(f, +1);
        await changes.WriteAsync(db, ct);
    }
}
