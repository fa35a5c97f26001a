using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Inspections.Api.Auth;
using Inspections.Core.Common;
using Inspections.Core.Features.Inspections;
using Inspections.Core.Features.Users;
using Inspections.Core.Features.Venues;
using Inspections.Domain.Calendar;
using Inspections.Domain.Inspections;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Inspections.Api.Pages.Fieldwork;

/// <summary>
/// 现场检查: an officer records an inspection of a venue on a tablet, from the venue type's current checklist
/// (GetChecklist), with two or more officers picked from the jurisdiction's (ListOfficers, the signed-in officer
/// first), the answer to every item, the outcome and, with violations, the rectification notice. It sends the same
/// RecordInspection request as POST /api/inspections, then each photo taken with the device camera as the same
/// UploadEvidence request as POST /api/inspections/{id}/evidence, and lands on the inspection's page.
/// </summary>
[AllowRolesOf(typeof(RecordInspection.Command))]
public sealed class RecordModel(ISender sender, IValidator<UploadEvidence.Command> evidenceRules) : PageModel
{
    /// <summary>Photos sent with one inspection; more go through the inspection's page or the API.</summary>
    public const int MaxPhotos = 12;

    /// <summary>
    /// The kinds chosen here; a special campaign 专项行动 is offered while one runs. A random-draw inspection 双随机抽查 is
    /// opened from its draw (/draws/{id}, ?drawId=…), with the drawn pair of officers, and is recorded as nothing else.
    /// </summary>
    public static readonly InspectionKind[] Kinds = [InspectionKind.Routine, InspectionKind.Complaint, InspectionKind.Joint];

    /// <summary>The draw this inspection carries out, and the venue's drawn pair in it, when opened from a draw.</summary>
    public DrawDto? Draw { get; private set; }
    public DrawAssignmentDto? Assignment { get; private set; }

    /// <summary>The special campaigns running today (and the one asked for), for a campaign inspection.</summary>
    public IReadOnlyList<SpecialCampaignDto> Campaigns { get; private set; } = [];

    public VenueDto Venue { get; private set; } = new();
    public ChecklistDto Checklist { get; private set; } = new();
    public IReadOnlyList<ListOfficers.OfficerSummary> Officers { get; private set; } = [];

    [BindProperty] public Form Input { get; set; } = new();
    [BindProperty] public List<IFormFile> Photos { get; set; } = [];

    /// <summary>What the form holds; property names follow the request's, so its field errors land beside their fields.</summary>
    public sealed class Form
    {
        [Display(Name = "检查类型")] public string? Kind { get; set; } = Wire.Name(InspectionKind.Routine);
        [Display(Name = "抽取批次")] public Guid? DrawId { get; set; }
        [Display(Name = "专项行动")] public Guid? CampaignId { get; set; }
        [Display(Name = "举报编号")] public string? ComplaintReference { get; set; }
        [Display(Name = "参与部门")] public List<string> JointDepartments { get; set; } = [];
        [Display(Name = "开始时间")] public DateTime? StartedAt { get; set; }
        [Display(Name = "结束时间")] public DateTime? EndedAt { get; set; }
        [Display(Name = "执法人员")] public List<string?> Officers { get; set; } = [];
        [Display(Name = "检查地点")] public string? Location { get; set; }
        [Display(Name = "检查表版本")] public int? ChecklistVersion { get; set; }
        public List<Answer> Results { get; set; } = [];
        [Display(Name = "备注")] public string? Notes { get; set; }
        [Display(Name = "处理结果")] public string? Outcome { get; set; }
        public Notice Rectification { get; set; } = new();
        [Display(Name = "案件线索")] public string? CaseLeadDescription { get; set; }
        public Handover Referral { get; set; } = new();
        [Display(Name = "照片说明")] public string? PhotoCaption { get; set; }
    }

    public sealed class Answer
    {
        public string? ItemCode { get; set; }
        [Display(Name = "检查结论")] public string? Result { get; set; }
        [Display(Name = "说明")] public string? Note { get; set; }
    }

    public sealed class Notice
    {
        [Display(Name = "下达日期")] public DateOnly? IssuedOn { get; set; }
        [Display(Name = "整改期限（日）")] public int? LimitDays { get; set; } = 15;
        [Display(Name = "整改要求")] public string? Requirements { get; set; }
    }

    public sealed class Handover
    {
        [Display(Name = "接收部门")] public string? Department { get; set; }
        [Display(Name = "移送说明")] public string? Note { get; set; }
    }

