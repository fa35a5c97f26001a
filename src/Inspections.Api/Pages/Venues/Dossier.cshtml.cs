using Inspections.Api.Auth;
using Inspections.Core.Common;
using Inspections.Core.Features.Cases;
using Inspections.Core.Features.Inspections;
using Inspections.Core.Features.Venues;
using Inspections.Domain.Inspections;
using Inspections.Domain.Venues;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Inspections.Api.Pages.Venues;

/// <summary>
/// The venue dossier 一户一档: the venue's licence facts, its standing (open rectification notices, open cases,
/// the last inspection) and its timeline of inspections, notices, follow-ups and cases, newest first. Read with
/// the API's own requests (GetVenue, SearchInspections and SearchCases by venue, GetInspection for a notice's
/// follow-up), so it admits whom they admit.
/// </summary>
[AllowRolesOf(typeof(SearchInspections.Query))]
public sealed class DossierModel(ISender sender) : PageModel
{
    /// <summary>How much history one page shows; the API pages beyond it.</summary>
    public const int Shown = 100;

    public VenueDto Venue { get; private set; } = new();
    public IReadOnlyList<Event> Timeline { get; private set; } = [];
    public int OpenNotices { get; private set; }
    public int OpenCases { get; private set; }
    public DateTimeOffset? LastInspection { get; private set; }
    public bool More { get; private set; }

    /// <summary>One line of the timeline: when, what, its state, and where to read it.</summary>
    public sealed record Event(DateTimeOffset At, string Kind, string Title, string State, string? Link, bool Open);

    public async Task OnGetAsync(Guid id)
    {
        var ct = HttpContext.RequestAborted;
        Venue = await sender.Send(new GetVenue.Query(id), ct);
        var inspections = await sender.Send(new SearchInspections.Query { VenueId = id, Limit = Shown }, ct);
        var cases = await sender.Send(new SearchCases.Query { VenueId = id, Limit = Shown }, ct);
        var open = await sender.Send(new SearchCases.Query { VenueId = id, OpenOnly = true, Limit = Shown }, ct);
        More = inspections.NextCursor is not null || cases.NextCursor is not null;
        LastInspection = inspections.Items.Count > 0 ? inspections.Items.Max(i => i.StartedAt) : null;
        OpenCases = open.Items.Count;

        var events = new List<Event>();
        foreach (var i in inspections.Items)
        {
            var kind = Wire.TryParse<InspectionKind>(i.Kind, out var k) ? k.ChineseName() : i.Kind;
            var outcome = Wire.TryParse<InspectionOutcome>(i.Outcome, out var o) ? o.ChineseName() : i.Outcome;
            events.Add(new Event(i.StartedAt, "检查", $"{kind}：{outcome}" + (i.Violations > 0 ? $"，发现问题 {i.Violations} 项" : ""),
                i.CaseLead ? "转立案线索" : "", $"/inspections/{i.Id}", false));
            if (i.RectificationDueOn is null) continue;
            // The notice's follow-up is on the inspection itself.
            var detail = await sender.Send(new GetInspection.Query(i.Id), ct);
            var checkedOn = detail.RectificationCheckedOn;
            if (checkedOn is null) OpenNotices++;
            events.Add(new Event(i.EndedAt.AddSeconds(1), "整改通知", $"责令整改，期限至 {Show.Date(i.RectificationDueOn)}",
                checkedOn is null ? "待复查" : $"{Show.Date(checkedOn)} 复查：" + (detail.RectificationResult == "rectified" ? "已整改" : "未整改"),
                $"/inspections/{i.Id}", checkedOn is null));
        }
        foreach (var c in cases.Items)
        {
            var isOpen = open.Items.Any(x => x.Id == c.Id);
            events.Add(new Event(c.CreatedAt, "案件", $"{c.CaseNumber ?? "（未立案）"} {c.ViolationName}，承办人 {c.OfficerName}",
                c.StageName, $"/cases/{c.Id}", isOpen));
        }
        Timeline = events.OrderByDescending(e => e.At).ToList();
    }

    public static string TypeName(string type) => Wire.TryParse<VenueType>(type, out var t) ? t.ChineseName() : type;

    public static string LicenseName(string status) => Wire.TryParse<LicenseStatus>(status, out var s) ? s.ChineseName() : status;
}
