using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Alerts;
using Inspections.Core.Features.Calendar;
using Inspections.Core.Features.Users;
using Inspections.Core.Features.Venues;
using Inspections.Domain.Access;
using Inspections.Domain.Calendar;
using Inspections.Domain.Inspections;
using Mediator;

namespace Inspections.Core.Features.Inspections;

/// <summary>
/// Records an on-site inspection 现场检查: at least two officers with credential numbers (active users of
/// the caller's jurisdiction, named by login; names and numbers come from the users table), an answer to
/// every item of the venue type's current checklist, and how it ended. An officer records an
/// inspection they took part in; a supervisor may enter one for others (e.g. from the paper record).
/// </summary>
public static class RecordInspection
{
    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Command : ICommand<InspectionDto>
    {
        public Guid? VenueId { get; init; }
        [OneOf<InspectionKind>] public string? Kind { get; init; }
        public Guid? CampaignId { get; init; }
        public Guid? DrawId { get; init; }
        [OneOf<JointDepartment>] public IReadOnlyList<string>? JointDepartments { get; init; }
        public string? ComplaintReference { get; init; }
        public DateTimeOffset? StartedAt { get; init; }
        public DateTimeOffset? EndedAt { get; init; }
        public IReadOnlyList<Officer>? Officers { get; init; }
        public string? Location { get; init; }
        public double? Latitude { get; init; }
        public double? Longitude { get; init; }
        /// <summary>The checklist version answered; when given it must still be the current one.</summary>
        public int? ChecklistVersion { get; init; }
        public IReadOnlyList<Answer>? Results { get; init; }
        public string? Notes { get; init; }
        [OneOf<InspectionOutcome>] public string? Outcome { get; init; }
        public Rectification? Rectification { get; init; }
        public string? CaseLeadDescription { get; init; }
        public Referral? Referral { get; init; }
        public IReadOnlyList<Seizure>? Seizures { get; init; }
        public bool? VenueClosed { get; init; }
    }

    /// <summary>
    /// An officer as listed on an inspection or a draw: the user's login name. Their name and credential
    /// number 执法证号 are recorded from the users table; a request may still send them, and then they
    /// must be the ones on record.
    /// </summary>
    public sealed record Officer(string? UserId, string? Name, string? CredentialNumber);

    public sealed class OfficerValidator : AbstractValidator<Officer>
    {
        public OfficerValidator()
        {
            RuleFor(p => p.UserId).NotEmpty().MaximumLength(100).Named("用户编号", "User id");
            RuleFor(p => p.Name).MaximumLength(50).Named("姓名", "Name");
            RuleFor(p => p.CredentialNumber).MaximumLength(32).Named("执法证号", "Credential number");
        }
    }

    /// <summary>
    /// The officers named, as the users table knows them: active officers with a credential number
    /// whom the caller's jurisdiction covers, a field error for each that is not, or whose name or
    /// credential number as sent differs from the one on record.
    /// </summary>
    internal static async Task<IReadOnlyList<NamedUser>> OfficersOnRecordAsync(DbSession db, ICurrentUser user,
        IReadOnlyList<Officer> officers, CancellationToken ct)
    {
        var found = await NamedUsers.RequireAsync(db, user,
            officers.Select((o, i) => ($"Officers[{i}].UserId", o.UserId!.Trim())).ToList(), NamedUsers.Officer, ct);
        var failures = new List<FluentValidation.Results.ValidationFailure>();
        for (var i = 0; i < officers.Count; i++)
        {
            var (sent, onRecord) = (officers[i], found[i]);
            if (Input.Clean(sent.Name) is { } name && name != onRecord.DisplayName)
                failures.Add(new($"Officers[{i}].Name", Text.Pick(
                    $"姓名“{name}”与 {onRecord.Id} 登记的姓名“{onRecord.DisplayName}”不符",
                    $"The name '{name}' is not the one on record for {onRecord.Id}")));
            if (Input.Clean(sent.CredentialNumber) is { } credential && credential != onRecord.CredentialNumber)
                failures.Add(new($"Officers[{i}].CredentialNumber", Text.Pick(
                    $"执法证号 {credential} 与 {onRecord.DisplayName}（{onRecord.Id}）登记的执法证号 {onRecord.CredentialNumber} 不符",
                    $"Credential number {credential} is not the one on record for {onRecord.Id} ({onRecord.CredentialNumber})")));
        }
        if (failures.Count > 0) throw new ValidationException(failures);
        return found;
    }

