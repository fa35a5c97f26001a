using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Calendar;
using Inspections.Domain.Access;
using Inspections.Domain.Calendar;
using Inspections.Domain.Cases;
using Mediator;

namespace Inspections.Core.Features.Cases;

/// <summary>
/// Moves a case one step along the general procedure: filing (with its case number), refusal of
/// filing, investigation, legal review, prior notice, hearing, decision, service, execution,
/// closure, archive, or withdrawal. Only the state machine's edges are taken (else 409 naming the
/// current stage and the allowed next ones); the step's own facts travel in its section of the body.
/// </summary>
public static class TransitionCase
{
    /// <summary>
    /// 事先告知: the date the notice of the party's rights (statement, defence, hearing) was served, whether they waived
    /// them, and the penalty the authority intends to impose 拟作出的行政处罚 (行政处罚法 art. 44), printed in the notice.
    /// </summary>
    public sealed record PriorNoticeInput(DateOnly? NoticeOn, bool? RightsWaived, ProposedPenaltyInput? ProposedPenalty = null);

    /// <summary>拟作出的行政处罚: at least one of warning, fine, confiscation of income or items, suspension, revocation.</summary>
    public sealed record ProposedPenaltyInput(
        bool? Warning, decimal? FineAmount, decimal? ConfiscatedIncome, string? ConfiscatedItems, int? SuspensionDays, bool? RevokeLicense);

    /// <summary>The party's hearing request 听证申请 and the day it was made.</summary>
    public sealed record HearingInput(DateOnly? RequestedOn);

    /// <summary>The penalties of a decision, or where a transfer goes.</summary>
    public sealed record DecisionInput(
        bool? Warning, decimal? FineAmount, decimal? ConfiscatedIncome, string? ConfiscatedItems,
        int? SuspensionDays, bool? RevokeLicense, string? TransferredTo);

    /// <summary>送达方式: 直接送达, 留置送达, 邮寄送达, 公告送达 …</summary>
    public sealed record ServiceInput(string? Method);

    /// <summary>
    /// 执行: fine paid (date, amount), the late-payment surcharge paid with it (加处罚款, 行政处罚法 art. 72: 3% of the
    /// fine a day after the payment limit, at most the fine) and confiscated items disposed of.
    /// </summary>
    public sealed record ExecutionInput(DateOnly? FinePaidOn, decimal? FinePaidAmount, string? ItemsDisposed, decimal? SurchargePaidAmount = null);

    [NotForStations(StationBar.Cases)]
    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Command : ICommand<CaseDto>
    {
        [RouteValue] public Guid Id { get; init; }
        [OneOf<CaseStage>] public string? To { get; init; }
        public long? Version { get; init; }
        public string? Note { get; init; }
        public PriorNoticeInput? PriorNotice { get; init; }
        public HearingInput? Hearing { get; init; }
        public DecisionInput? Decision { get; init; }
        public ServiceInput? Service { get; init; }
        public ExecutionInput? Execution { get; init; }

        internal CaseStage Target => Wire.TryParse<CaseStage>(To, out var s) ? s : CaseStage.Lead;
    }

