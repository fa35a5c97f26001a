using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Calendar;
using Inspections.Domain.Access;
using Inspections.Domain.Calendar;
using Inspections.Domain.Permits;
using Mediator;

namespace Inspections.Core.Features.Permits;

/// <summary>
/// Moves an application one step: correction requested (every missing item at once), not accepted,
/// accepted, review, suspended and resumed, approved, refused, completed. Only the state machine's
/// edges are taken (else 409 naming the current stage and the allowed next ones). An application
/// past its correction window is first written down as accepted on receipt (art. 32).
/// </summary>
public static class TransitionPermit
{
    [NotForStations(StationBar.Permits)]
    [AllowedRoles(Roles.Clerk, Roles.Supervisor)]
    public sealed record Command : ICommand<PermitDto>
    {
        [RouteValue] public Guid Id { get; init; }
        [OneOf<PermitStage>] public string? To { get; init; }
        public long? Version { get; init; }
        public string? Note { get; init; }
        /// <summary>Codes of listed materials handed in since receipt (补正材料).</summary>
        public IReadOnlyList<string>? Materials { get; init; }
        /// <summary>Why the clock stops: hearing, testing, siteInspection, expertReview.</summary>
        [OneOf<PermitSuspensionKind>] public string? SuspensionKind { get; init; }
        /// <summary>The licence 许可证号 issued on completion of an approval, or the filing number 备案号.</summary>
        public string? CertificateNumber { get; init; }

