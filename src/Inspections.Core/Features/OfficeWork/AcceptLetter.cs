using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Calendar;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.OfficeWork;

/// <summary>
/// Records the written notice that a petition is accepted 告知受理 (信访工作条例 art. 32): the notice's clock stops and
/// the 60-day handling limit (art. 35) starts from that day. Only a petition, once, and before its reply.
/// </summary>
public static class AcceptLetter
{
    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Command : ICommand<LetterDto>
    {
        [RouteValue] public Guid Id { get; init; }
        public DateOnly? AcceptedOn { get; init; }
        public long? Version { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.AcceptedOn).NotNull().Named("受理日期", "Accepted on");
            RuleFor(x => x.Version).IsVersion();
        }
    }

    private static readonly Sql Update = new("""
        UPDATE office_letters SET accepted_on = @AcceptedOn, updated_at = @Now, version = version + 1
        WHERE id = @Id AND version = @Version
        """);

    public sealed class Handler(DbSession db, ICurrentUser user, TimeProvider clock, ClockOptions clocks, CalendarStore calendars)
        : ICommandHandler<Command, LetterDto>
    {
        public async ValueTask<LetterDto> Handle(Command command, CancellationToken ct)
        {
            var letter = await LetterRows.RowAsync(db, command.Id, ct);
            user.EnsureCanChange(letter.Jurisdiction);
            if (letter.KindValue != LetterKind.Petition)
                throw new ConflictException("只有群众信访函需要告知是否受理，区长信箱来信直接回复。",
                    "Only a petition letter is accepted; a mailbox letter is simply replied to.");
            if (letter.AcceptedOn is not null)
                throw new ConflictException($"该信访事项已于 {letter.AcceptedOn:yyyy年M月d日} 告知受理。",
                    $"The petition was accepted on {letter.AcceptedOn:yyyy-MM-dd} already.");
            if (letter.RepliedOn is not null)
                throw new ConflictException("该来信已答复，不能再登记受理。", "The letter was replied to already.");
            var accepted = command.AcceptedOn!.Value;
            if (accepted < letter.ReceivedOn)
                throw Input.Invalid(nameof(Command.AcceptedOn), $"受理日期不能早于收信日期（{letter.ReceivedOn:yyyy年M月d日}）",
                    $"The acceptance cannot precede receipt ({letter.ReceivedOn:yyyy-MM-dd})");
            OfficeDay.NotAfterToday(accepted, OfficeDay.Today(clock, clocks), nameof(Command.AcceptedOn), "受理日期", "The acceptance date");
            var changed = await db.ExecuteAsync(Update, new { command.Id, AcceptedOn = accepted, Now = clock.GetUtcNow(), Version = command.Version!.Value }, ct);
            if (changed == 0)
                throw ConflictException.StaleVersion("来信", "letter", command.Version.Value, (await LetterRows.RowAsync(db, command.Id, ct)).Version);
            db.AuditAbout(LetterRows.EntityType, command.Id);
            return await LetterRows.LoadAsync(db, command.Id, calendars, clocks, clock, ct);
        }
    }
}