    public sealed record Answer(string? ItemCode, [property: OneOf<ItemResult>] string? Result, string? Note);
    /// <summary>责令整改通知: issued on a local date (default: the inspection's) with a limit in natural days.</summary>
    public sealed record Rectification(DateOnly? IssuedOn, int? LimitDays, string? Requirements);
    public sealed record Referral(string? Department, string? Note);
    public sealed record Seizure(string? Item, int? Quantity, string? Unit);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(x => x.VenueId).NotEmpty().Named("场所", "Venue");
            RuleFor(x => x.Kind).Must(Wire.IsValid<InspectionKind>)
                .Says($"未知的检查类型，可选值：{Wire.Allowed<InspectionKind>()}", $"Unknown inspection kind; allowed: {Wire.Allowed<InspectionKind>()}");
            RuleFor(x => x.CampaignId).NotEmpty().When(x => x.Kind == Wire.Name(InspectionKind.Campaign))
                .Says("专项行动检查须指明所属专项行动", "A campaign inspection names its campaign");
            RuleFor(x => x.DrawId).NotEmpty().When(x => x.Kind == Wire.Name(InspectionKind.Random))
                .Says("双随机抽查须指明抽取批次", "A random inspection names its draw");
            RuleFor(x => x.DrawId).Null().When(x => x.Kind != Wire.Name(InspectionKind.Random))
                .Says("只有双随机抽查关联抽取批次", "Only random inspections belong to a draw");
            RuleFor(x => x.JointDepartments).NotEmpty().When(x => x.Kind == Wire.Name(InspectionKind.Joint))
                .Says("联合检查须列明参与部门", "A joint inspection lists the departments taking part");
            RuleForEach(x => x.JointDepartments).Must(Wire.IsValid<JointDepartment>)
                .Says($"未知的部门，可选值：{Wire.Allowed<JointDepartment>()}", $"Unknown department; allowed: {Wire.Allowed<JointDepartment>()}");
            RuleFor(x => x.ComplaintReference).MaximumLength(100).Named("举报编号", "Complaint reference");

            RuleFor(x => x.StartedAt).NotNull().Named("开始时间", "Start time");
            RuleFor(x => x.EndedAt).NotNull().Named("结束时间", "End time");
            RuleFor(x => x.EndedAt).GreaterThan(x => x.StartedAt).When(x => x.StartedAt is not null && x.EndedAt is not null)
                .Says("结束时间须晚于开始时间", "The end must be after the start");
            RuleFor(x => x.EndedAt).Must((x, end) => end!.Value - x.StartedAt!.Value <= TimeSpan.FromHours(24))
                .When(x => x.StartedAt is not null && x.EndedAt is not null)
                .Says("一次检查不超过 24 小时", "One inspection lasts at most 24 hours");
            RuleFor(x => x.EndedAt).Must(end => end!.Value <= clock.GetUtcNow().AddMinutes(10)).When(x => x.EndedAt is not null)
                .Says("不能登记尚未结束的检查", "An inspection cannot end in the future");

            RuleFor(x => x.Officers).NotNull().Named("执法人员", "Officers");
            RuleFor(x => x.Officers!.Count).GreaterThanOrEqualTo(2).OverridePropertyName("Officers").When(x => x.Officers is not null)
                .Says("现场检查须有两名以上执法人员（《行政处罚法》第四十二条）", "At least two officers must inspect (Administrative Penalty Law art. 42)");
            RuleFor(x => x.Officers).Must(o => o!.Select(p => p?.UserId?.Trim()).Distinct(StringComparer.Ordinal).Count() == o!.Count)
                .When(x => x.Officers is not null).Says("执法人员不能重复", "The same officer is listed twice");
            RuleForEach(x => x.Officers).SetValidator(new OfficerValidator());

