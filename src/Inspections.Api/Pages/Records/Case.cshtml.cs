using System.ComponentModel.DataAnnotations;
using Inspections.Api.Auth;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Features.Cases;
using Inspections.Core.Features.Documents;
using Inspections.Core.Features.Inspections;
using Inspections.Domain.Access;
using Inspections.Domain.Cases;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Inspections.Api.Pages.Records;

/// <summary>
/// A case, from the same GetCase request as GET /api/cases/{id}, carried step by step: the page offers the steps the
/// procedure allows from where the case stands (<see cref="CaseStageMachine"/>), those the signed-in user may take as
/// forms with the fields each needs, sent as the same TransitionCase request as POST /api/cases/{id}/transitions; the
/// decision limit is suspended, resumed and extended with SuspendCaseClock, EndCaseSuspension and ExtendCaseLimit.
/// </summary>
[AllowRolesOf(typeof(GetCase.Query))]
public sealed class CaseModel(ISender sender) : PageModel
{
    public CaseDto Case { get; private set; } = new();

    [BindProperty] public StepForm Step { get; set; } = new();
    [BindProperty] public SuspendForm Suspend { get; set; } = new();
    [BindProperty] public ResumeForm Resume { get; set; } = new();
    [BindProperty] public ExtendForm Extend { get; set; } = new();
    [BindProperty] public LinkForm Link { get; set; } = new();

    /// <summary>Evidence to link, with the same fields as AddCaseEvidence.</summary>
    public sealed class LinkForm
    {
        public long? Version { get; set; }
        [Display(Name = "证据类型")] public string? Kind { get; set; }
        [Display(Name = "证据")] public string? Reference { get; set; }
        [Display(Name = "说明")] public string? Description { get; set; }
    }

    /// <summary>
    /// An inspection record 现场检查记录 of the case's venue (or the inspection it came from), or one of its files (photo,
    /// body-camera video or audio, PDF), that the case does not link yet.
    /// </summary>
    public sealed record Linkable(Guid InspectionId, DateTimeOffset InspectedAt, string Kind, Guid Reference, string Label,
        string? ContentType, string Description);

    public IReadOnlyList<Linkable> Unlinked { get; private set; } = [];

    /// <summary>How many of the venue's latest inspections are offered for linking.</summary>
    public const int LinkableInspections = 20;

    /// <summary>One step's form; property names follow TransitionCase's, so its field errors land beside their fields.</summary>
    public sealed class StepForm
    {
        public string? To { get; set; }
        public long? Version { get; set; }
        [Display(Name = "意见/说明")] public string? Note { get; set; }
        public PriorNoticeFields PriorNotice { get; set; } = new();
        public HearingFields Hearing { get; set; } = new();
        public PenaltyFields Decision { get; set; } = new();
        public ServiceFields Service { get; set; } = new();
        public ExecutionFields Execution { get; set; } = new();
    }

    public sealed class PriorNoticeFields
    {
        [Display(Name = "告知日期")] public DateOnly? NoticeOn { get; set; }
        [Display(Name = "放弃陈述申辩及听证")] public bool? RightsWaived { get; set; }
        public PenaltyFields ProposedPenalty { get; set; } = new();
    }

    public sealed class PenaltyFields
    {
        [Display(Name = "警告")] public bool? Warning { get; set; }
        [Display(Name = "罚款金额")] public decimal? FineAmount { get; set; }
        [Display(Name = "没收违法所得")] public decimal? ConfiscatedIncome { get; set; }
        [Display(Name = "没收物品")] public string? ConfiscatedItems { get; set; }
        [Display(Name = "责令停业整顿天数")] public int? SuspensionDays { get; set; }
        [Display(Name = "吊销许可证")] public bool? RevokeLicense { get; set; }
        [Display(Name = "移送机关")] public string? TransferredTo { get; set; }
    }

    public sealed class HearingFields
    {
        [Display(Name = "申请日期")] public DateOnly? RequestedOn { get; set; }
    }

    public sealed class ServiceFields
    {
        [Display(Name = "送达方式")] public string? Method { get; set; }
    }

    public sealed class ExecutionFields
    {
        [Display(Name = "缴款日期")] public DateOnly? FinePaidOn { get; set; }
        [Display(Name = "缴纳罚款金额")] public decimal? FinePaidAmount { get; set; }
        [Display(Name = "加处罚款金额")] public decimal? SurchargePaidAmount { get; set; }
        [Display(Name = "物品处置")] public string? ItemsDisposed { get; set; }
    }

