using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Calendar;
using Inspections.Domain.Access;
using Inspections.Domain.Venues;
using Mediator;

namespace Inspections.Core.Features.OfficeWork;

/// <summary>
/// Records a legal training for venue owners 文化市场经营业主法律法规培训 held by the office (or a town's station):
/// the half-year report counts them ("开展文化市场经营业主法律法规培训5次").
/// </summary>
public static class RecordTraining
{
    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Command : ICommand<TrainingDto>
    {
        public DateOnly? HeldOn { get; init; }
        public string? Subject { get; init; }
        [OneOf<VenueType>] public IReadOnlyList<string?>? VenueTypes { get; init; }
        public int? Attendees { get; init; }
        public string? Place { get; init; }
        public string? Note { get; init; }
        /// <summary>Defaults to the caller's; a district may record for one of its towns.</summary>
        public string? Jurisdiction { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.HeldOn).NotNull().Named("培训日期", "Date");
            RuleFor(x => x.Subject).NotEmpty().MaximumLength(200).Named("培训主题", "Subject");
            RuleFor(x => x.VenueTypes).NotEmpty().Named("参训场所类型", "Venue types");
            RuleFor(x => x.VenueTypes).Must(types => types!.All(Wire.IsValid<VenueType>)).When(x => x.VenueTypes is not null)
                .Says($"未知的场所类型，可选值：{Wire.Allowed<VenueType>()}", $"Unknown venue type; allowed: {Wire.Allowed<VenueType>()}");
            RuleFor(x => x.VenueTypes).Must(types => types!.Distinct().Count() == types!.Count).When(x => x.VenueTypes is not null)
                .Says("场所类型重复", "A venue type is listed twice");
            RuleFor(x => x.Attendees).NotNull().InclusiveBetween(1, 100_000).Named("参训人数", "Attendees");
            RuleFor(x => x.Place).NotEmpty().MaximumLength(200).Named("培训地点", "Place");
            RuleFor(x => x.Note).MaximumLength(2000).Named("备注", "Note");
            RuleFor(x => x.Jurisdiction).IsJurisdictionCode();
        }
    }

    private static readonly Sql Insert = new($"""
        INSERT INTO office_trainings ({TrainingRows.Columns})
        VALUES (@Id, @Jurisdiction, @HeldOn, @Subject, @VenueTypes, @Attendees, @Place, @Note, @Now, @CreatedBy)
        """);

    public sealed class Handler(DbSession db, ICurrentUser user, TimeProvider clock, ClockOptions options) : ICommandHandler<Command, TrainingDto>
    {
        public async ValueTask<TrainingDto> Handle(Command command, CancellationToken ct)
        {
            var jurisdiction = await OfficeDay.RecordJurisdictionAsync(db, user, command.Jurisdiction, nameof(Command.Jurisdiction), ct);
            OfficeDay.NotAfterToday(command.HeldOn!.Value, OfficeDay.Today(clock, options), nameof(Command.HeldOn), "培训日期", "The date");
            var now = clock.GetUtcNow();
            var id = Guid.CreateVersion7(now);
            await db.ExecuteAsync(Insert, new
            {
                Id = id,
                Jurisdiction = jurisdiction,
                HeldOn = command.HeldOn!.Value,
                Subject = command.Subject!.Trim(),
                VenueTypes = string.Join(',', command.VenueTypes!),
                Attendees = command.Attendees!.Value,
                Place = command.Place!.Trim(),
                Note = Input.Clean(command.Note),
                Now = now,
                CreatedBy = user.UserId,
            }, ct);
            db.AuditAbout("training", id);
            return await TrainingRows.LoadAsync(db, id, ct);
        }
    }
}
