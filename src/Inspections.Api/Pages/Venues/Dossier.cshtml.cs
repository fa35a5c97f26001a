using Inspections.Api.Auth;
using Inspections.Core.Common;
using Inspections.Core.Features.Alerts;
using Inspections.Core.Features.Cases;
using Inspections.Core.Features.Inspections;
using Inspections.Core.Features.Permits;
using Inspections.Core.Features.Venues;
using Inspections.Domain.Inspections;
using Inspections.Domain.Permits;
using Inspections.Domain.Venues;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Inspections.Api.Pages.Venues;

/// <summary>
/// The venue dossier 一户一档: the venue's licence facts, its standing (open rectification notices, open cases,
/// the last inspection) and its timeline of inspections (with their photos and recordings), notices, follow-ups,
/// cases, permit applications, unlicensed-campaign entries and alerts, newest first. Read with the API's own
/// requests (GetVenue, SearchInspections and SearchCases by venue, GetInspection for a notice's follow-up and
/// the evidence, GetVenueHistory for the rest), so it admits whom they admit.
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

    /// <summary>How many of the newest inspections show their photos and recordings on the page.</summary>
    public const int WithMedia = 10;

    public IReadOnlyList<AlertDto> Alerts { get; private set; } = [];

    /// <summary>Special campaigns 专项行动 running today: an inspection of the venue may be recorded as one of them.</summary>
    public IReadOnlyList<SpecialCampaignDto> Campaigns { get; private set; } = [];

    /// <summary>One line of the timeline: when, what, its state, where to read it, and the inspection's evidence files.</summary>
    public sealed record Event(DateTimeOffset At, string Kind, string Title, string State, string? Link, bool Open)
    {
        public IReadOnlyList<Media> Files { get; init; } = [];
        /// <summary>The record keeps a date, not a time: the page shows the day only.</summary>
        public bool DayOnly { get; init; }
    }

    /// <summary>A photo or recording of an inspection, served by the inspection page's range-answering handler.</summary>
    public sealed record Media(string Source, string ContentType, string Caption);

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

        var today = DateOnly.FromDateTime(Show.Beijing(DateTimeOffset.UtcNow).DateTime);
        Campaigns = (await sender.Send(new ListSpecialCampaigns.Query(), ct)).Where(c => c.StartsOn <= today && today <= c.EndsOn).ToList();

        var history = await sender.Send(new GetVenueHistory.Query(id), ct);
        More = More || history.More;
        Alerts = history.Alerts;

        var events = new List<Event>();
        var newest = inspections.Items.OrderByDescending(i => i.StartedAt).Take(WithMedia).Select(i => i.Id).ToHashSet();
        foreach (var i in inspections.Items)
        {
            var detail = i.RectificationDueOn is not null || newest.Contains(i.Id)
                ? await sender.Send(new GetInspection.Query(i.Id), ct)
                : null;
            var kind = Wire.TryParse<InspectionKind>(i.Kind, out var k) ? k.ChineseName() : i.Kind;
            var outcome = Wire.TryParse<InspectionOutcome>(i.Outcome, out var o) ? o.ChineseName() : i.Outcome;
            events.Add(new Event(i.StartedAt, "检查", $"{kind}：{outcome}" + (i.Violations > 0 ? $"，发现问题 {i.Violations} 项" : ""),
                i.CaseLead ? "转立案线索" : "", $"/inspections/{i.Id}", false)
            {
                Files = detail?.Evidence
                    .Where(e => e.ContentType.StartsWith("image/", StringComparison.Ordinal)
                                || e.ContentType.StartsWith("video/", StringComparison.Ordinal)
                                || e.ContentType.StartsWith("audio/", StringComparison.Ordinal))
                    .Select(e => new Media(Url.Page("/Records/Inspection", "Evidence", new { id = i.Id, evidenceId = e.Id })!,
                        e.ContentType, e.Caption ?? e.FileName))
                    .ToList() ?? [],
            });
            if (detail is null || i.RectificationDueOn is null) continue;
            // The notice's follow-up is on the inspection itself.
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
        foreach (var p in history.Permits)
        {
            var done = p.CompletedOn is not null || p.Stage == Wire.Name(PermitStage.Completed) || p.Stage == Wire.Name(PermitStage.NotAccepted);
            events.Add(new Event(Midnight(p.CompletedOn ?? p.ReceivedOn), "行政许可", $"{p.ItemName}（申请人 {p.ApplicantName}）" +
                    (p.CertificateNumber is { } certificate ? $"，证号 {certificate}" : ""),
                p.StageName, Show.RolesOf(User).Any(PermitReaders.Contains) ? $"/permits/{p.Id}" : null, !done) { DayOnly = true });
        }
        foreach (var e in history.CampaignEntries)
        {
            var state = e.Outcome is { } outcome
                ? $"{Show.Date(e.OutcomeOn)} {Records.UnlicensedVenueModel.Outcome(outcome)}"
                : e.NoticeIssuedOn is not null ? $"限期整改至 {Show.Date(e.NoticeDueOn)}" : "已摸排";
            events.Add(new Event(Midnight(e.OutcomeOn ?? e.NoticeIssuedOn ?? e.FoundOn), "无证整治", $"{e.CampaignName}：{Show.Date(e.FoundOn)} 摸底排查发现",
                state, $"/unlicensed-campaigns/{e.CampaignId}/venues/{e.Id}", e.Outcome is null) { DayOnly = true });
        }
        Timeline = events.OrderByDescending(e => e.At).ToList();
    }

    private static readonly HashSet<string> PermitReaders = [.. Core.Behaviors.AllowedRolesAttribute.Of(typeof(GetPermit.Query))!];

    /// <summary>A day's events sort at the start of the day in Beijing.</summary>
    private static DateTimeOffset Midnight(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8));

    public static string TypeName(string type) => Wire.TryParse<VenueType>(type, out var t) ? t.ChineseName() : type;

    public static string LicenseName(string status) => Wire.TryParse<LicenseStatus>(status, out var s) ? s.ChineseName() : status;
}
