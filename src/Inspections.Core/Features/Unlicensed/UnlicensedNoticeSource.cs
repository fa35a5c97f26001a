using Inspections.Core.Data;
using Inspections.Core.Features.Alerts;

namespace Inspections.Core.Features.Unlicensed;

/// <summary>Notices served on unlicensed venues and still waiting for the venue's outcome, as natural-day clocks for the deadline scan.</summary>
public sealed class UnlicensedNoticeSource : IDeadlineSource
{
    public const string SubjectType = "unlicensedNotice";

    public string ClockType => "notice";

    private sealed record Row
    {
        public Guid Id { get; init; }
        public string Jurisdiction { get; init; } = "";
        public string VenueName { get; init; } = "";
        public DateOnly NoticeIssuedOn { get; init; }
        public int NoticeLimitDays { get; init; }
        public string FoundBy { get; init; } = "";
    }

    private static readonly Sql OpenNotices = new("""
        SELECT cv.id, cv.jurisdiction, v.name AS venue_name, cv.notice_issued_on, cv.notice_limit_days, cv.found_by
        FROM unlicensed_campaign_venues cv JOIN venues v ON v.id = cv.venue_id
        WHERE cv.notice_issued_on IS NOT NULL AND cv.outcome IS NULL
        """);

    public async Task<IReadOnlyList<OpenClock>> OpenClocksAsync(DbSession db, CancellationToken ct)
    {
        var rows = await db.QueryAsync<Row>(OpenNotices, null, ct);
        return rows.Select(r => new OpenClock(SubjectType, r.Id, r.Jurisdiction, $"{r.VenueName} 无证经营限期整改通知",
            UnlicensedRows.NoticeClock(r.Id, r.NoticeIssuedOn, r.NoticeLimitDays),
            UnlicensedRows.NoticeWording, r.FoundBy)).ToList();
    }
}
