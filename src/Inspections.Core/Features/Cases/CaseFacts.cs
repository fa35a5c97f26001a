using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Alerts;
using Inspections.Domain.Calendar;

namespace Inspections.Core.Features.Cases;

/// <summary>
/// What the closure rate counts of a case, stored when it happens (migration 0025): the local dates it was closed and
/// withdrawn, and whether its decision came within the decision limit 办案期限 (natural days from filing, extensions
/// added, suspensions not counted), evaluated at the decision. Written by the steps that decide, close or withdraw,
/// and by the end of a suspension the decision was taken under; rows from before are filled by <see cref="Reports.FigureFacts"/>.
/// The day rows that count them (<see cref="CaseFigureDays"/>) move with them.
/// </summary>
internal static class CaseFacts
{
    private static readonly Sql Of = new(d => $"SELECT {CaseRecord.Columns} FROM cases WHERE {d.IdIn("id", "@Ids")}");
    private static readonly Sql SuspensionsOf = new(d => $"""
        SELECT case_id, id, kind, start_on, end_on, reason FROM case_suspensions WHERE {d.IdIn("case_id", "@Ids")}
        """);
    private static readonly Sql ExtensionsOf = new(d => $"""
        SELECT case_id, id, days, reason, approver_name, approved_at FROM case_extensions WHERE {d.IdIn("case_id", "@Ids")}
        """);
    private static readonly Sql Write = new("""
        UPDATE cases SET closed_on = @ClosedOn, withdrawn_on = @WithdrawnOn, decided_on_time = @DecidedOnTime WHERE id = @Id
        """);

    /// <summary>Cases closed, withdrawn or decided whose facts are not stored yet (written before migration 0025).</summary>
    internal static readonly Sql Unfilled = new(d => $"""
        SELECT id FROM cases
        WHERE (closed_at IS NOT NULL AND closed_on IS NULL) OR (withdrawn_at IS NOT NULL AND withdrawn_on IS NULL)
           OR (decided_at IS NOT NULL AND decided_on_time IS NULL)
        ORDER BY id {d.Limit("@Batch")}
        """);

    /// <summary>Stores the facts of these cases as their rows now stand.</summary>
    public static async Task WriteAsync(DbSession db, ClockEvaluator evaluator, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var p = new { Ids = ClockRows.IdList(ids) };
        var cases = await db.QueryAsync<CaseRecord>(Of, p, ct);
        var suspensions = (await db.QueryAsync<CaseDecisionDeadlines.SuspensionWithCase>(SuspensionsOf, p, ct)).ToLookup(s => s.CaseId, s => s.Row);
        var extensions = (await db.QueryAsync<CaseDecisionDeadlines.ExtensionWithCase>(ExtensionsOf, p, ct)).ToLookup(e => e.CaseId, e => e.Row);
        var before = await CaseFigureDays.ReadAsync(db, ids, ct);
        var after = new List<CaseFigureDays.Facts>();
        foreach (var c in cases)
        {
            var facts = new CaseFigureDays.Facts
            {
                Id = c.Id,
                Jurisdiction = c.Jurisdiction,
                FiledOn = c.FiledOn,
                ClosedOn = c.ClosedAt is { } closed ? evaluator.LocalDate(closed) : null,
                WithdrawnOn = c.WithdrawnAt is { } withdrawn ? evaluator.LocalDate(withdrawn) : null,
                DecidedOnTime = DecidedOnTime(evaluator, c, suspensions[c.Id], extensions[c.Id]),
            };
            after.Add(facts);
            await db.ExecuteAsync(Write, new { facts.Id, facts.ClosedOn, facts.WithdrawnOn, facts.DecidedOnTime }, ct);
        }
        await CaseFigureDays.MoveAsync(db, before, after, ct);
    }

    /// <summary>Null while undecided; a decision on a case never filed (no limit ran) is not on time.</summary>
    private static bool? DecidedOnTime(ClockEvaluator evaluator, CaseRecord c, IEnumerable<SuspensionRow> suspensions, IEnumerable<ExtensionRow> extensions)
    {
        if (c.DecidedAt is not { } decidedAt) return null;
        return CaseClocks.Decision(c, suspensions, extensions) is { } clock
            && evaluator.Evaluate(clock, decidedAt, 0).Status == ClockStatus.CompletedOnTime;
    }
}