    public async Task OnGetAsync(Guid id, Guid? drawId, Guid? campaignId)
    {
        Input.DrawId = drawId;
        Input.CampaignId = campaignId;
        await LoadAsync(id);
        var now = Show.Beijing(DateTimeOffset.UtcNow).DateTime;
        Input.StartedAt = Minute(now.AddMinutes(-30));
        Input.EndedAt = Minute(now);
        Input.Location = Venue.Address;
        Input.ChecklistVersion = Checklist.Version;
        var me = User.FindFirst(ClaimNames.UserId)?.Value;
        Input.Officers = [Officers.Any(o => o.Id == me) ? me : null, null];
        if (Assignment is { } drawn)
        {
            // The pair the draw chose inspects: preselected, as the draw published them.
            Input.Kind = Wire.Name(InspectionKind.Random);
            Input.Officers = [drawn.FirstUserId, drawn.SecondUserId];
        }
        else if (campaignId is not null) Input.Kind = Wire.Name(InspectionKind.Campaign);
        Input.Results = Checklist.Items.Select(i => new Answer { ItemCode = i.Code }).ToList();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        await LoadAsync(id);
        // The answers are matched to the checklist by code; a form that lost its rows gets them back, empty.
        foreach (var item in Checklist.Items.Where(i => Input.Results.All(r => r.ItemCode != i.Code)))
            Input.Results.Add(new Answer { ItemCode = item.Code });

        var photos = await ReadPhotosAsync();
        foreach (var (field, time) in new[] { ("Input.StartedAt", Input.StartedAt), ("Input.EndedAt", Input.EndedAt) })
            if (time is { } t && (t.Year < 2000 || t.Year > 2999))
                ModelState.AddModelError(field, "请填写有效的日期和时间");
        if (!ModelState.IsValid) return Page();

        var outcome = Input.Outcome;
        var (ok, inspection) = await this.TrySendAsync(sender, new RecordInspection.Command
        {
            VenueId = id,
            Kind = Draw is not null ? Wire.Name(InspectionKind.Random) : Input.Kind,
            DrawId = Draw?.Id,
            CampaignId = Draw is null && Input.Kind == Wire.Name(InspectionKind.Campaign) ? Input.CampaignId : null,
            ComplaintReference = Input.Kind == Wire.Name(InspectionKind.Complaint) ? Clean(Input.ComplaintReference) : null,
            JointDepartments = Input.Kind == Wire.Name(InspectionKind.Joint) ? Input.JointDepartments : null,
            StartedAt = Beijing(Input.StartedAt),
            EndedAt = Beijing(Input.EndedAt),
            Officers = Input.Officers.Where(o => !string.IsNullOrWhiteSpace(o))
                .Select(o => new RecordInspection.Officer(o!.Trim(), null, null)).ToList(),
            Location = Clean(Input.Location),
            ChecklistVersion = Input.ChecklistVersion,
            Results = Input.Results.Select(r => new RecordInspection.Answer(r.ItemCode, r.Result, Clean(r.Note))).ToList(),
            Notes = Clean(Input.Notes),
            Outcome = outcome,
            Rectification = outcome == Wire.Name(InspectionOutcome.RectificationNotice)
                ? new RecordInspection.Rectification(Input.Rectification.IssuedOn, Input.Rectification.LimitDays, Clean(Input.Rectification.Requirements))
                : null,
            CaseLeadDescription = outcome == Wire.Name(InspectionOutcome.CaseLead) ? Clean(Input.CaseLeadDescription) : null,
            Referral = outcome == Wire.Name(InspectionOutcome.Referral)
                ? new RecordInspection.Referral(Clean(Input.Referral.Department), Clean(Input.Referral.Note))
                : null,
        });
        if (!ok)
        {
            Unanswered();
            return Page();
        }

        var failed = new List<string>();
        foreach (var photo in photos)
        {
            try
            {
                await sender.Send(photo with { InspectionId = inspection.Id }, HttpContext.RequestAborted);
            }
            catch (Exception e) when (e is FluentValidation.ValidationException or ConflictException)
            {
                failed.Add(photo.FileName ?? "照片");
            }
        }
        TempData["Notice"] = failed.Count == 0
            ? $"已登记现场检查" + (photos.Count > 0 ? $"，上传照片 {photos.Count} 张。" : "。")
            : $"已登记现场检查；以下照片未能上传，请在检查记录中补传：{string.Join("、", failed)}。";
        return Redirect($"/inspections/{inspection.Id}");
    }