    public sealed class SuspendForm
    {
        public long? Version { get; set; }
        [Display(Name = "中止事由")] public string? Kind { get; set; }
        [Display(Name = "开始日期")] public DateOnly? StartOn { get; set; }
        [Display(Name = "结束日期")] public DateOnly? EndOn { get; set; }
        [Display(Name = "理由")] public string? Reason { get; set; }
    }

    public sealed class ResumeForm
    {
        public long? Version { get; set; }
        public Guid? SuspensionId { get; set; }
        [Display(Name = "结束日期")] public DateOnly? EndOn { get; set; }
    }

    public sealed class ExtendForm
    {
        public long? Version { get; set; }
        [Display(Name = "延长天数")] public int? Days { get; set; }
        [Display(Name = "理由")] public string? Reason { get; set; }
    }

    /// <summary>送达方式 as the field names them.</summary>
    public static readonly string[] ServiceMethods = ["直接送达", "留置送达", "邮寄送达", "委托送达", "电子送达", "公告送达"];

    public async Task OnGetAsync(Guid id)
    {
        Case = await LoadAsync(id);
        await LoadUnlinkedAsync();
    }

    /// <summary>Links an inspection or one of its files: the same AddCaseEvidence request as POST /api/cases/{id}/evidence.</summary>
    public async Task<IActionResult> OnPostLinkEvidenceAsync(Guid id)
    {
        var (ok, _) = await this.TrySendAsync(sender, new AddCaseEvidence.Command
        {
            Id = id, Version = Link.Version, Kind = Link.Kind, Reference = Clean(Link.Reference), Description = Clean(Link.Description),
        }, "Link", "案件已被他人更新，请核对后重新关联。");
        return await Done(id, ok, "已关联证据。");
    }

    /// <summary>Whether the signed-in user may link evidence to this case now (the request's roles, not a town station, the case still open).</summary>
    public bool MayLink => AllowedRolesAttribute.Of(typeof(AddCaseEvidence.Command))!.Any(User.IsInRole)
        && !Jurisdiction.IsTown(User.FindFirst(ClaimNames.Jurisdiction)?.Value)
        && !CaseStageMachine.IsTerminal(CaseWire.Stage(Case.Stage)) && Case.Stage != "closed";

    /// <summary>
    /// The inspections of the case's venue (the latest <see cref="LinkableInspections"/>, with the case's own inspection),
    /// read with the same SearchInspections and GetInspection requests as the API, and those of their records and files
    /// the case does not link yet.
    /// </summary>
    private async Task LoadUnlinkedAsync()
    {
        if (!MayLink) return;
        var ct = HttpContext.RequestAborted;
        var ids = new List<Guid>();
        if (Case.InspectionId is { } own) ids.Add(own);
        if (Case.VenueId is { } venue)
            ids.AddRange((await sender.Send(new SearchInspections.Query { VenueId = venue, Limit = LinkableInspections }, ct)).Items.Select(i => i.Id));
        var linked = Case.Evidence.Select(e => Guid.TryParse(e.Reference, out var g) ? g : Guid.Empty).ToHashSet();
        var list = new List<Linkable>();
        foreach (var id in ids.Distinct())
        {
            var inspection = await sender.Send(new GetInspection.Query(id), ct);
            var day = Show.Time(inspection.StartedAt);
            if (!linked.Contains(id))
                list.Add(new(id, inspection.StartedAt, "inspection", id, $"现场检查记录（{day}）", null, $"{day} 现场检查记录"));
            foreach (var e in inspection.Evidence.Where(e => !linked.Contains(e.Id)))
            {
                var media = e.ContentType.StartsWith("video/", StringComparison.Ordinal) || e.ContentType.StartsWith("audio/", StringComparison.Ordinal);
                list.Add(new(id, inspection.StartedAt, media ? "recording" : "photo", e.Id, $"{e.FileName}（{day} 检查）", e.ContentType,
                    e.Caption ?? $"{day} 现场检查{(media ? "执法记录仪音视频" : "照片")}：{e.FileName}"));
            }
        }
        Unlinked = list;
    }