            RuleFor(x => x.Location).MaximumLength(400).Named("检查地点", "Location");
            RuleFor(x => x.Latitude).InclusiveBetween(-90, 90).Named("纬度", "Latitude");
            RuleFor(x => x.Longitude).InclusiveBetween(-180, 180).Named("经度", "Longitude");
            RuleFor(x => x.Longitude).NotNull().When(x => x.Latitude is not null).Says("经纬度须同时填写", "Give both latitude and longitude");
            RuleFor(x => x.Latitude).NotNull().When(x => x.Longitude is not null).Says("经纬度须同时填写", "Give both latitude and longitude");
            RuleFor(x => x.ChecklistVersion).GreaterThan(0).Named("检查表版本", "Checklist version");

            RuleFor(x => x.Results).NotEmpty().Named("检查结果", "Results");
            RuleFor(x => x.Results).Must(r => r!.Select(a => a?.ItemCode?.Trim()).Distinct(StringComparer.Ordinal).Count() == r!.Count)
                .When(x => x.Results is not null).Says("同一检查项只能回答一次", "Each item is answered once");
            RuleForEach(x => x.Results).ChildRules(a =>
            {
                a.RuleFor(r => r.ItemCode).NotEmpty().Named("检查项编码", "Item code");
                a.RuleFor(r => r.Result).Must(Wire.IsValid<ItemResult>)
                    .Says($"未知的检查结论，可选值：{Wire.Allowed<ItemResult>()}", $"Unknown result; allowed: {Wire.Allowed<ItemResult>()}");
                a.RuleFor(r => r.Note).NotEmpty().When(r => r.Result == Wire.Name(ItemResult.Violation))
                    .Says("违规项须写明违规情况", "A violation needs a note saying what was found");
                a.RuleFor(r => r.Note).MaximumLength(2000).Named("说明", "Note");
            });
            RuleFor(x => x.Notes).MaximumLength(4000).Named("备注", "Notes");

            RuleFor(x => x.Outcome).Must(Wire.IsValid<InspectionOutcome>)
                .Says($"未知的处理结果，可选值：{Wire.Allowed<InspectionOutcome>()}", $"Unknown outcome; allowed: {Wire.Allowed<InspectionOutcome>()}");
            RuleFor(x => x.Outcome).Must((x, outcome) => Wire.TryParse<InspectionOutcome>(outcome, out var o) && o.FitsViolations(Violations(x)))
                .When(x => Wire.IsValid<InspectionOutcome>(x.Outcome) && x.Results is not null)
                .Says("处理结果与检查结论不符：未发现违规时结果应为“未发现问题”，发现违规时不能为“未发现问题”",
                      "The outcome does not fit the answers: compliant exactly when no item is a violation");

            RuleFor(x => x.Rectification).NotNull().When(x => x.Outcome == Wire.Name(InspectionOutcome.RectificationNotice))
                .Says("责令整改须填写整改通知（期限、要求）", "A rectification notice needs its limit and requirements");
            RuleFor(x => x.Rectification).Null().When(x => x.Outcome != Wire.Name(InspectionOutcome.RectificationNotice))
                .Says("只有责令整改才填写整改通知", "Only a rectification-notice outcome carries a notice");
            RuleFor(x => x.Rectification!.LimitDays).NotNull().InclusiveBetween(1, 365).OverridePropertyName("Rectification.LimitDays")
                .When(x => x.Rectification is not null).Named("整改期限（日）", "Limit (days)");
            RuleFor(x => x.Rectification!.Requirements).NotEmpty().MaximumLength(2000).OverridePropertyName("Rectification.Requirements")
                .When(x => x.Rectification is not null).Named("整改要求", "Requirements");
            RuleFor(x => x.CaseLeadDescription).NotEmpty().When(x => x.Outcome == Wire.Name(InspectionOutcome.CaseLead))
                .Says("转立案须写明案件线索", "A case lead needs a description of the suspected violation");
            RuleFor(x => x.CaseLeadDescription).MaximumLength(2000).Named("案件线索", "Case lead");
            RuleFor(x => x.Referral).NotNull().When(x => x.Outcome == Wire.Name(InspectionOutcome.Referral))
                .Says("移送须写明接收部门", "A referral names the receiving department");
            RuleFor(x => x.Referral!.Department).NotEmpty().MaximumLength(100).OverridePropertyName("Referral.Department")
                .When(x => x.Referral is not null).Named("接收部门", "Department");
            RuleFor(x => x.Referral!.Note).MaximumLength(2000).OverridePropertyName("Referral.Note")
                .When(x => x.Referral is not null).Named("移送说明", "Note");