    /// <summary>An item or the outcome left unchosen is asked for in words, not with the request's list of wire values.</summary>
    private void Unanswered()
    {
        for (var i = 0; i < Input.Results.Count; i++)
            if (string.IsNullOrEmpty(Input.Results[i].Result) && ModelState.TryGetValue($"Input.Results[{i}].Result", out var entry) && entry.Errors.Count > 0)
            {
                entry.Errors.Clear();
                entry.Errors.Add("请选择检查结论：符合、违规或不适用");
            }
        if (string.IsNullOrEmpty(Input.Outcome) && ModelState.TryGetValue("Input.Outcome", out var outcome) && outcome.Errors.Count > 0)
        {
            outcome.Errors.Clear();
            outcome.Errors.Add("请选择处理结果");
        }
    }

    /// <summary>
    /// The photos as UploadEvidence requests, checked by that request's own rules (size, JPEG/PNG/PDF by content)
    /// before the inspection is recorded, so a bad photo is an error on the form and records nothing.
    /// </summary>
    private async Task<List<UploadEvidence.Command>> ReadPhotosAsync()
    {
        var photos = Photos.Where(p => p.Length > 0).ToList();
        var commands = new List<UploadEvidence.Command>();
        if (photos.Count > MaxPhotos)
        {
            ModelState.AddModelError(nameof(Photos), $"一次最多上传 {MaxPhotos} 张照片，其余请在检查记录中补传");
            return commands;
        }
        foreach (var photo in photos)
        {
            using var buffer = new MemoryStream();
            await photo.CopyToAsync(buffer, HttpContext.RequestAborted);
            var command = new UploadEvidence.Command
            {
                FileName = Path.GetFileName(photo.FileName), Caption = Clean(Input.PhotoCaption), Content = buffer.ToArray(),
            };
            var result = await evidenceRules.ValidateAsync(command, HttpContext.RequestAborted);
            foreach (var error in result.Errors)
                ModelState.AddModelError(error.PropertyName == "File" ? nameof(Photos) : "Input.PhotoCaption", $"{command.FileName}：{error.ErrorMessage}");
            commands.Add(command);
        }
        return commands;
    }

    private async Task LoadAsync(Guid id)
    {
        var ct = HttpContext.RequestAborted;
        Venue = await sender.Send(new GetVenue.Query(id), ct);
        Checklist = await sender.Send(new GetChecklist.Query(Venue.Type, null), ct);
        Officers = await sender.Send(new ListOfficers.Query(), ct);
        if (Input.DrawId is { } drawId)
        {
            Draw = await sender.Send(new GetDraw.Query(drawId), ct);
            Assignment = Draw.Assignments.FirstOrDefault(a => a.VenueId == id)
                ?? throw new NotFoundException("抽取结果中的该场所", "venue in this draw", id);
        }
        else
        {
            var today = DateOnly.FromDateTime(Show.Beijing(DateTimeOffset.UtcNow).DateTime);
            Campaigns = (await sender.Send(new ListSpecialCampaigns.Query(), ct))
                .Where(c => c.Id == Input.CampaignId || (c.StartsOn <= today && today <= c.EndsOn)).ToList();
        }
    }

    /// <summary>The messages of every field whose key starts with <paramref name="prefix"/> (a row of answers, the officers).</summary>
    public IEnumerable<string> ErrorsUnder(string prefix) =>
        ModelState.Where(e => e.Key == prefix || e.Key.StartsWith(prefix + ".", StringComparison.Ordinal) || e.Key.StartsWith(prefix + "[", StringComparison.Ordinal))
            .SelectMany(e => e.Value!.Errors).Select(e => e.ErrorMessage).Distinct();

    /// <summary>A time typed on the form is a Beijing wall-clock time.</summary>
    private static DateTimeOffset? Beijing(DateTime? local) =>
        local is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Unspecified), ClockEvaluator.ChinaStandardTime.GetUtcOffset(t)) : null;

    private static DateTime Minute(DateTime t) => new(t.Year, t.Month, t.Day, t.Hour, t.Minute, 0);

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    public static string ResultName(ItemResult r) => r switch
    {
        ItemResult.Compliant => "符合",
        ItemResult.Violation => "违规",
        _ => "不适用",
    };
}
