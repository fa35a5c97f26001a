using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Alerts;
using Inspections.Core.Features.Calendar;
using Inspections.Domain.Calendar;
using Inspections.Domain.Inspections;

namespace Inspections.Core.Features.Inspections;

/// <summary>Open rectification notices (not yet checked) as natural-day clocks for the deadline scan.</summary>
public sealed class RectificationNoticeSource : IDeadlineSource
{
    public static readonly ClockWording Wording = new("下达整改通知", "整改期限", "完成整改");

    public string ClockType => "notice";

    private sealed record Row
    {
        public Guid Id { get; init; }
        public string Jurisdiction { get; init; } = "";
        public string VenueName { get; init; } = "";
        public DateOnly RectificationIssuedOn { get; init; }
        public int RectificationLimitDays { get; init; }
        public string RecordedBy { get; init; } = "";
    }

    private static readonly Sql OpenNotices = new("""
        SELECT i.id, i.jurisdiction, v.name AS venue_name, i.rectification_issued_on, i.rectification_limit_days, i.recorded_by
        FROM inspections i JOIN venues v ON v.id = i.venue_id
        WHERE i.outcome = @Outcome AND i.rectification_checked_on IS NULL AND i.rectification_issued_on IS NOT NULL
        """);

    public async Task<IReadOnlyList<OpenClock>> OpenClocksAsync(DbSession db, CancellationToken ct)
    {
        var rows = await db.QueryAsync<Row>(OpenNotices, new { Outcome = Wire.Name(InspectionOutcome.RectificationNotice) }, ct);
        return rows.Select(r => new OpenClock("notice", r.Id, r.Jurisdiction, $"{r.VenueName} 责令整改通知",
            new DeadlineClock(new ClockSubject("notice", r.Id.ToString()), ClockKind.NaturalDays, r.RectificationIssuedOn, r.RectificationLimitDays),
            Wording, r.RecordedBy)).ToList();
    }
}