    private const decimal MaxAmount = 100_000_000m;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.To).NotEmpty().Named("目标阶段", "Target stage")
                .DependentRules(() => RuleFor(x => x.To)
                    .Must(t => Wire.TryParse<CaseStage>(t, out var s) && s != CaseStage.Lead)
                    .Says($"未知的目标阶段，可选值：{Wire.Allowed<CaseStage>()}", $"Unknown target stage; allowed: {Wire.Allowed<CaseStage>()}"));
            RuleFor(x => x.Version).IsVersion();
            RuleFor(x => x.Note).MaximumLength(1000).Named("备注", "Note");
            RuleFor(x => x.Note).NotEmpty()
                .When(x => x.Target is CaseStage.NotFiled or CaseStage.Withdrawn or CaseStage.NoPenalty)
                .Says("不予立案、撤销立案、不予处罚须说明理由", "Refusing filing, withdrawing and deciding no penalty need a reason");

            RuleFor(x => x.PriorNotice).NotNull().When(x => x.Target == CaseStage.PriorNotice).Named("事先告知", "Prior notice");
            RuleFor(x => x.PriorNotice!.NoticeOn).NotNull().When(x => x.Target == CaseStage.PriorNotice && x.PriorNotice is not null)
                .OverridePropertyName("PriorNotice.NoticeOn").Named("告知日期", "Notice date");
            RuleFor(x => x.PriorNotice!.ProposedPenalty).NotNull().When(x => x.Target == CaseStage.PriorNotice && x.PriorNotice is not null)
                .OverridePropertyName("PriorNotice.ProposedPenalty")
                .Says("事先告知须写明拟作出的行政处罚（《行政处罚法》第四十四条）", "The prior notice states the proposed penalty (Administrative Penalty Law art. 44)");
            When(x => x.PriorNotice?.ProposedPenalty is not null, () =>
            {
                RuleFor(x => x.PriorNotice!.ProposedPenalty!.FineAmount).InclusiveBetween(0, MaxAmount).PrecisionScale(12, 2, true)
                    .OverridePropertyName("PriorNotice.ProposedPenalty.FineAmount").Named("拟罚款金额", "Proposed fine");
                RuleFor(x => x.PriorNotice!.ProposedPenalty!.ConfiscatedIncome).InclusiveBetween(0, MaxAmount).PrecisionScale(12, 2, true)
                    .OverridePropertyName("PriorNotice.ProposedPenalty.ConfiscatedIncome").Named("拟没收违法所得", "Proposed confiscated income");
                RuleFor(x => x.PriorNotice!.ProposedPenalty!.ConfiscatedItems).MaximumLength(1000)
                    .OverridePropertyName("PriorNotice.ProposedPenalty.ConfiscatedItems").Named("拟没收物品", "Proposed confiscated items");
                RuleFor(x => x.PriorNotice!.ProposedPenalty!.SuspensionDays).InclusiveBetween(1, 3650)
                    .OverridePropertyName("PriorNotice.ProposedPenalty.SuspensionDays").Named("拟责令停业整顿天数", "Proposed suspension days");
                RuleFor(x => x.PriorNotice!.ProposedPenalty).Must(p => HasPenalty(p!))
                    .OverridePropertyName("PriorNotice.ProposedPenalty")
                    .Says("拟作出的行政处罚至少包含一项：警告、罚款、没收违法所得或物品、责令停业整顿、吊销许可证",
                          "The proposed penalty needs at least one of: warning, fine, confiscation, suspension or revocation");
            });

            RuleFor(x => x.Hearing).NotNull().When(x => x.Target == CaseStage.Hearing).Named("听证申请", "Hearing request");
            RuleFor(x => x.Hearing!.RequestedOn).NotNull().When(x => x.Target == CaseStage.Hearing && x.Hearing is not null)
                .OverridePropertyName("Hearing.RequestedOn").Named("申请日期", "Request date");

            RuleFor(x => x.Decision).NotNull().When(x => x.Target is CaseStage.Decided or CaseStage.Transferred).Named("处罚决定", "Decision");
            When(x => x.Decision is not null, () =>
            {
                RuleFor(x => x.Decision!.FineAmount).InclusiveBetween(0, MaxAmount).PrecisionScale(12, 2, true)
                    .OverridePropertyName("Decision.FineAmount").Named("罚款金额", "Fine");
                RuleFor(x => x.Decision!.ConfiscatedIncome).InclusiveBetween(0, MaxAmount).PrecisionScale(12, 2, true)
                    .OverridePropertyName("Decision.ConfiscatedIncome").Named("没收违法所得", "Confiscated income");
                RuleFor(x => x.Decision!.ConfiscatedItems).MaximumLength(1000)
                    .OverridePropertyName("Decision.ConfiscatedItems").Named("没收物品", "Confiscated items");
                RuleFor(x => x.Decision!.SuspensionDays).InclusiveBetween(1, 3650)
                    .OverridePropertyName("Decision.SuspensionDays").Named("停业整顿天数", "Suspension days");
                RuleFor(x => x.Decision!.TransferredTo).MaximumLength(200)
                    .OverridePropertyName("Decision.TransferredTo").Named("移送机关", "Transferred to");
            });
            RuleFor(x => x.Decision).Must(HasPenalty).When(x => x.Target == CaseStage.Decided && x.Decision is not null)
                .Says("处罚决定至少包含一项处罚：警告、罚款、没收违法所得或物品、责令停业整顿、吊销许可证",
                      "A decision needs at least one penalty: warning, fine, confiscation, suspension or revocation");
            RuleFor(x => x.Decision!.TransferredTo).NotEmpty().When(x => x.Target == CaseStage.Transferred && x.Decision is not null)
                .OverridePropertyName("Decision.TransferredTo").Says("移送须写明接收机关", "A transfer names the receiving authority");

            RuleFor(x => x.Service).NotNull().When(x => x.Target == CaseStage.Served).Named("送达", "Service");
            RuleFor(x => x.Service!.Method).NotEmpty().MaximumLength(40).When(x => x.Target == CaseStage.Served && x.Service is not null)
                .OverridePropertyName("Service.Method").Named("送达方式", "Service method");

            RuleFor(x => x.Execution).NotNull().When(x => x.Target == CaseStage.Executed).Named("执行情况", "Execution");
            When(x => x.Execution is not null, () =>
            {
                RuleFor(x => x.Execution!.FinePaidAmount).InclusiveBetween(0, MaxAmount).PrecisionScale(12, 2, true)
                    .OverridePropertyName("Execution.FinePaidAmount").Named("缴纳罚款金额", "Fine paid");
                RuleFor(x => x.Execution!.SurchargePaidAmount).InclusiveBetween(0, MaxAmount).PrecisionScale(12, 2, true)
                    .OverridePropertyName("Execution.SurchargePaidAmount").Named("加处罚款金额", "Surcharge paid");
                RuleFor(x => x.Execution!.ItemsDisposed).MaximumLength(1000)
                    .OverridePropertyName("Execution.ItemsDisposed").Named("物品处置", "Items disposed");
            });
        }

        private static bool HasPenalty(DecisionInput? d) => d is not null &&
            HasPenalty(new ProposedPenaltyInput(d.Warning, d.FineAmount, d.ConfiscatedIncome, d.ConfiscatedItems, d.SuspensionDays, d.RevokeLicense));

        private static bool HasPenalty(ProposedPenaltyInput p) =>
            p.Warning == true || p.FineAmount > 0 || p.ConfiscatedIncome > 0 || !string.IsNullOrWhiteSpace(p.ConfiscatedItems)
            || p.SuspensionDays > 0 || p.RevokeLicense == true;
    }

    private static readonly Sql InsertHearingSuspension = new("""
        INSERT INTO case_suspensions (id, case_id, kind, start_on, end_on, reason, created_at, created_by)
        VALUES (@Id, @CaseId, 'hearing', @StartOn, NULL, @Reason, @Now, @By)
        """);
    private static readonly Sql CloseHearingSuspension = new("""
        UPDATE case_suspensions SET end_on = CASE WHEN start_on > @EndOn THEN start_on ELSE @EndOn END
        WHERE case_id = @CaseId AND kind = 'hearing' AND end_on IS NULL
        """);

    public sealed class Handler(DbSession db, ICurrentUser user, TimeProvider clock, CaseOptions options, CalendarStore calendars, CaseView view)
        : ICommandHandler<Command, CaseDto>
    {
        public async ValueTask<CaseDto> Handle(Command command, CancellationToken ct)
        {
            var current = await CaseRows.LoadForChangeAsync(db, user, command.Id, command.Version!.Value, ct);
            var from = current.StageValue;
            var to = command.Target;
            if (!CaseStageMachine.IsAllowed(from, to)) throw IllegalStep(from, to);
            if (CaseStageMachine.RequiredActor(from, to) == CaseActor.Supervisor && !user.IsInRole(Roles.Supervisor))
                throw new ForbiddenException(
                    $"“{from.Chinese()} → {to.Chinese()}”须由科长/分管领导审批。",
                    $"Only a supervisor may take the step {from.English()} → {to.English()}.");

            var now = clock.GetUtcNow();
            var evaluator = await calendars.EvaluatorAsync(db, ct);
            var today = evaluator.LocalDate(now);
            var changed = Apply(current, command, to, now, today, evaluator) with { Stage = Wire.Name(to), UpdatedAt = now };

            if (to == CaseStage.Filed)
                changed = changed with { CaseNumber = await CaseNumbers.NextAsync(db, options, current.Jurisdiction, today.Year, ct) };
            if (to == CaseStage.Hearing)
                await db.ExecuteAsync(InsertHearingSuspension, new
                {
                    Id = Guid.CreateVersion7(now), CaseId = current.Id, StartOn = command.Hearing!.RequestedOn,
                    Reason = "听证期间不计入办案期限", Now = now, By = user.UserId,
                }, ct);
            if (from == CaseStage.Hearing)
                // The hearing period ends the day before the step that follows it; that day counts again.
                await db.ExecuteAsync(CloseHearingSuspension, new { CaseId = current.Id, EndOn = today.AddDays(-1) }, ct);

            await CaseRows.SaveAsync(db, current, changed, ct);
            // What the closure rate counts is stored with the step that makes it so (the hearing's suspension closed above).
            if (to is CaseStage.Decided or CaseStage.NoPenalty or CaseStage.Transferred or CaseStage.Closed or CaseStage.Withdrawn)
                await CaseFacts.WriteAsync(db, evaluator, [current.Id], ct);
            await CaseRows.RecordStepAsync(db, user, current.Id, current.Version + 1, from, to, now, command.Note, ct);
            db.AuditAbout("case", current.Id);
            return await view.BuildAsync(db, await CaseRows.LoadAsync(db, current.Id, ct), ct);
        }

        /// <summary>The step's own facts, and the rules that need the case as it stands.</summary>
        private CaseRecord Apply(CaseRecord c, Command command, CaseStage to, DateTimeOffset now, DateOnly today, ClockEvaluator evaluator)
        {
            var note = Input.Clean(command.Note);
            switch (to)
            {
                case CaseStage.Filed:
                    return c with { FiledAt = now, FiledOn = today, DecisionLimitDays = options.DecisionLimitDays };
                case CaseStage.NotFiled:
                    return c with { NotFiledReason = note };
                case CaseStage.PriorNotice:
                    var noticeOn = command.PriorNotice!.NoticeOn!.Value;
                    if (noticeOn > today || noticeOn < c.FiledOn)
                        throw Input.Invalid("PriorNotice.NoticeOn", "告知日期应在立案之后且不晚于今天", "The notice date must be after filing and not in the future");
                    var proposed = command.PriorNotice.ProposedPenalty!;
                    return c with
                    {
                        PriorNoticeOn = noticeOn,
                        RightsWaived = command.PriorNotice.RightsWaived ?? false,
                        ProposedWarning = proposed.Warning == true,
                        ProposedFineFen = NullIfZero(CaseWire.Fen(proposed.FineAmount)),
                        ProposedConfiscatedIncomeFen = NullIfZero(CaseWire.Fen(proposed.ConfiscatedIncome)),
                        ProposedConfiscatedItems = Input.Clean(proposed.ConfiscatedItems),
                        ProposedSuspensionDays = proposed.SuspensionDays,
                        ProposedLicenseRevoked = proposed.RevokeLicense == true,
                    };
                case CaseStage.Hearing:
                    var requestedOn = command.Hearing!.RequestedOn!.Value;
                    // 行政处罚法 art. 64 with art. 85: 5 working days from the notice.
                    var lastDay = CaseClocks.StatementLastDay(c, options.HearingRequestDays, evaluator)!.Value;
                    if (requestedOn < c.PriorNoticeOn || requestedOn > today || requestedOn > lastDay)
                        throw Input.Invalid("Hearing.RequestedOn",
                            $"听证申请应在告知之日（{c.PriorNoticeOn:yyyy-MM-dd}）后 {options.HearingRequestDays} 个工作日内（至 {lastDay:yyyy-MM-dd}）提出，且不晚于今天（《行政处罚法》第六十四条、第八十五条）",
                            $"A hearing is requested within {options.HearingRequestDays} working days of the prior notice ({c.PriorNoticeOn:yyyy-MM-dd}, so by {lastDay:yyyy-MM-dd}) and not in the future (Administrative Penalty Law arts. 64 and 85)");
                    return c with { HearingRequestedOn = requestedOn };
                case CaseStage.Decided or CaseStage.NoPenalty or CaseStage.Transferred:
                    EnsureStatementPeriodOver(c, to, today, evaluator);
                    var d = command.Decision;
                    var kind = to switch { CaseStage.Decided => DecisionKind.Penalty, CaseStage.NoPenalty => DecisionKind.NoPenalty, _ => DecisionKind.Transfer };
                    return c with
                    {
                        DecidedAt = now,
                        DecidedOn = today,
                        DecisionKind = Wire.Name(kind),
                        Warning = to == CaseStage.Decided && d?.Warning == true,
                        FineFen = to == CaseStage.Decided ? NullIfZero(CaseWire.Fen(d?.FineAmount)) : null,
                        ConfiscatedIncomeFen = to == CaseStage.Decided ? NullIfZero(CaseWire.Fen(d?.ConfiscatedIncome)) : null,
                        ConfiscatedItems = to == CaseStage.Decided ? Input.Clean(d?.ConfiscatedItems) : null,
                        SuspensionDays = to == CaseStage.Decided ? d?.SuspensionDays : null,
                        LicenseRevoked = to == CaseStage.Decided && d?.RevokeLicense == true,
                        TransferredTo = to == CaseStage.Transferred ? Input.Clean(d?.TransferredTo) : null,
                        ServiceLimitDays = to == CaseStage.Decided ? options.ServiceLimitDays : null,
                    };
                case CaseStage.Served:
                    return c with
                    {
                        ServedAt = now,
                        ServedOn = today,
                        ServiceMethod = Input.Clean(command.Service!.Method),
                        PaymentLimitDays = c.FineFen is > 0 ? options.PaymentLimitDays : null,
                    };
                case CaseStage.Executed:
                    var e = command.Execution!;
                    if (c.FineFen is > 0 && (e.FinePaidOn is null || CaseWire.Fen(e.FinePaidAmount) != c.FineFen))
                        throw Input.Invalid("Execution.FinePaidAmount",
                            $"罚款 {CaseWire.Yuan(c.FineFen):0.00} 元须缴清并注明缴款日期", $"The fine of {CaseWire.Yuan(c.FineFen):0.00} yuan must be paid in full, with the payment date");
                    if (e.FinePaidOn is { } paidOn && (paidOn > today || paidOn < c.ServedOn))
                        throw Input.Invalid("Execution.FinePaidOn", "缴款日期应在送达之后且不晚于今天", "The payment date must be after service and not in the future");
                    var surcharge = e.FinePaidOn is { } on ? CaseClocks.Surcharge(c, evaluator, on) : null;
                    var owed = surcharge?.Fen ?? 0;
                    if ((CaseWire.Fen(e.SurchargePaidAmount) ?? 0) != owed)
                        throw Input.Invalid("Execution.SurchargePaidAmount",
                            owed == 0
                                ? "按期缴纳罚款的，无加处罚款"
                                : $"罚款逾期 {surcharge!.DaysLate} 日缴纳（缴款期限至 {surcharge.PaymentDueDate:yyyy-MM-dd}），依《行政处罚法》第七十二条须加处罚款 {CaseWire.Yuan(owed):0.00} 元（每日 {LateSurcharge.PercentPerDay}%，不超过罚款数额）",
                            owed == 0
                                ? "The fine was paid in time: there is no surcharge"
                                : $"The fine was paid {surcharge!.DaysLate} days late (limit {surcharge.PaymentDueDate:yyyy-MM-dd}); Administrative Penalty Law art. 72 adds a surcharge of {CaseWire.Yuan(owed):0.00} yuan ({LateSurcharge.PercentPerDay}% a day, at most the fine)");
                    if (!string.IsNullOrEmpty(c.ConfiscatedItems) && string.IsNullOrWhiteSpace(e.ItemsDisposed))
                        throw Input.Invalid("Execution.ItemsDisposed", "没收的物品须写明处置情况", "Say how the confiscated items were disposed of");
                    return c with
                    {
                        FinePaidOn = e.FinePaidOn,
                        FinePaidFen = c.FineFen is > 0 ? CaseWire.Fen(e.FinePaidAmount) : null,
                        SurchargePaidFen = owed > 0 ? owed : null,
                        ItemsDisposed = Input.Clean(e.ItemsDisposed),
                        ExecutedAt = now,
                    };
                case CaseStage.Closed:
                    return c with { ClosedAt = now };
                case CaseStage.Archived:
                    return c with { ArchivedAt = now };
                case CaseStage.Withdrawn:
                    return c with { WithdrawnAt = now, WithdrawalReason = note };
                default:
                    return c;
            }
        }

        /// <summary>
        /// After the prior notice the party has the configured days to state, defend and ask for a
        /// hearing; a decision before then would cut those rights off, unless the party waived them.
        /// </summary>
        private void EnsureStatementPeriodOver(CaseRecord c, CaseStage to, DateOnly today, ClockEvaluator evaluator)
        {
            if (c.StageValue != CaseStage.PriorNotice || c.RightsWaived || c.PriorNoticeOn is null) return;
            var lastDay = CaseClocks.StatementLastDay(c, options.HearingRequestDays, evaluator)!.Value;
            if (today <= lastDay)
                throw new ConflictException(
                    $"当事人陈述、申辩及申请听证的期限至 {lastDay:yyyy-MM-dd} 届满，届满前（或当事人放弃权利前）不能作出决定。",
                    $"The party may state, defend and request a hearing until {lastDay:yyyy-MM-dd}; no decision ({to.English()}) before then unless they waived it.",
                    new Dictionary<string, object?> { ["statementPeriodEnds"] = lastDay.ToString("yyyy-MM-dd") });
        }

        private static long? NullIfZero(long? fen) => fen is 0 ? null : fen;
    }

    /// <summary>409 naming where the case stands and where it may go.</summary>
    internal static ConflictException IllegalStep(CaseStage from, CaseStage to)
    {
        var allowed = CaseStageMachine.AllowedNext(from);
        var zh = allowed.Count == 0 ? "无（已终结）" : string.Join("、", allowed.Select(s => s.Chinese()));
        var en = allowed.Count == 0 ? "none (the case is finished)" : string.Join(", ", allowed.Select(s => s.English()));
        return new ConflictException(
            $"案件当前处于“{from.Chinese()}”阶段，不能转入“{to.Chinese()}”；可转入：{zh}。",
            $"The case is at {from.English()} and cannot move to {to.English()}; allowed next: {en}.",
            new Dictionary<string, object?>
            {
                ["currentStage"] = Wire.Name(from),
                ["allowedNext"] = allowed.Select(Wire.Name).ToArray(),
            });
    }
}
