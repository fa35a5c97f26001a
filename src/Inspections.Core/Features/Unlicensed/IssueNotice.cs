using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Calendar;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.Unlicensed;

/// <summary>
/// The rectification notice 限期整改通知 served on a venue the survey found: a limit in natural days,
/// its due date computed once with the working calendar (a due date on a holiday or weekend rolls to
/// the next working day) and stored, because the date served on the operator is what binds.
/// </summary>
public static class IssueNotice
{
    [NotForStations(StationBar.Campaigns)]
    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Command : VenueStep, ICommand<UnlicensedCampaignVenueDto>
    {
        public DateOnly? IssuedOn { get; init; }
        public int? LimitDays { get; init; }
        public string? Requirements { get; init; }
    }

    public sealed class Validator : VenueStepValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.IssuedOn).NotNull().Named("下达日期", "Issue date");
            RuleFor(x => x.LimitDays).NotNull().InclusiveBetween(1, 365).Named("整改期限（自然日）", "Limit (natural days)");
            RuleFor(x => x.Requirements).NotEmpty().MaximumLength(2000).Named("整改要求", "Requirements");
        }
    }

    private static readonly Sql Record = new("""
        UPDATE unlicensed_campaign_venues
        SET notice_issued_on = @IssuedOn, notice_limit_days = @LimitDays, notice_due_on = @DueOn,
            notice_requirements = @Requirements, version = version + 1
        WHERE id = @Id AND version = @Version AND notice_issued_on IS NULL AND outcome IS NULL
        """);

    public sealed class Handler(DbSession db, ICurrentUser user, CalendarStore calendars, ClockOptions options, TimeProvider clock)
        : ICommandHandler<Command, UnlicensedCampaignVenueDto>
    {
        public async ValueTask<UnlicensedCampaignVenueDto> Handle(Command command, CancellationToken ct)
        {
            var (_, venue) = await VenueSteps.UndecidedAsync(db, user, command, ct);
            if (venue.NoticeIssuedOn is { } issued)
                throw new ConflictException($"该场所已于 {issued:yyyy-MM-dd} 下达整改通知。", $"A notice was already issued on {issued:yyyy-MM-dd}.");

            var evaluator = await calendars.EvaluatorAsync(db, ct);
            var now = clock.GetUtcNow();
            UnlicensedRows.EnsureDated("IssuedOn", command.IssuedOn!.Value, venue.FoundOn, "排查发现日", "the survey date", evaluator.LocalDate(now));
            var due = evaluator.Evaluate(UnlicensedRows.NoticeClock(venue with { NoticeIssuedOn = command.IssuedOn, NoticeLimitDays = command.LimitDays })!,
                now, dueSoonDays: 0).DueDate;

            var changed = await db.ExecuteAsync(Record, new
            {
                Id = venue.Id, command.IssuedOn, command.LimitDays, DueOn = due,
                Requirements = command.Requirements!.Trim(), command.Version,
            }, ct);
            return await VenueSteps.RecordedAsync(db, command, venue, changed, calendars, options, clock, ct);
        }
    }
}
