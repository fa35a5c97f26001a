using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Alerts;
using Inspections.Domain.Permits;

namespace Inspections.Core.Features.Permits;

/// <summary>
/// The window's day rows 许可日汇总 (permit_figure_days, migration 0036): for each jurisdiction, local date and kind, the
/// applications received that day (and of them those now not accepted), accepted that day, and completed that day (on
/// time, working days used, days promised). <see cref="PermitFigures"/> adds them up for the intake and on-time figures.
/// Every write of an application's counted columns moves the rows by what it changed (<see cref="MoveAsync"/>), in its
/// transaction, from the application as read before the write and as written.
/// </summary>
public static class PermitFigureDays
{
    private static readonly string NotAccepted = Wire.Name(PermitStage.NotAccepted);

    /// <summary>The day rows, and the same counted afresh from the applications as they now stand (what migration 0036 wrote).</summary>
    public static readonly SummaryTable Table = new("permit_figure_days", "jurisdiction, day, kind",
        "received, not_accepted, accepted, completed, on_time, used_days, promised_days", """
        SELECT jurisdiction, day, kind, SUM(received) AS received, SUM(not_accepted) AS not_accepted, SUM(accepted) AS accepted,
               SUM(completed) AS completed, SUM(on_time) AS on_time, SUM(used_days) AS used_days, SUM(promised_days) AS promised_days
        FROM (
            SELECT jurisdiction, received_on AS day, kind, 1 AS received, CASE WHEN stage = @NotAcceptedStage THEN 1 ELSE 0 END AS not_accepted,
                   0 AS accepted, 0 AS completed, 0 AS on_time, 0 AS used_days, 0 AS promised_days
            FROM permit_applications
            UNION ALL
            SELECT jurisdiction, accepted_on, kind, 0, 0, 1, 0, 0, 0, 0 FROM permit_applications WHERE accepted_on IS NOT NULL
            UNION ALL
            SELECT jurisdiction, completed_on, kind, 0, 0, 0, 1, CASE WHEN completed_on_time = @Yes THEN 1 ELSE 0 END, COALESCE(used_days, 0), promised_limit_days
            FROM permit_applications WHERE completed_on IS NOT NULL
        ) x
        GROUP BY jurisdiction, day, kind
        """, new { NotAcceptedStage = NotAccepted, Yes = true });

    /// <summary>
    /// Moves the day rows from what applications counted (<paramref name="before"/>, as stored before a write) to what they
    /// count after it (<paramref name="after"/>); a new application has nothing before.
    /// </summary>
    internal static async Task MoveAsync(DbSession db, IEnumerable<PermitRecord> before, IEnumerable<PermitRecord> after, CancellationToken ct)
    {
        var changes = Table.Start();
        void Count(PermitRecord f, int sign)
        {
            var received = changes.At(f.Jurisdiction, f.ReceivedOn, f.Kind);
            received[0] += sign;
            if (f.Stage == NotAccepted) received[1] += sign;
            if (f.AcceptedOn is { } accepted) changes.At(f.Jurisdiction, accepted, f.Kind)[2] += sign;
            if (f.CompletedOn is not { } completed) return;
            var done = changes.At(f.Jurisdiction, completed, f.Kind);
            done[3] += sign;
            if (f.CompletedOnTime == true) done[4] += sign;
            done[5] += sign * (f.UsedDays ?? 0);
            done[6] += sign * f.PromisedLimitDays;
        }
        foreach (var f in before) Count(f, -1);
        foreach (var f in after) Count(f, +1);
        await changes.WriteAsync(db, ct);
    }
}
