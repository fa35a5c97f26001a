using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Users;
using Inspections.Domain.Access;
using Inspections.Domain.Permits;
using Mediator;

namespace Inspections.Core.Features.Permits;

/// <summary>
/// Passes an application to another clerk with a note of where it went and why 去向留言. The file's
/// holder changes; the first-inquiry responsible person 首问责任人 never does. The receiver is an active
/// clerk (or a section head who takes the file on) of the caller's jurisdiction, named by login.
/// </summary>
public static class HandOffPermit
{
    [NotForStations(StationBar.Permits)]
    [AllowedRoles(Roles.Clerk, Roles.Supervisor)]
    public sealed record Command : ICommand<PermitDto>
    {
        [RouteValue] public Guid Id { get; init; }
        public long? Version { get; init; }
        /// <summary>Who takes the file, by login: an active clerk or section head of the caller's jurisdiction.</summary>
        public string? ToUserId { get; init; }
        /// <summary>Optional: the receiver's name is taken from the users table; when sent, it must be that one.</summary>
        public string? ToUserName { get; init; }
        public string? Message { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Version).IsVersion();
            RuleFor(x => x.ToUserId).NotEmpty().MaximumLength(100).Named("接收人", "Receiving clerk");
            RuleFor(x => x.ToUserName).MaximumLength(100).Named("接收人姓名", "Receiving clerk's name");
            RuleFor(x => x.Message).NotEmpty().MaximumLength(1000).Named("去向留言", "Message");
        }
    }

    private static readonly Sql Insert = new("""
        INSERT INTO permit_handoffs (id, application_id, from_user_id, from_user_name, to_user_id, to_user_name, message, handed_at)
        VALUES (@Id, @ApplicationId, @FromUserId, @FromUserName, @ToUserId, @ToUserName, @Message, @Now)
        """);

    public sealed class Handler(DbSession db, ICurrentUser user, TimeProvider clock, PermitView view) : ICommandHandler<Command, PermitDto>
    {
        public async ValueTask<PermitDto> Handle(Command command, CancellationToken ct)
        {
            var current = await PermitRows.LoadForChangeAsync(db, user, command.Id, command.Version!.Value, ct);
            if (PermitStageMachine.IsTerminal(current.StageValue))
                throw new ConflictException($"申请已{current.StageValue.Chinese()}，无需转交。", $"The application is {current.StageValue.English()}; there is nothing to pass on.");
            var to = command.ToUserId!.Trim();
            if (to == current.HolderId)
                throw Input.Invalid("toUserId", "申请已在该经办人手中", "The application is already with that clerk");
            var receiver = await NamedUsers.RequireAsync(db, user, nameof(Command.ToUserId), to, NamedUsers.WindowStaff, ct);
            if (Input.Clean(command.ToUserName) is { } name && name != receiver.DisplayName)
                throw Input.Invalid(nameof(Command.ToUserName), $"姓名“{name}”与 {receiver.Id} 登记的姓名“{receiver.DisplayName}”不符",
                    $"The name '{name}' is not the one on record for {receiver.Id}");
            var now = clock.GetUtcNow();
            await db.ExecuteAsync(Insert, new
            {
                Id = Guid.CreateVersion7(now), ApplicationId = current.Id, FromUserId = current.HolderId, FromUserName = current.HolderName,
                ToUserId = receiver.Id, ToUserName = receiver.DisplayName, Message = command.Message!.Trim(), Now = now,
            }, ct);
            await PermitRows.SaveAsync(db, current, current with { HolderId = receiver.Id, HolderName = receiver.DisplayName, UpdatedAt = now }, ct);
            db.AuditAbout("permit", current.Id);
            return await view.BuildAsync(db, await PermitRows.LoadAsync(db, current.Id, ct), ct);
        }
    }
}
