using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Calendar;
using Inspections.Domain.Access;
using Inspections.Domain.Calendar;
using Mediator;

namespace Inspections.Core.Features.OfficeWork;

/// <summary>
/// Registers a letter to answer: one from the district head's mailbox 区长信箱 or a petition letter 信访函. Its limits
/// are fixed now from the settings (OfficeWork): a petition must be told within 15 days whether it is accepted
/// (信访工作条例 art. 32) and, once accepted, answered within 60 (art. 35); a mailbox letter within the local limit.
/// The clock then runs on the working calendar and the deadline scan watches it.
/// </summary>
public static class RecordLetter
{
    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Command : ICommand<LetterDto>
    {
        [OneOf<LetterKind>] public string? Kind { get; init; }
        public DateOnly? ReceivedOn { get; init; }
        public string? Subject { get; init; }
        public string? Sender { get; init; }
        public string? Content { get; init; }
        /// <summary>Defaults to the caller's; a district may record for one of its towns.</summary>
        public string? Jurisdiction { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Kind).NotEmpty().Named("来信类别", "Kind");
            RuleFor(x => x.Kind).Must(Wire.IsValid<LetterKind>).When(x => !string.IsNullOrEmpty(x.Kind))
                .Says($"未知的来信类别，可选值：{Wire.Allowed<LetterKind>()}", $"Unknown kind; allowed: {Wire.Allowed<LetterKind>()}");
            RuleFor(x => x.ReceivedOn).NotNull().Named("收信日期", "Received on");
            RuleFor(x => x.Subject).NotEmpty().MaximumLength(200).Named("事由", "Subject");
            RuleFor(x => x.Sender).NotEmpty().MaximumLength(100).Named("来信人", "Sender");
            RuleFor(x => x.Content).MaximumLength(4000).Named("来信内容", "Content");
            RuleFor(x => x.Jurisdiction).IsJurisdictionCode();
        }
    }

    private static readonly Sql Insert = new($"""
        INSERT INTO office_letters ({LetterRows.Columns})
        VALUES (@Id, @Jurisdiction, @Kind, @ReceivedOn, @Subject, @Sender, @Content, @AcceptLimitDays, NULL, @ReplyLimitKind,
                @ReplyLimitDays, NULL, NULL, NULL, @ResponsibleId, @Now, @Now, 1)
        """);

    public sealed class Handler(DbSession db, ICurrentUser user, TimeProvider clock, ClockOptions clocks, CalendarStore calendars,
        OfficeWorkOptions options) : ICommandHandler<Command, LetterDto>
    {
        public async ValueTask<LetterDto> Handle(Command command, CancellationToken ct)
        {
            var jurisdiction = await OfficeDay.RecordJurisdictionAsync(db, user, command.Jurisdiction, nameof(Command.Jurisdiction), ct);
            OfficeDay.NotAfterToday(command.ReceivedOn!.Value, OfficeDay.Today(clock, clocks), nameof(Command.ReceivedOn), "收信日期", "The date received");
            var kind = Wire.Parse<LetterKind>(command.Kind!);
            var petition = kind == LetterKind.Petition;
            var now = clock.GetUtcNow();
            var id = Guid.CreateVersion7(now);
            await db.ExecuteAsync(Insert, new
            {
                Id = id,
                Jurisdiction = jurisdiction,
                Kind = Wire.Name(kind),
                ReceivedOn = command.ReceivedOn!.Value,
                Subject = command.Subject!.Trim(),
                Sender = command.Sender!.Trim(),
                Content = Input.Clean(command.Content),
                AcceptLimitDays = petition ? options.PetitionAcceptDays : (int?)null,
                ReplyLimitKind = petition ? Wire.Name(ClockKind.NaturalDays) : Wire.Name(options.MailboxKind),
                ReplyLimitDays = petition ? options.PetitionReplyDays : options.MailboxReplyDays,
                ResponsibleId = user.UserId,
                Now = now,
            }, ct);
            db.AuditAbout(LetterRows.EntityType, id);
            return await LetterRows.LoadAsync(db, id, calendars, clocks, clock, ct);
        }
    }
}
