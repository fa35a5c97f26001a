using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Calendar;
using Inspections.Domain.Access;
using Inspections.Domain.Unlicensed;
using Mediator;

namespace Inspections.Core.Features.Unlicensed;

/// <summary>
/// How the venue's rectification ended, once: licensed 办证 (with its permit application), guidance
/// certificate 灵活就业促创业辅导证, banned 取缔 or referred 函告/移送 to a department. Recording it
/// closes the venue's notice clock.
/// </summary>
public static class RecordOutcome
{
    [NotForStations(StationBar.Campaigns)]
    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Command : VenueStep, ICommand<UnlicensedCampaignVenueDto>
    {
        [OneOf<VenueOutcome>] public string? Outcome { get; init; }
        public DateOnly? DecidedOn { get; init; }
        public Guid? PermitApplicationId { get; init; }
        public string? CertificateNumber { get; init; }
        public string? Department { get; init; }
        public string? Note { get; init; }
    }

    public sealed class Validator : VenueStepValidator<Command>
    {
        private static bool Is(Command c, VenueOutcome outcome) => c.Outcome == Wire.Name(outcome);

        public Validator()
        {
            RuleFor(x => x.Outcome).Must(Wire.IsValid<VenueOutcome>)
                .Says($"整治结果应为：{Wire.Allowed<VenueOutcome>()}", $"Outcome must be one of: {Wire.Allowed<VenueOutcome>()}");
            RuleFor(x => x.DecidedOn).NotNull().Named("办理日期", "Date");
            RuleFor(x => x.PermitApplicationId).NotNull().When(x => Is(x, VenueOutcome.Licensed))
                .Says("办证须关联许可申请", "A licensed venue needs its permit application");
            RuleFor(x => x.PermitApplicationId).Null().When(x => !Is(x, VenueOutcome.Licensed))
                .Says("只有办证才关联许可申请", "Only a licensed outcome links a permit application");
            RuleFor(x => x.CertificateNumber).NotEmpty().When(x => Is(x, VenueOutcome.GuidanceCertificate))
                .Says("发放辅导证须填写证号", "A guidance certificate needs its number");
            RuleFor(x => x.CertificateNumber).MaximumLength(100).Named("辅导证号", "Certificate number");
            RuleFor(x => x.Department).NotEmpty().When(x => Is(x, VenueOutcome.Referred))
                .Says("函告/移送须填写接收部门", "A referral names the department it goes to");
            RuleFor(x => x.Department).MaximumLength(100).Named("接收部门", "Department");
            RuleFor(x => x.Note).MaximumLength(2000).Named("说明", "Note");
        }
    }

    private sealed record PermitRow
    {
        public string Jurisdiction { get; init; } = "";
    }

    private static readonly Sql SelectPermit = new("SELECT jurisdiction FROM permit_applications WHERE id = @Id");

    private static readonly Sql SelectStatuses = new("SELECT status FROM unlicensed_prerequisites WHERE campaign_venue_id = @Id");

    private static readonly Sql CountPermitLinks = new(
        "SELECT COUNT(*) FROM unlicensed_campaign_venues WHERE permit_application_id = @PermitApplicationId");

    private static readonly Sql Record = new("""
        UPDATE unlicensed_campaign_venues
        SET outcome = @Outcome, outcome_on = @DecidedOn, permit_application_id = @PermitApplicationId,
            certificate_number = @CertificateNumber, referral_department = @Department, outcome_note = @Note,
            outcome_by = @By, version = version + 1
        WHERE id = @Id AND version = @Version AND outcome IS NULL
        """);

    public sealed class Handler(DbSession db, ICurrentUser user, CalendarStore calendars, ClockOptions options, TimeProvider clock)
        : ICommandHandler<Command, UnlicensedCampaignVenueDto>
    {
        public async ValueTask<UnlicensedCampaignVenueDto> Handle(Command command, CancellationToken ct)
        {
            var (campaign, venue) = await VenueSteps.UndecidedAsync(db, user, command, ct);
            UnlicensedRows.EnsureDated("DecidedOn", command.DecidedOn!.Value, venue.FoundOn, "排查发现日", "the survey date",
                await UnlicensedRows.TodayAsync(db, calendars, clock, ct));
            if (command.PermitApplicationId is { } permitId)
                await CheckPermitAsync(campaign, venue, permitId, ct);

            var changed = await db.ExecuteAsync(Record, new
            {
                venue.Id, command.Outcome, command.DecidedOn, command.PermitApplicationId,
                CertificateNumber = Input.Clean(command.CertificateNumber), Department = Input.Clean(command.Department),
                Note = Input.Clean(command.Note), By = user.UserId, command.Version,
            }, ct);
            return await VenueSteps.RecordedAsync(db, command, venue, changed, calendars, options, clock, ct);
        }

        private async Task CheckPermitAsync(UnlicensedCampaignDto campaign, UnlicensedCampaignVenueDto venue, Guid permitId, CancellationToken ct)
        {
            var permit = await db.QuerySingleOrDefaultAsync<PermitRow>(SelectPermit, new { Id = permitId }, ct)
                ?? throw Input.Invalid("PermitApplicationId", "未找到该许可申请", "No such permit application");
            if (!Jurisdiction.Covers(campaign.Jurisdiction, permit.Jurisdiction))
                throw Input.Invalid("PermitApplicationId", "该许可申请不属于本辖区", "The permit application belongs to another jurisdiction");
            var statuses = await db.QueryAsync<string>(SelectStatuses, new { venue.Id }, ct);
            if (!UnlicensedTerms.MayBeLicensed(statuses.Select(s => Wire.TryParse<PrerequisiteStatus>(s, out var p) ? p : PrerequisiteStatus.Pending)))
                throw new ConflictException("消防、工商、环保、卫生前置条件全部通过后方可办证。",
                    "A venue is licensed only once fire safety, commerce, environment and health have all approved.");
            if (await db.ExecuteScalarAsync<long>(CountPermitLinks, new { PermitApplicationId = permitId }, ct) > 0)
                throw new ConflictException("该许可申请已关联其他整治场所。", "The permit application is already linked to another venue.");
        }
    }
}
