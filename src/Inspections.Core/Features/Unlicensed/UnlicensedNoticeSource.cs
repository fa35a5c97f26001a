using Inspections.Core.Data;
using Inspections.Core.Features.Alerts;

namespace Inspections.Core.Features.Unlicensed;

/// <summary>Notices served on unlicensed venues and still waiting for the venue's outcome, as natural-day clocks for the deadline scan.</summary>
public sealed class UnlicensedNoticeSource() : NoticeDeadlineSource(SubjectType, UnlicensedRows.NoticeClockType, "无证经营限期整改通知",
    OpenNotices, NoticesOf, ["unlicensedCampaignVenue", "venue"])
{
    public const string SubjectType = "unlicensedNotice";

    private static string Query(string filter) => $"""
        SELECT cv.id, cv.jurisdiction, v.name AS venue_name, cv.notice_issued_on AS issued_on,
               cv.notice_limit_days AS limit_days, cv.found_by AS responsible_user_id, cv.campaign_id AS parent_id
        FROM unlicensed_campaign_venues cv JOIN venues v ON v.id = cv.venue_id
        WHERE cv.notice_issued_on IS NOT NULL AND cv.outcome IS NULL
          AND {filter}
        """;

    private static readonly Sql OpenNotices = new(Query("cv.jurisdiction BETWEEN @JurisdictionFirst AND @JurisdictionLast"));
    // Two seeks (by key, by ix_unlicensed_campaign_venues_by_venue) rather than an OR that reads every open notice.
    private static readonly Sql NoticesOf = new(d => Query(d.IdIn("cv.id", "@Ids")) + "\nUNION\n" + Query(d.IdIn("cv.venue_id", "@Ids")));
}
