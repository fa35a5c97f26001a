using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Alerts;
using Inspections.Domain.Inspections;

namespace Inspections.Core.Features.Inspections;

/// <summary>Open rectification notices (not yet checked) as natural-day clocks for the deadline scan.</summary>
public sealed class RectificationNoticeSource() : NoticeDeadlineSource("notice", "notice", "责令整改通知", OpenNotices, NoticesOf,
    ["inspection", "venue"], new { Outcome = Wire.Name(InspectionOutcome.RectificationNotice) })
{
    private static string Query(string filter) => $"""
        SELECT i.id, i.jurisdiction, v.name AS venue_name, i.rectification_issued_on AS issued_on,
               i.rectification_limit_days AS limit_days, i.recorded_by AS responsible_user_id, i.recorded_by_name AS responsible_name
        FROM inspections i JOIN venues v ON v.id = i.venue_id
        WHERE i.outcome = @Outcome AND i.rectification_checked_on IS NULL AND i.rectification_issued_on IS NOT NULL
          AND {filter}
        """;

    private static readonly Sql OpenNotices = new(Query("i.jurisdiction BETWEEN @JurisdictionFirst AND @JurisdictionLast"));
    // The notices themselves and the venues' notices as two seeks (by key, by ix_inspections_venue_started): an OR of the
    // two reads every open notice of the province, on every command about an inspection or a venue.
    private static readonly Sql NoticesOf = new(d => Query(d.IdIn("i.id", "@Ids")) + "\nUNION\n" + Query(d.IdIn("i.venue_id", "@Ids")));
}
