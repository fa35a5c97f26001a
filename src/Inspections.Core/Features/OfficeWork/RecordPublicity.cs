using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Calendar;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.OfficeWork;

/// <summary>
/// Records a publicity event 文化市场法律法规宣传 (a stall, a van, boards, a talk): the half-year report counts them
/// ("组织举办文化市场法律法规宣传5次").
/// </summary>
public static class RecordPublicity
{
    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Command : ICommand<PublicityDto>
    {
        public DateOnly? HeldOn { get; init; }
        public string? Subject { get; init; }
        public string? Place { get; init; }
        /// <summary>How it was done, as the office says it: 宣传车、展板、发放宣传资料、现场咨询、讲座、新媒体.</summary>
        public string? Form { get; init; }
        public string? Note { get; init; }
        /// <summary>Defaults to the caller's; a district may record for one of its towns.</summary>
        public string? Jurisdiction { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.HeldOn).NotNull().Named("宣传日期", "Date");
            RuleFor(x => x.Subject).NotEmpty().MaximumLength(200).Named("宣传主题", "Subject");
            RuleFor(x => x.Place).NotEmpty().MaximumLength(200).Named("宣传地点", "Place");
            RuleFor(x => x.Form).NotEmpty().MaximumLength(50).Named("宣传形式", "Form");
            RuleFor(x => x.Note).MaximumLength(2000).Named("备注", "Note");
            RuleFor(x => x.Jurisdiction).IsJurisdictionCode();
        }
    }

    private static readonly Sql Insert = new($"""
        INSERT INTO office_publicity ({PublicityRows.Columns})
        VALUES (@Id, @Jurisdiction, @HeldOn, @Subject, @Place, @Form, @Note, @Now, @CreatedBy)
        """);

    public sealed class Handler(DbSession db, ICurrentUser user, TimeProvider clock, ClockOptions options) : ICommandHandler<Command, PublicityDto>
    {
        public async ValueTask<PublicityDto> Handle(Command command, CancellationToken ct)
        {
            var jurisdiction = await OfficeDay.RecordJurisdictionAsync(db, user, command.Jurisdiction, nameof(Command.Jurisdiction), ct);
            OfficeDay.NotAfterToday(command.HeldOn!.Value, OfficeDay.Today(clock, options), nameof(Command.HeldOn), "宣传日期", "The date");
            var now = clock.GetUtcNow();
            var id = Guid.CreateVersion7(now);
            await db.ExecuteAsync(Insert, new
            {
                Id = id,
                Jurisdiction = jurisdiction,
                HeldOn = command.HeldOn!.Value,
                Subject = command.Subject!.Trim(),
                Place = command.Place!.Trim(),
                Form = command.Form!.Trim(),
                Note = Input.Clean(command.Note),
                Now = now,
                CreatedBy = user.UserId,
            }, ct);
            db.AuditAbout("publicity", id);
            return await PublicityRows.LoadAsync(db, id, ct);
        }
    }
}
