using FluentValidation;
using FluentValidation.Results;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Inspections.Domain.Calendar;
using Mediator;

namespace Inspections.Core.Features.Cases;

/// <summary>A supervisor-approved extension 延长办案期限 of the decision limit, with its reason; the supervisor is recorded as approver.</summary>
public static class ExtendCaseLimit
{
    [NotForStations(StationBar.Cases)]
    [AllowedRoles(Roles.Supervisor)]
    public sealed record Command : ICommand<CaseDto>
    {
        [RouteValue] public Guid Id { get; init; }
        public long? Version { get; init; }
        public int? Days { get; init; }
        public string? Reason { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Version).IsVersion();
            RuleFor(x => x.Days).NotNull().Named("延长天数", "Days");
            RuleFor(x => x.Reason).MaximumLength(1000).Named("理由", "Reason");
            RuleFor(x => x).Custom((command, context) =>
            {
                if (command.Days is not { } days) return;
                foreach (var error in ClockExtension.Validate(days, "approver", command.Reason))
                    context.AddFailure(new ValidationFailure(error.Field, Text.Pick(error.MessageZh, error.MessageEn)));
            });
        }
    }

    private static readonly Sql Insert = new("""
        INSERT INTO case_extensions (id, case_id, days, reason, approver_id, approver_name, approved_at)
        VALUES (@Id, @CaseId, @Days, @Reason, @ApproverId, @ApproverName, @Now)
        """);

    public sealed class Handler(DbSession db, ICurrentUser user, TimeProvider clock, CaseView view) : ICommandHandler<Command, CaseDto>
    {
        public async ValueTask<CaseDto> Handle(Command command, CancellationToken ct)
        {
            var c = await CaseRows.LoadForChangeAsync(db, user, command.Id, command.Version!.Value, ct);
            CaseRows.EnsureDecisionClockRuns(c, "延长办案期限", "extend the limit");
            var now = clock.GetUtcNow();
            await db.ExecuteAsync(Insert, new
            {
                Id = Guid.CreateVersion7(now), CaseId = c.Id, command.Days, Reason = command.Reason!.Trim(),
                ApproverId = user.UserId, ApproverName = user.DisplayName, Now = now,
            }, ct);
            return await CaseRows.RecordedAsync(db, view, c, now, ct);
        }
    }
}