    public async Task<IActionResult> OnPostStepAsync(Guid id)
    {
        var s = Step;
        var to = Wire.TryParse<CaseStage>(s.To, out var stage) ? stage : (CaseStage?)null;
        var (ok, changed) = await this.TrySendAsync(sender, new TransitionCase.Command
        {
            Id = id,
            To = s.To,
            Version = s.Version,
            Note = Clean(s.Note),
            PriorNotice = to == CaseStage.PriorNotice
                ? new TransitionCase.PriorNoticeInput(s.PriorNotice.NoticeOn, s.PriorNotice.RightsWaived ?? false, new TransitionCase.ProposedPenaltyInput(
                    s.PriorNotice.ProposedPenalty.Warning ?? false, s.PriorNotice.ProposedPenalty.FineAmount, s.PriorNotice.ProposedPenalty.ConfiscatedIncome,
                    Clean(s.PriorNotice.ProposedPenalty.ConfiscatedItems), s.PriorNotice.ProposedPenalty.SuspensionDays, s.PriorNotice.ProposedPenalty.RevokeLicense ?? false))
                : null,
            Hearing = to == CaseStage.Hearing ? new TransitionCase.HearingInput(s.Hearing.RequestedOn) : null,
            Decision = to is CaseStage.Decided or CaseStage.Transferred
                ? new TransitionCase.DecisionInput(s.Decision.Warning ?? false, s.Decision.FineAmount, s.Decision.ConfiscatedIncome,
                    Clean(s.Decision.ConfiscatedItems), s.Decision.SuspensionDays, s.Decision.RevokeLicense ?? false, Clean(s.Decision.TransferredTo))
                : null,
            Service = to == CaseStage.Served ? new TransitionCase.ServiceInput(Clean(s.Service.Method)) : null,
            Execution = to == CaseStage.Executed
                ? new TransitionCase.ExecutionInput(s.Execution.FinePaidOn, s.Execution.FinePaidAmount, Clean(s.Execution.ItemsDisposed), s.Execution.SurchargePaidAmount)
                : null,
        }, "Step", "案件已被他人更新，请核对后重新办理。");
        return await Done(id, ok, ok ? $"已办理：{changed.StageName}。" : null);
    }

    public async Task<IActionResult> OnPostSuspendAsync(Guid id)
    {
        var (ok, _) = await this.TrySendAsync(sender, new SuspendCaseClock.Command
        {
            Id = id, Version = Suspend.Version, Kind = Suspend.Kind, StartOn = Suspend.StartOn, EndOn = Suspend.EndOn, Reason = Clean(Suspend.Reason),
        }, "Suspend", "案件已被他人更新，请核对后重新登记。");
        return await Done(id, ok, "已登记不计入办案期限的期间。");
    }

    public async Task<IActionResult> OnPostResumeAsync(Guid id)
    {
        var (ok, _) = await this.TrySendAsync(sender, new EndCaseSuspension.Command
        {
            Id = id, SuspensionId = Resume.SuspensionId ?? Guid.Empty, Version = Resume.Version, EndOn = Resume.EndOn,
        }, "Resume", "案件已被他人更新，请核对后重新登记。");
        return await Done(id, ok, "期限已恢复计算。");
    }

    public async Task<IActionResult> OnPostExtendAsync(Guid id)
    {
        var (ok, _) = await this.TrySendAsync(sender, new ExtendCaseLimit.Command
        {
            Id = id, Version = Extend.Version, Days = Extend.Days, Reason = Clean(Extend.Reason),
        }, "Extend", "案件已被他人更新，请核对后重新审批。");
        return await Done(id, ok, "已批准延长办案期限。");
    }

    /// <summary>After a post: back to the page (its address, so a reload does not post again), or the form again with its errors.</summary>
    private async Task<IActionResult> Done(Guid id, bool ok, string? notice)
    {
        if (ok)
        {
            TempData["Notice"] = notice;
            return Redirect($"/cases/{id}");
        }
        Case = await LoadAsync(id);
        await LoadUnlinkedAsync();
        return Page();
    }

    private Task<CaseDto> LoadAsync(Guid id) => sender.Send(new GetCase.Query(id), HttpContext.RequestAborted).AsTask();

    /// <summary>立案审批表 / 行政处罚事先告知书 / 行政处罚决定书 as DOCX, from the same request as GET /api/cases/{id}/documents/{kind}.</summary>
    public async Task<IActionResult> OnGetDocumentAsync(Guid id, string? kind) =>
        Printed.File(await sender.Send(new PrintCaseDocument.Query(id, kind), HttpContext.RequestAborted));

