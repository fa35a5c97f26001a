using System.ComponentModel.DataAnnotations;
using Inspections.Api.Auth;
using Inspections.Core.Common;
using Inspections.Core.Features.Cases;
using Inspections.Core.Features.Inspections;
using Inspections.Core.Features.Venues;
using Inspections.Domain.Cases;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Inspections.Api.Pages.Cases;

/// <summary>
/// 案件 — the jurisdiction's cases by stage, newest first, a page at a time (the same SearchCases request as
/// GET /api/cases), and a lead 案件线索 opened from a venue or an inspection (?venueId= / ?inspectionId= fill the
/// form in) with the same OpenLead request as POST /api/cases.
/// </summary>
[AllowRolesOf(typeof(SearchCases.Query))]
public sealed class IndexModel(ISender sender) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true)] public string? Stage { get; set; }
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? InspectionId { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? VenueId { get; set; }

    [BindProperty] public LeadForm Input { get; set; } = new();

    public Page<SearchCases.CaseSummary> Cases { get; private set; } = new([], null);
    public IReadOnlyList<ListViolations.ViolationDto> Violations { get; private set; } = [];
    public string? FromTitle { get; private set; }

    /// <summary>The lead's form; property names follow OpenLead's, so its field errors land beside their fields.</summary>
    public sealed class LeadForm
    {
        [Display(Name = "案件来源")] public string? Source { get; set; }
        [Display(Name = "来源编号")] public string? SourceReference { get; set; }
        [Display(Name = "检查记录")] public Guid? InspectionId { get; set; }
        [Display(Name = "场所")] public Guid? VenueId { get; set; }
        public PartyFields Party { get; set; } = new();
        [Display(Name = "违法行为")] public string? ViolationCode { get; set; }
        [Display(Name = "违法事实")] public string? Facts { get; set; }
        [Display(Name = "违法行为发生日期")] public DateOnly? OccurredOn { get; set; }
        [Display(Name = "行为终了日期")] public DateOnly? EndedOn { get; set; }
    }

    public sealed class PartyFields
    {
        [Display(Name = "当事人类型")] public string? Kind { get; set; }
        [Display(Name = "当事人名称")] public string? Name { get; set; }
        [Display(Name = "统一社会信用代码")] public string? UnifiedSocialCreditCode { get; set; }
        [Display(Name = "身份证件号码")] public string? IdNumber { get; set; }
        [Display(Name = "当事人地址")] public string? Address { get; set; }
    }

    public async Task OnGetAsync()
    {
        await LoadAsync();
        if (!ModelState.IsValid) return;
        Input.Source = Wire.Name(CaseSource.Complaint);
        Input.Party.Kind = Wire.Name(PartyKind.Person);
        var ct = HttpContext.RequestAborted;
        if (InspectionId is { } inspectionId)
        {
            var i = await sender.Send(new GetInspection.Query(inspectionId), ct);
            Input.Source = Wire.Name(CaseSource.Inspection);
            Input.InspectionId = i.Id;
            Input.VenueId = i.VenueId;
            Input.Party.Kind = Wire.Name(PartyKind.Venue);
            Input.OccurredOn = DateOnly.FromDateTime(Show.Beijing(i.StartedAt).DateTime);
            var found = i.Results.Where(r => r.Result == "violation").Select(r => $"{r.Text}：{r.Note}").ToList();
            Input.Facts = $"{Show.Time(i.StartedAt)} 现场检查{i.VenueName}时发现：" + (found.Count > 0 ? string.Join("；", found) : i.CaseLeadDescription ?? "");
            FromTitle = $"检查记录：{i.VenueName}（{Show.Time(i.StartedAt)}）";
            Violations = await sender.Send(new ListViolations.Query(i.VenueType), ct);
        }
        else if (VenueId is { } venueId)
        {
            var v = await sender.Send(new GetVenue.Query(venueId), ct);
            Input.VenueId = v.Id;
            Input.Party.Kind = Wire.Name(PartyKind.Venue);
            FromTitle = $"场所：{v.Name}";
            Violations = await sender.Send(new ListViolations.Query(v.Type), ct);
        }
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var (ok, created) = await this.TrySendAsync(sender, new OpenLead.Command
        {
            Source = Input.Source,
            SourceReference = Clean(Input.SourceReference),
            InspectionId = Input.InspectionId,
            VenueId = Input.VenueId,
            Party = new OpenLead.PartyInput(Input.Party.Kind, Clean(Input.Party.Name), Clean(Input.Party.UnifiedSocialCreditCode),
                Clean(Input.Party.IdNumber), Clean(Input.Party.Address)),
            ViolationCode = Clean(Input.ViolationCode),
            Facts = Clean(Input.Facts),
            OccurredOn = Input.OccurredOn,
            EndedOn = Input.EndedOn,
        });
        if (ok)
        {
            TempData["Notice"] = "已登记案件线索，待科长审批立案。";
            return Redirect($"/cases/{created.Id}");
        }
        // The form again, with the list as it was and nothing typed lost.
        var errors = ModelState.Where(e => e.Value!.Errors.Count > 0).ToList();
        ModelState.Clear();
        Stage = null;
        Cursor = null;
        await LoadAsync();
        foreach (var (key, entry) in errors)
            foreach (var error in entry!.Errors) ModelState.AddModelError(key, error.ErrorMessage);
        return Page();
    }

    private async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        if (Violations.Count == 0) Violations = await sender.Send(new ListViolations.Query(null), ct);
        var (ok, page) = await this.TrySendAsync(sender, new SearchCases.Query
        {
            Stage = string.IsNullOrEmpty(Stage) ? null : Stage, Cursor = string.IsNullOrEmpty(Cursor) ? null : Cursor, Limit = PageSize,
        }, "");
        if (ok) Cases = page;
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    public static string SourceName(CaseSource s) => s switch
    {
        CaseSource.Inspection => "检查发现",
        CaseSource.Complaint => "举报投诉",
        CaseSource.Referral => "有关部门移送",
        CaseSource.MayorsMailbox => "区长信箱",
        CaseSource.Petition => "群众信访",
        CaseSource.SuperiorAssignment => "上级交办",
        _ => s.ToString(),
    };

    public static string PartyKindName(PartyKind k) => k switch
    {
        PartyKind.Venue => "场所经营者",
        PartyKind.Person => "个人",
        PartyKind.Company => "单位",
        _ => k.ToString(),
    };
}
