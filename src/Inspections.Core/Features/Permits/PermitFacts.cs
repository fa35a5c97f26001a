using Inspections.Core.Data;
using Inspections.Core.Features.Alerts;
using Inspections.Domain.Calendar;

namespace Inspections.Core.Features.Permits;

/// <summary>
/// What the on-time figures 按时办结率 count of a completed application, stored at completion (migration 0025): whether
/// it was completed within the promised limit 承诺时限, and the working days used — the limit less the days left at
/// completion (more than the limit when late), suspended days not counted. Written by the completing step; rows from
/// before are filled by <see cref="Reports.FigureFacts"/>. The window's day rows (<see cref="PermitFigureDays"/>) move with them.
/// </summary>
internal static class PermitFacts
{
    private static readonly Sql Of = new(d => $"SELECT {PermitRecord.Columns} FROM permit_applications WHERE {d.IdIn("id", "@Ids")}");
    private static readonly Sql SuspensionsOf = new(d => $"""
        SELECT application_id, id, kind, start_on, end_on, reason FROM permit_suspensions WHERE {d.IdIn("application_id", "@Ids")}
        """);
    private static readonly Sql Write = new("""
        UPDATE permit_applications SET completed_on_time = @CompletedOnTime, used_days = @UsedDays WHERE id = @Id
        """);

    /// <summary>Completed applications whose facts are not stored yet (completed before migration 0025).</summary>
    internal static readonly Sql Unfilled = new(d => $"""
        SELECT id FROM permit_applications WHERE completed_at IS NOT NULL AND completed_on_time IS NULL ORDER BY id {d.Limit("@Batch")}
        """);

    /// <summary>Stores the facts of these applications as their rows now stand; nothing for one not completed.</summary>
    public static async Task WriteAsync(DbSession db, ClockEvaluator evaluator, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var p = new { Ids = ClockRows.IdList(ids) };
        var applications = await db.QueryAsync<PermitRecord>(Of, p, ct);
        var suspensions = (await db.QueryAsync<PermitSuspensionOf>(SuspensionsOf, p, ct)).ToLookup(s => s.ApplicationId, s => s.Row);
        foreach (var a in applications)
        {
            if (a.CompletedAt is not { } completedAt) continue;
            // Completion writes the acceptance down with it (a filing is accepted and completed at once), so the promised clock exists.
            var promised = PermitClocks.Promised(a, suspensions[a.Id]);
            var e = promised is null ? (ClockEvaluation?)null : evaluator.Evaluate(promised, completedAt, 0);
            var written = a with { CompletedOnTime = e?.Status == ClockStatus.CompletedOnTime, UsedDays = a.PromisedLimitDays - (e?.RemainingDays ?? 0) };
            await db.ExecuteAsync(Write, new { a.Id, written.CompletedOnTime, written.UsedDays }, ct);
            await PermitFigureDays.MoveAsync(db, [a], [written], ct);
        }
    }
}