    /// <summary>
    /// A photo or recording linked to the case, for the page's pictures and players: found among the case's evidence (so
    /// only what the case links is served), then read with the same DownloadEvidence request as the inspection's page,
    /// checked against its SHA-256 and answering range requests (206) so a recording plays and seeks.
    /// </summary>
    public async Task<IActionResult> OnGetEvidenceAsync(Guid id, Guid evidenceId)
    {
        var c = await LoadAsync(id);
        var row = c.Evidence.FirstOrDefault(e => e.Id == evidenceId && e.InspectionId is not null)
            ?? throw new NotFoundException("证据", "evidence", evidenceId);
        var file = await sender.Send(new DownloadEvidence.Query(row.InspectionId!.Value, Guid.Parse(row.Reference)), HttpContext.RequestAborted);
        return new FileStreamResult(file.Open(), file.Evidence.ContentType)
        {
            EnableRangeProcessing = true,
            LastModified = file.Evidence.UploadedAt,
            EntityTag = new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{file.Evidence.Sha256}\""),
        };
    }

    /// <summary>A step the procedure allows from here, and whether the signed-in user may take it (filing, legal review, decisions and closure are a section head's).</summary>
    public sealed record Offer(CaseStage To, string Wire, bool Mine);

    /// <summary>The steps <see cref="CaseStageMachine"/> allows from the case's stage, as GetCase lists them.</summary>
    public IReadOnlyList<Offer> Offers => Case.AllowedNext
        .Select(w => Core.Common.Wire.Parse<CaseStage>(w))
        .Select(to => new Offer(to, Core.Common.Wire.Name(to),
            CaseStageMachine.RequiredActor(CaseWire.Stage(Case.Stage), to) == CaseActor.Officer || User.IsInRole(Roles.Supervisor)))
        .ToList();

    /// <summary>The values a step's form shows: what was posted for it when it came back with errors, else the case's own.</summary>
    public StepForm FormFor(CaseStage to)
    {
        if (Step.To == Core.Common.Wire.Name(to)) return Step;
        var today = DateOnly.FromDateTime(Show.Beijing(DateTimeOffset.UtcNow).DateTime);
        var form = new StepForm { To = Core.Common.Wire.Name(to), Version = Case.Version };
        form.PriorNotice.NoticeOn = today;
        form.Hearing.RequestedOn = today;
        form.Execution.FinePaidOn = today;
        form.Execution.FinePaidAmount = Case.Decision?.FineAmount;
        form.Service.Method = ServiceMethods[0];
        if (Case.ProposedPenalty is { } p && to == CaseStage.Decided)
            form.Decision = new PenaltyFields
            {
                Warning = p.Warning, FineAmount = p.FineAmount, ConfiscatedIncome = p.ConfiscatedIncome, ConfiscatedItems = p.ConfiscatedItems,
                SuspensionDays = p.SuspensionDays, RevokeLicense = p.LicenseRevoked,
            };
        return form;
    }

    /// <summary>The errors of one field of one form, only for the form that was posted.</summary>
    public IEnumerable<string> Errors(string key) =>
        ModelState.TryGetValue(key, out var entry) ? entry.Errors.Select(e => e.ErrorMessage) : [];

    /// <summary>Errors of the step form for <paramref name="to"/> under <paramref name="field"/> ("Note", "PriorNotice.NoticeOn" …).</summary>
    public IEnumerable<string> StepErrors(CaseStage to, string field) =>
        Step.To == Core.Common.Wire.Name(to) ? Errors("Step." + field) : [];

    /// <summary>The documents the case's stage has; none for a town station, whose users do not handle cases.</summary>
    public IReadOnlyList<Printed.Link> Documents =>
        Jurisdiction.IsTown(User.FindFirst(ClaimNames.Jurisdiction)?.Value) ? [] :
        new Printed.Link?[]
        {
            new("立案审批表", "filingApproval"),
            Case.PriorNoticeOn is null ? null : new("行政处罚事先告知书", "priorNotice"),
            Case.Decision is { Kind: "penalty" } ? new("行政处罚决定书", "decision") : null,
        }.OfType<Printed.Link>().ToList();

    /// <summary>A penalty as the documents word it: 警告；罚款 3,000.00 元 ….</summary>
    public static IReadOnlyList<string> PenaltyWords(bool warning, decimal? fine, decimal? income, string? items, int? days, bool revoke)
    {
        var list = new List<string>();
        if (warning) list.Add("警告");
        if (fine > 0) list.Add($"罚款 {fine.Value.ToString("N2", Show.Chinese)} 元");
        if (income > 0) list.Add($"没收违法所得 {income.Value.ToString("N2", Show.Chinese)} 元");
        if (!string.IsNullOrWhiteSpace(items)) list.Add($"没收{items}");
        if (days > 0) list.Add($"责令停业整顿 {days} 日");
        if (revoke) list.Add("吊销许可证");
        return list;
    }

    /// <summary>What a step is called on its button, and what it records.</summary>
    public static (string Title, string Hint) Describe(CaseStage to, CaseStage? from = null) => (from, to) switch
    {
        (CaseStage.LegalReview, CaseStage.Investigation) => ("退回补充调查", "法制审核认为证据不足，退回补充调查。"),
        _ => Describe(to),
    };

    private static (string Title, string Hint) Describe(CaseStage to) => to switch
    {
        CaseStage.Filed => ("批准立案", "科长审批：同意立案，编发案号，90 日办案期限开始计算。"),
        CaseStage.NotFiled => ("不予立案", "科长审批：写明不予立案的理由。"),
        CaseStage.Investigation => ("开始调查取证", "询问、勘验、调取证据。"),
        CaseStage.LegalReview => ("提交法制审核", "调查终结，提交法制审核。"),
        CaseStage.PriorNotice => ("送达事先告知书", "告知拟作出的行政处罚及陈述、申辩、听证权利（《行政处罚法》第四十四条）。"),
        CaseStage.Hearing => ("当事人申请听证", "听证期间不计入办案期限。"),
        CaseStage.Decided => ("作出处罚决定", "科长审批：处罚内容（至少一项）。"),
        CaseStage.NoPenalty => ("不予处罚", "科长审批：写明不予处罚的理由。"),
        CaseStage.Transferred => ("移送", "科长审批：写明接收机关。"),
        CaseStage.Served => ("送达决定书", "送达处罚决定书，缴款期限开始计算。"),
        CaseStage.Executed => ("执行完毕", "罚款缴清、没收物品处置。"),
        CaseStage.Closed => ("结案", "科长审批：结案。"),
        CaseStage.Archived => ("归档", "案卷归档。"),
        CaseStage.Withdrawn => ("撤销立案", "科长审批：写明撤销理由。"),
        _ => (to.Chinese(), ""),
    };

    /// <summary>
    /// Where a case clock comes from, as docs/deadlines.md tables it: the article, the day it counts from, and whether
    /// its days are working days (art. 85: 二日、三日、五日、七日) or natural days rolled off a rest day.
    /// </summary>
    public static string ClockBasis(string clock, int days) => clock switch
    {
        "statement" => $"依据：《行政处罚法》第四十四条、第四十五条、第六十三条、第六十四条；自告知之日起 {days} 个工作日（第八十五条：不含法定节假日），期满前（当事人放弃的除外）不得作出决定。",
        "decision" => $"依据：《行政处罚法》第六十条；自立案之日起 {days} 日（自然日，期满日为法定节假日的顺延至其后第一个工作日）；听证、鉴定等期间不计入，经批准可以延长。",
        "service" => $"依据：《行政处罚法》第六十一条；当事人不在场的，自作出决定之日起 {days} 个工作日内送达（第八十五条：不含法定节假日）。",
        "payment" => $"依据：《行政处罚法》第六十七条；自收到处罚决定书之日起 {days} 日内缴纳罚款（自然日，期满日为法定节假日的顺延）；逾期每日按罚款数额的 3% 加处罚款（第七十二条）。",
        _ => "",
    };

    public static string SuspensionKindName(string kind) => kind switch
    {
        "hearing" => "听证",
        "appraisal" => "鉴定、检测",
        "other" => "其他法定不计入期间",
        _ => kind,
    };

    public static string EvidenceKindName(string kind) => kind switch
    {
        "inspection" => "现场检查记录",
        "photo" => "照片",
        "document" => "书证、笔录",
        "recording" => "视听资料",
        _ => kind,
    };

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