            RuleFor(x => x.Seizures).Must(s => s!.Count <= 100).When(x => x.Seizures is not null)
                .Says("收缴物品最多 100 项", "At most 100 seizure lines");
            RuleForEach(x => x.Seizures).ChildRules(s =>
            {
                s.RuleFor(i => i.Item).NotEmpty().MaximumLength(200).Named("物品", "Item");
                s.RuleFor(i => i.Quantity).NotNull().InclusiveBetween(1, 1_000_000).Named("数量", "Quantity");
                s.RuleFor(i => i.Unit).NotEmpty().MaximumLength(20).Named("单位", "Unit");
            });
        }

        private static int Violations(Command x) => x.Results!.Count(r => r?.Result == Wire.Name(ItemResult.Violation));
    }

    private static readonly Sql SelectSpecialCampaign = new("SELECT jurisdiction, starts_on, ends_on FROM campaigns WHERE id = @Id");

    private static readonly Sql SelectAssignment = new("""
        SELECT a.first_user_id, a.first_name, a.second_user_id, a.second_name
        FROM random_draw_assignments a
        WHERE a.draw_id = @DrawId AND a.venue_id = @VenueId
        """);

    private sealed record DrawnPair
    {
        public string FirstUserId { get; init; } = "";
        public string FirstName { get; init; } = "";
        public string SecondUserId { get; init; } = "";
        public string SecondName { get; init; } = "";
    }

    internal static readonly Sql Insert = new("""
        INSERT INTO inspections (id, jurisdiction, venue_id, template_id, kind, campaign_id, draw_id, joint_departments,
            complaint_reference, started_at, ended_at, location, latitude, longitude, notes, outcome, violations,
            rectification_issued_on, rectification_limit_days, rectification_due_on, rectification_requirements,
            case_lead, case_lead_description, referral_department, referral_note, venue_closed,
            recorded_by, recorded_by_name, created_at, version)
        VALUES (@Id, @Jurisdiction, @VenueId, @TemplateId, @Kind, @CampaignId, @DrawId, @JointDepartments,
            @ComplaintReference, @StartedAt, @EndedAt, @Location, @Latitude, @Longitude, @Notes, @Outcome, @Violations,
            @RectificationIssuedOn, @RectificationLimitDays, @RectificationDueOn, @RectificationRequirements,
            @CaseLead, @CaseLeadDescription, @ReferralDepartment, @ReferralNote, @VenueClosed,
            @RecordedBy, @RecordedByName, @Now, 1)
        """);

    private static readonly Sql InsertOfficer = new("""
        INSERT INTO inspection_officers (inspection_id, position, user_id, name, credential_number)
        VALUES (@InspectionId, @Position, @UserId, @Name, @CredentialNumber)
        """);

    private static readonly Sql InsertResult = new("""
        INSERT INTO inspection_results (inspection_id, item_id, result, note) VALUES (@InspectionId, @ItemId, @Result, @Note)
        """);

    private static readonly Sql InsertSeizure = new("""
        INSERT INTO inspection_seizures (inspection_id, position, item, quantity, unit)
        VALUES (@InspectionId, @Position, @Item, @Quantity, @Unit)
        """);

    private sealed record SpecialCampaignPeriod
    {
        public string Jurisdiction { get; init; } = "";
        public DateOnly StartsOn { get; init; }
        public DateOnly EndsOn { get; init; }
    }

    public sealed class Handler(DbSession db, ICurrentUser user, TimeProvider clock, CalendarStore calendars) : ICommandHandler<Command, InspectionDto>
    {
        public async ValueTask<InspectionDto> Handle(Command command, CancellationToken ct)
        {
            var venue = await VenueRow.LoadAsync(db, command.VenueId!.Value, ct);
            user.EnsureCanChange(venue.Jurisdiction);
            EnsureRecorderTookPart(command.Officers!);
            var officers = await OfficersOnRecordAsync(db, user, command.Officers!, ct);

            var checklist = await ChecklistRows.FindAsync(db, venue.Type, null, ct)
                ?? throw new ConflictException($"场所类型“{venue.Type}”尚无检查表，请管理员先发布。",
                    $"Venue type '{venue.Type}' has no checklist yet; an administrator must publish one.");
            if (command.ChecklistVersion is { } asked && asked != checklist.Version)
                throw new ConflictException(
                    $"检查表已更新为第 {checklist.Version} 版（提交的是第 {asked} 版），请按新版检查表重新填写。",
                    $"The checklist is now version {checklist.Version} (you answered version {asked}); answer the current one.",
                    new Dictionary<string, object?> { ["currentChecklistVersion"] = checklist.Version });
            var answers = MatchAnswers(checklist, command.Results!);

            var calendar = await calendars.EvaluatorAsync(db, ct);
            var localDate = calendar.LocalDate(command.StartedAt!.Value);
            if (command.CampaignId is { } campaignId) await EnsureSpecialCampaignFits(campaignId, venue.Jurisdiction, localDate, ct);
            if (command.DrawId is { } drawId) await EnsureDrawnPairInspects(drawId, venue, command.Officers!, ct);

            var now = clock.GetUtcNow();
            var id = Guid.CreateVersion7(now);
            var outcome = command.Outcome!;
            var notice = command.Rectification;
            var issuedOn = notice is null ? (DateOnly?)null : notice.IssuedOn ?? calendar.LocalDate(command.EndedAt!.Value);
            if (notice is not null && issuedOn < localDate)
                throw Input.Invalid("Rectification.IssuedOn", "整改通知不能早于检查日期", "The notice cannot be issued before the inspection");
            DateOnly? dueOn = notice is null ? null : RectificationDue(calendar, id, issuedOn!.Value, notice.LimitDays!.Value, now);

            await db.ExecuteAsync(Insert, new
            {
                Id = id,
                venue.Jurisdiction,
                VenueId = venue.Id,
                TemplateId = checklist.Id,
                command.Kind,
                command.CampaignId,
                command.DrawId,
                JointDepartments = command.JointDepartments is { Count: > 0 } d ? string.Join(',', d.Distinct()) : null,
                ComplaintReference = Input.Clean(command.ComplaintReference),
                StartedAt = command.StartedAt!.Value,
                EndedAt = command.EndedAt!.Value,
                Location = Input.Clean(command.Location),
                command.Latitude,
                command.Longitude,
                Notes = Input.Clean(command.Notes),
                Outcome = outcome,
                Violations = answers.Count(a => a.Result == Wire.Name(ItemResult.Violation)),
                RectificationIssuedOn = issuedOn,
                RectificationLimitDays = notice?.LimitDays,
                RectificationDueOn = dueOn,
                RectificationRequirements = Input.Clean(notice?.Requirements),
                CaseLead = outcome == Wire.Name(InspectionOutcome.CaseLead),
                CaseLeadDescription = Input.Clean(command.CaseLeadDescription),
                ReferralDepartment = Input.Clean(command.Referral?.Department),
                ReferralNote = Input.Clean(command.Referral?.Note),
                VenueClosed = command.VenueClosed == true,
                RecordedBy = user.UserId,
                RecordedByName = user.DisplayName,
                Now = now,
            }, ct);
            await db.ExecuteAsync(InsertOfficer, officers.Select((o, i) => new
            {
                InspectionId = id, Position = i + 1, UserId = o.Id, Name = o.DisplayName, CredentialNumber = o.CredentialNumber!,
            }).ToList(), ct);
            await db.ExecuteAsync(InsertResult, answers.Select(a => new { InspectionId = id, a.ItemId, a.Result, a.Note }).ToList(), ct);
            if (command.Seizures is { Count: > 0 } seizures)
                await db.ExecuteAsync(InsertSeizure, seizures.Select((s, i) => new
                {
                    InspectionId = id, Position = i + 1, Item = s.Item!.Trim(), Quantity = s.Quantity!.Value, Unit = s.Unit!.Trim(),
                }).ToList(), ct);

            db.AuditAbout("inspection", id);
            return await InspectionRows.LoadAsync(db, id, ct);
        }

        /// <summary>Officers record their own inspections; a supervisor may enter one for others.</summary>
        private void EnsureRecorderTookPart(IReadOnlyList<Officer> officers)
        {
            if (user.IsInRole(Roles.Supervisor)) return;
            if (!officers.Any(o => string.Equals(o.UserId?.Trim(), user.UserId, StringComparison.Ordinal)))
                throw new ForbiddenException("执法人员只能登记本人参加的检查（须列为检查人员之一）。",
                    "An officer records only inspections they took part in (list yourself among the officers).");
        }

        private sealed record MatchedAnswer(Guid ItemId, string Result, string? Note);

        /// <summary>Every item of the template answered exactly once, and nothing that is not on it.</summary>
        private static List<MatchedAnswer> MatchAnswers(ChecklistDto checklist, IReadOnlyList<Answer> results)
        {
            var byCode = results.ToDictionary(r => r.ItemCode!.Trim(), StringComparer.Ordinal);
            var unknown = byCode.Keys.Where(code => checklist.Items.All(i => i.Code != code)).ToList();
            if (unknown.Count > 0)
                throw Input.Invalid("Results", $"检查表第 {checklist.Version} 版中没有这些检查项：{string.Join("、", unknown)}",
                    $"Checklist version {checklist.Version} has no items {string.Join(", ", unknown)}");
            var missing = checklist.Items.Where(i => !byCode.ContainsKey(i.Code)).ToList();
            if (missing.Count > 0)
                throw Input.Invalid("Results", $"检查表每一项都须回答，尚未回答：{string.Join("、", missing.Select(i => $"{i.Code}（{i.Text}）"))}",
                    $"Every checklist item must be answered; missing: {string.Join(", ", missing.Select(i => i.Code))}");
            return checklist.Items.Select(i => byCode[i.Code])
                .Zip(checklist.Items, (a, i) => new MatchedAnswer(i.Id, a.Result!, Input.Clean(a.Note)))
                .ToList();
        }

        /// <summary>双随机: the venue must be in the draw, and the two officers drawn for it must be the ones inspecting.</summary>
        private async Task EnsureDrawnPairInspects(Guid drawId, VenueDto venue, IReadOnlyList<Officer> officers, CancellationToken ct)
        {
            var pair = await db.QuerySingleOrDefaultAsync<DrawnPair>(SelectAssignment, new { DrawId = drawId, VenueId = venue.Id }, ct)
                ?? throw Input.Invalid("DrawId", "该场所不在此次双随机抽取名单中", "This venue was not drawn in that random draw");
            var present = officers.Select(o => o.UserId?.Trim()).ToHashSet(StringComparer.Ordinal);
            if (!present.Contains(pair.FirstUserId) || !present.Contains(pair.SecondUserId))
                throw Input.Invalid("Officers", $"双随机抽查须由抽中的执法人员（{pair.FirstName}、{pair.SecondName}）实施",
                    $"A random inspection is carried out by the officers drawn for it ({pair.FirstName}, {pair.SecondName})");
        }

        private async Task EnsureSpecialCampaignFits(Guid campaignId, string jurisdiction, DateOnly localDate, CancellationToken ct)
        {
            var campaign = await db.QuerySingleOrDefaultAsync<SpecialCampaignPeriod>(SelectSpecialCampaign, new { Id = campaignId }, ct)
                ?? throw Input.Invalid("CampaignId", "专项行动不存在", "No such campaign");
            if (!Jurisdiction.Covers(campaign.Jurisdiction, jurisdiction))
                throw Input.Invalid("CampaignId", "专项行动不属于该场所所在辖区", "The campaign belongs to another jurisdiction");
            if (localDate < campaign.StartsOn || localDate > campaign.EndsOn)
                throw Input.Invalid("CampaignId", $"检查日期 {localDate:yyyy-MM-dd} 不在专项行动期间（{campaign.StartsOn:yyyy-MM-dd} 至 {campaign.EndsOn:yyyy-MM-dd}）",
                    $"The inspection date {localDate:yyyy-MM-dd} is outside the campaign ({campaign.StartsOn:yyyy-MM-dd} to {campaign.EndsOn:yyyy-MM-dd})");
        }
    }

    /// <summary>
    /// The due date printed on the notice: the limit counted in natural days from the day after issue,
    /// rolled forward off a weekend or holiday by the working calendar. It is stored because the date
    /// served on the venue is what binds, even if the calendar is corrected later.
    /// </summary>
    private static DateOnly RectificationDue(ClockEvaluator calendar, Guid inspectionId, DateOnly issuedOn, int limitDays, DateTimeOffset now)
    {
        var clock = NoticeDeadlineSource.Clock("rectification-notice", inspectionId, issuedOn, limitDays);
        return calendar.Evaluate(clock, now, dueSoonDays: 0).DueDate;
    }
}
