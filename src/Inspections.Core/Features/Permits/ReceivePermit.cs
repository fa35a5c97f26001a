using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Calendar;
using Inspections.Domain.Access;
using Inspections.Domain.Permits;
using Inspections.Domain.Venues;
using Mediator;

namespace Inspections.Core.Features.Permits;

/// <summary>
/// Receives an application at the window 收件. The receiving clerk becomes its first-inquiry
/// responsible person 首问责任人 for good; the item's name, limits and materials list are copied in,
/// so a later catalog edit never changes an application already received.
/// </summary>
public static class ReceivePermit
{
    public sealed record ApplicantInput(string? Name, string? UnifiedSocialCreditCode, string? Phone);

    [NotForStations(StationBar.Permits)]
    [AllowedRoles(Roles.Clerk)]
    public sealed record Command : ICommand<PermitDto>
    {
        public string? ItemCode { get; init; }
        [OneOf<PermitKind>] public string? Kind { get; init; }
        public ApplicantInput? Applicant { get; init; }
        public Guid? VenueId { get; init; }
        /// <summary>Codes of the listed materials handed in with the application.</summary>
        public IReadOnlyList<string>? Materials { get; init; }
        public string? Note { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.ItemCode).NotEmpty().MaximumLength(40).Named("许可事项", "Permit item");
            RuleFor(x => x.Kind).NotEmpty().Named("申请类型", "Kind")
                .DependentRules(() => RuleFor(x => x.Kind).Must(k => Wire.TryParse<PermitKind>(k, out _))
                    .Says($"未知的申请类型，可选值：{Wire.Allowed<PermitKind>()}", $"Unknown kind; allowed: {Wire.Allowed<PermitKind>()}"));
            RuleFor(x => x.Applicant).NotNull().Named("申请人", "Applicant");
            RuleFor(x => x.Applicant!.Name).NotEmpty().MaximumLength(200).When(x => x.Applicant is not null)
                .OverridePropertyName("Applicant.Name").Named("申请人名称", "Applicant name");
            RuleFor(x => x.Applicant!.UnifiedSocialCreditCode).Must(UnifiedSocialCreditCode.IsValid)
                .When(x => !string.IsNullOrEmpty(x.Applicant?.UnifiedSocialCreditCode))
                .OverridePropertyName("Applicant.UnifiedSocialCreditCode")
                .Says("统一社会信用代码格式或校验位不正确", "Unified social credit code is malformed or its check character is wrong");
            RuleFor(x => x.Applicant!.Phone).MaximumLength(40).When(x => x.Applicant is not null)
                .OverridePropertyName("Applicant.Phone").Named("联系电话", "Phone");
            RuleForEach(x => x.Materials).NotEmpty().MaximumLength(40).Named("材料编码", "Material code");
            RuleFor(x => x.Note).MaximumLength(1000).Named("备注", "Note");
        }
    }

    private static readonly Sql VenueJurisdiction = new("SELECT jurisdiction FROM venues WHERE id = @Id");
    private static readonly Sql Insert = new("""
        INSERT INTO permit_applications (id, jurisdiction, item_code, item_name, kind, stage, applicant_name, applicant_credit_code,
            applicant_phone, venue_id, statutory_limit_days, promised_limit_days, correction_window_days, hearing_basis, materials, submitted,
            received_at, received_on, accepted_deemed, responsible_id, responsible_name, holder_id, holder_name, updated_at, version)
        VALUES (@Id, @Jurisdiction, @ItemCode, @ItemName, @Kind, 'received', @ApplicantName, @ApplicantCreditCode,
            @ApplicantPhone, @VenueId, @StatutoryLimitDays, @PromisedLimitDays, @CorrectionWindowDays, @HearingBasis, @Materials, @Submitted,
            @Now, @ReceivedOn, @False, @UserId, @UserName, @UserId, @UserName, @Now, 1)
        """);

    public sealed class Handler(DbSession db, ICurrentUser user, TimeProvider clock, CalendarStore calendars, PermitOptions options, PermitView view)
        : ICommandHandler<Command, PermitDto>
    {
        public async ValueTask<PermitDto> Handle(Command command, CancellationToken ct)
        {
            var item = await FindItemAsync(command.ItemCode!, ct);
            if (item is null)
                throw Input.Invalid("itemCode", $"没有编码为“{command.ItemCode}”的许可事项", $"There is no permit item '{command.ItemCode}'");
            if (!item.Kinds.Contains(command.Kind!))
                throw Input.Invalid("kind",
                    $"“{item.Name}”不受理该类型的申请，可受理：{string.Join("、", item.Kinds.Select(k => Wire.Parse<PermitKind>(k).Chinese()))}",
                    $"'{item.Name}' does not take this kind of application; it takes: {string.Join(", ", item.Kinds)}");
            var submitted = PermitMaterials.Check(item.Materials, command.Materials, "materials");
            if (command.VenueId is { } venueId)
            {
                var venueJurisdiction = await db.QuerySingleOrDefaultAsync<string>(VenueJurisdiction, new { Id = venueId }, ct)
                    ?? throw Input.Invalid("venueId", "该场所不存在", "The venue does not exist");
                user.EnsureCanSee(venueJurisdiction);
            }

            var now = clock.GetUtcNow();
            var evaluator = await calendars.EvaluatorAsync(db, ct);
            var id = Guid.CreateVersion7(now);
            await db.ExecuteAsync(Insert, new
            {
                Id = id,
                user.Jurisdiction,
                ItemCode = item.Code,
                ItemName = item.Name,
                command.Kind,
                ApplicantName = command.Applicant!.Name!.Trim(),
                ApplicantCreditCode = Input.Clean(command.Applicant.UnifiedSocialCreditCode),
                ApplicantPhone = Input.Clean(command.Applicant.Phone),
                command.VenueId,
                item.StatutoryLimitDays,
                item.PromisedLimitDays,
                options.CorrectionWindowDays,
                item.HearingBasis,
                Materials = PermitJson.Write(item.Materials),
                Submitted = PermitJson.Write(submitted),
                Now = now,
                ReceivedOn = evaluator.LocalDate(now),
                False = false,
                user.UserId,
                UserName = user.DisplayName,
            }, ct);
            var received = await PermitRows.LoadAsync(db, id, ct);
            // The day rows count the application from its receipt.
            await PermitFigureDays.MoveAsync(db, [], [received], ct);
            await PermitRows.RecordStepAsync(db, id, 1, null, PermitStage.Received, user.UserId, user.DisplayName, user.Role, now, command.Note, ct);
            db.AuditAbout("permit", id);
            return await view.BuildAsync(db, received, ct);
        }

        private async Task<PermitItemDto?> FindItemAsync(string code, CancellationToken ct)
        {
            try { return await PermitItems.LoadAsync(db, code, ct); }
            catch (NotFoundException) { return null; }
        }
    }
}
