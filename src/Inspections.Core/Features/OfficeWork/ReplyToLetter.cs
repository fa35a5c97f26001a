using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Calendar;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.OfficeWork;

/// <summary>
/// Records the office's reply to a letter 答复 (its date and text): the letter's clock stops and the half-year report
/// counts it ("回复区长信箱1件；回复群众信访函2件"). Once per letter.
/// </summary>
public static class ReplyToLetter
{
    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Command : ICommand<LetterDto>
    {
        [RouteValue] public Guid Id { get; init; }
        public DateOnly? RepliedOn { get; init; }
        public string? Text { get; init; }
        public long? Version { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.RepliedOn).NotNull().Named("答复日期", "Replied on");
            RuleFor(x => x.Text).NotEmpty().MaximumLength(4000).Named("答复内容", "Text");
            RuleFor(x => x.Version).IsVersion();
        }
    }

    private static readonly Sql Update = new("""
        UPDATE office_letters SET replied_on = @RepliedOn, reply_text = @Text, replied_by = @RepliedBy, updated_at = @Now, version = version + 1
        WHERE id = @Id AND version = @Version
        """);

    public sealed class Handler(DbSession db, ICurrentUser user, TimeProvider clock, ClockOptions clocks, CalendarStore calendars)
        : ICommandHandler<Command, LetterDto>
    {
        public async ValueTask<LetterDto> Handle(Command command, CancellationToken ct)
        {
            var letter = await LetterRows.RowAsync(db, command.Id, ct);
            user.EnsureCanChange(letter.Jurisdiction);
            if (letter.RepliedOn is not null)
                throw new ConflictException($"该来信已于 {letter.RepliedOn:yyyy年M月d日} 答复。", $"The letter was replied to on {letter.RepliedOn:yyyy-MM-dd} already.");
            var replied = command.RepliedOn!.Value;
            var earliest = letter.AcceptedOn ?? letter.ReceivedOn;
            if (replied < earliest)
                throw Input.Invalid(nameof(Command.RepliedOn),
                    $"答复日期不能早于{(letter.AcceptedOn is null ? "收信" : "受理")}日期（{earliest:yyyy年M月d日}）",
                    $"The reply cannot precede the {(letter.AcceptedOn is null ? "receipt" : "acceptance")} ({earliest:yyyy-MM-dd})");
            OfficeDay.NotAfterToday(replied, OfficeDay.Today(clock, clocks), nameof(Command.RepliedOn), "答复日期", "The reply date");
            var changed = await db.ExecuteAsync(Update, new
            {
                command.Id, RepliedOn = replied, Text = command.Text!.Trim(), RepliedBy = user.UserId, Now = clock.GetUtcNow(), Version = command.Version!.Value,
            }, ct);
            if (changed == 0)
                throw ConflictException.StaleVersion("来信", "letter", command.Version.Value, (await LetterRows.RowAsync(db, command.Id, ct)).Version);
            await LetterFacts.WriteAsync(db, await calendars.EvaluatorAsync(db, ct), clock.GetUtcNow(), [command.Id], ct);
            db.AuditAbout(LetterRows.EntityType, command.Id);
            return await LetterRows.LoadAsync(db, command.Id, calendars, clocks, clock, ct);
        }
    }
}