        internal PermitStage Target => Wire.TryParse<PermitStage>(To, out var s) ? s : PermitStage.Received;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.To).NotEmpty().Named("目标环节", "Target stage")
                .DependentRules(() => RuleFor(x => x.To)
                    .Must(t => Wire.TryParse<PermitStage>(t, out var s) && s != PermitStage.Received)
                    .Says($"未知的目标环节，可选值：{Wire.Allowed<PermitStage>()}", $"Unknown target stage; allowed: {Wire.Allowed<PermitStage>()}"));
            RuleFor(x => x.Version).IsVersion();
            RuleFor(x => x.Note).MaximumLength(1000).Named("说明", "Note");
            RuleFor(x => x.Note).NotEmpty().When(x => x.Target is PermitStage.NotAccepted or PermitStage.Refused)
                .Says("不予受理、不予许可须说明理由", "Not accepting and refusing need the reasons");
            RuleForEach(x => x.Materials).NotEmpty().MaximumLength(40).Named("材料编码", "Material code");
            RuleFor(x => x.SuspensionKind).NotEmpty().When(x => x.Target == PermitStage.Suspended).Named("中止事由", "Suspension kind");
            RuleFor(x => x.SuspensionKind).Must(k => Wire.TryParse<PermitSuspensionKind>(k, out _))
                .When(x => x.Target == PermitStage.Suspended && !string.IsNullOrEmpty(x.SuspensionKind))
                .Says($"中止事由应为：{Wire.Allowed<PermitSuspensionKind>()}", $"Suspension kind must be one of: {Wire.Allowed<PermitSuspensionKind>()}");
            RuleFor(x => x.CertificateNumber).MaximumLength(100).Named("证号", "Certificate number");
        }
    }

    private static readonly Sql InsertSuspension = new("""
        INSERT INTO permit_suspensions (id, application_id, kind, start_on, end_on, reason, created_at, created_by)
        VALUES (@Id, @ApplicationId, @Kind, @StartOn, NULL, @Reason, @Now, @By)
        """);
    private static readonly Sql CloseSuspension = new("""
        UPDATE permit_suspensions SET end_on = @EndOn WHERE application_id = @ApplicationId AND end_on IS NULL
        """);

    public sealed class Handler(DbSession db, ICurrentUser user, TimeProvider clock, CalendarStore calendars, ClockOptions clockOptions, PermitOptions options, PermitView view)
        : ICommandHandler<Command, PermitDto>
    {
        public async ValueTask<PermitDto> Handle(Command command, CancellationToken ct)
        {
            var stored = await PermitRows.LoadForChangeAsync(db, user, command.Id, command.Version!.Value, ct);
            var now = clock.GetUtcNow();
            var evaluator = await calendars.EvaluatorAsync(db, ct);
            var today = evaluator.LocalDate(now);
            var current = await WriteDeemedAcceptanceAsync(stored, evaluator, now, ct);

            var from = current.StageValue;
            var to = command.Target;
            if (to == PermitStage.CorrectionRequested && current.AcceptedDeemed && from == PermitStage.Accepted)
                throw CorrectionTooLate(evaluator, stored, now);
            if (!PermitStageMachine.IsAllowed(from, to, current.KindValue)) throw IllegalStep(from, to, current.KindValue);

            if (to == PermitStage.Approved) await EnsureHearingHeldAsync(current, ct);
            var submitted = PermitMaterials.Check(current.MaterialList, command.Materials, "materials", current.SubmittedCodes);
            var changed = Apply(current with { Submitted = PermitJson.Write(submitted) }, command, to, now, today)
                with { Stage = Wire.Name(to), UpdatedAt = now };

            if (to == PermitStage.Suspended)
            {
                var kind = Wire.Parse<PermitSuspensionKind>(command.SuspensionKind!);
                await db.ExecuteAsync(InsertSuspension, new
                {
                    Id = Guid.CreateVersion7(now), ApplicationId = current.Id, Kind = command.SuspensionKind, StartOn = today,
                    Reason = Input.Clean(command.Note) ?? $"{kind.Chinese()}期间不计入办理时限", Now = now, By = user.UserId,
                }, ct);
            }
            if (from == PermitStage.Suspended)
                // The suspended period ends the day before work resumes; that day counts again.
                await db.ExecuteAsync(CloseSuspension, new { ApplicationId = current.Id, EndOn = today.AddDays(-1) }, ct);

            await PermitRows.SaveAsync(db, current, changed, ct);
            await PermitRows.RecordStepAsync(db, current.Id, current.Version + 1, from, to, user.UserId, user.DisplayName, user.Role, now, command.Note, ct);
            if (to == PermitStage.Completed)
            {
                await HoldToAccountIfLateAsync(changed, evaluator, now, ct);
                await PermitFacts.WriteAsync(db, evaluator, [current.Id], ct);
            }
            db.AuditAbout("permit", current.Id);
            return await view.BuildAsync(db, await PermitRows.LoadAsync(db, current.Id, ct), ct);
        }

        /// <summary>Writes down an acceptance the law already made (art. 32), as its own step by the system.</summary>
        private async Task<PermitRecord> WriteDeemedAcceptanceAsync(PermitRecord stored, ClockEvaluator evaluator, DateTimeOffset now, CancellationToken ct)
        {
            var effective = PermitClocks.Effective(stored, evaluator, now);
            if (ReferenceEquals(effective, stored)) return stored;
            await PermitRows.SaveAsync(db, stored, effective with { UpdatedAt = now }, ct);
            await PermitRows.RecordStepAsync(db, stored.Id, stored.Version + 1, PermitStage.Received, PermitStage.Accepted,
                "system", "系统", Roles.System, now,
                $"收件后 {stored.CorrectionWindowDays} 个工作日内未一次性告知补正，依《行政许可法》第三十二条自收件之日（{stored.ReceivedOn:yyyy-MM-dd}）起视为受理", ct);
            return effective with { Version = stored.Version + 1, UpdatedAt = now };
        }

        private PermitRecord Apply(PermitRecord p, Command command, PermitStage to, DateTimeOffset now, DateOnly today)
        {
            var note = Input.Clean(command.Note);
            switch (to)
            {
                case PermitStage.CorrectionRequested:
                    var missing = p.Missing;
                    if (missing.Count == 0)
                        throw new ConflictException("申请材料已齐全，无需补正，请直接受理。", "Every listed material is in; accept instead of asking for a correction.");
                    return p with { CorrectionItems = PermitJson.Write(missing), CorrectionRequestedOn = today };
                case PermitStage.NotAccepted:
                    return p with { NotAcceptedReason = note };
                case PermitStage.Accepted:
                    EnsureComplete(p, to);
                    return p with { AcceptedAt = now, AcceptedOn = today };
                case PermitStage.Approved:
                    // 行政许可法 art. 44: the certificate is issued and served within 10 working days of this decision.
                    return p with { DecidedAt = now, DecidedOn = today, CertificateLimitDays = options.CertificateLimitDays };
                case PermitStage.Refused:
                    return p with { DecidedAt = now, DecidedOn = today, RefusalReason = note };
                case PermitStage.Completed:
                    if (p.StageValue == PermitStage.Approved && string.IsNullOrWhiteSpace(command.CertificateNumber))
                        throw Input.Invalid("certificateNumber", "准予许可的申请办结时须填写许可证号", "Completing an approval needs the certificate number");
                    if (p.KindValue == PermitKind.Filing) EnsureComplete(p, to);
                    // A filing is accepted and completed in the one act of recording it.
                    return p with
                    {
                        AcceptedAt = p.AcceptedAt ?? p.ReceivedAt,
                        AcceptedOn = p.AcceptedOn ?? p.ReceivedOn,
                        CompletedAt = now,
                        CompletedOn = today,
                        CertificateNumber = Input.Clean(command.CertificateNumber),
                    };
                default:
                    return p;
            }
        }

        private static readonly Sql HeldHearings = new("""
            SELECT COUNT(*) FROM permit_suspensions WHERE application_id = @Id AND kind = 'hearing' AND end_on IS NOT NULL
            """);

        /// <summary>
        /// An item whose regulation requires a hearing before approval (娱乐场所管理条例 art. 10) is approved only
        /// after one was held: a hearing suspension (its time not counted, 行政许可法 art. 45) that has ended.
        /// </summary>
        private async Task EnsureHearingHeldAsync(PermitRecord p, CancellationToken ct)
        {
            if (p.HearingBasis is not { Length: > 0 } basis || p.KindValue != PermitKind.Establish) return;
            if (await db.ExecuteScalarAsync<long>(HeldHearings, new { p.Id }, ct) > 0) return;
            throw new ConflictException(
                $"依{basis}，审批前须举行听证：请先以“听证”中止计时，听证结束后恢复审查，再作出准予许可的决定。",
                "This item's regulation requires a hearing before approval: suspend the clock for a hearing, resume review after it, then approve.",
                new Dictionary<string, object?> { ["hearingRequired"] = true });
        }

        private static void EnsureComplete(PermitRecord p, PermitStage to)
        {
            var missing = p.Missing;
            if (missing.Count == 0) return;
            throw new ConflictException(
                $"申请材料不齐全，不能{to.Chinese()}，尚缺：{string.Join("、", missing.Select(m => m.Name))}。请一次性告知补正。",
                $"Materials are missing, so the application cannot be {to.English()}: {string.Join(", ", missing.Select(m => m.Code))}. Request a correction.",
                new Dictionary<string, object?> { ["missingMaterials"] = missing.Select(m => m.Code).ToArray() });
        }

        private async Task HoldToAccountIfLateAsync(PermitRecord completed, ClockEvaluator evaluator, DateTimeOffset now, CancellationToken ct)
        {
            var suspensions = await db.QueryAsync<SuspensionRow>(PermitView.Suspensions, new { completed.Id }, ct);
            var promised = PermitClocks.Promised(completed, suspensions)!;
            var evaluation = evaluator.Evaluate(promised, now, clockOptions.DueSoonFor("permit"));
            if (evaluation.Status == ClockStatus.CompletedLate)
                await PermitAccountabilityRecords.RaiseAsync(db, completed, "completedLate", evaluation,
                    evaluator.Explain(promised, evaluation, ClockWording.PermitPromised), now, ct);
        }

        private static ConflictException CorrectionTooLate(ClockEvaluator evaluator, PermitRecord stored, DateTimeOffset now)
        {
            var window = evaluator.Evaluate(PermitClocks.CorrectionWindow(stored), now, 0);
            return new ConflictException(
                $"补正告知期限已于 {window.DueDate:yyyy-MM-dd} 届满，依《行政许可法》第三十二条，该申请自收件之日（{stored.ReceivedOn:yyyy-MM-dd}）起视为受理，不能再要求补正。",
                $"The correction window ended on {window.DueDate:yyyy-MM-dd}; by law the application counts as accepted from its receipt on {stored.ReceivedOn:yyyy-MM-dd} and no correction can be asked.",
                new Dictionary<string, object?>
                {
                    ["currentStage"] = Wire.Name(PermitStage.Accepted),
                    ["allowedNext"] = PermitStageMachine.AllowedNext(PermitStage.Accepted, stored.KindValue).Select(Wire.Name).ToArray(),
                });
        }
    }

    /// <summary>409 naming where the application stands and where it may go.</summary>
    internal static ConflictException IllegalStep(PermitStage from, PermitStage to, PermitKind kind)
    {
        var allowed = PermitStageMachine.AllowedNext(from, kind);
        var zh = allowed.Count == 0 ? "无（已终结）" : string.Join("、", allowed.Select(s => s.Chinese()));
        var en = allowed.Count == 0 ? "none (the application is finished)" : string.Join(", ", allowed.Select(s => s.English()));
        return new ConflictException(
            $"申请当前处于“{from.Chinese()}”环节，不能转入“{to.Chinese()}”；可转入：{zh}。",
            $"The application is at {from.English()} and cannot move to {to.English()}; allowed next: {en}.",
            new Dictionary<string, object?>
            {
                ["currentStage"] = Wire.Name(from),
                ["allowedNext"] = allowed.Select(Wire.Name).ToArray(),
            });
    }
}
