using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.Alerts;

/// <summary>
/// The caller marks an alert they are told of as read 标为已读: their own copy only (the alert itself, and others'
/// copies, stay as they are). Reading it again changes nothing; an alert the caller is not told of is not found.
/// </summary>
public static class MarkAlertRead
{
    [AllowedRoles(Roles.Officer, Roles.Clerk, Roles.Supervisor, Roles.Admin)]
    public sealed record Command(Guid Id) : ICommand<AlertDto>;

    private static readonly Sql Mine = new($"""
        SELECT {AlertDto.Columns}, r.reason, r.read_at
        FROM alerts a JOIN alert_recipients r ON r.alert_id = a.id AND r.user_id = @Me
        WHERE a.id = @Id
        """);

    private static readonly Sql Read = new("UPDATE alert_recipients SET read_at = @Now WHERE alert_id = @Id AND user_id = @Me AND read_at IS NULL");

    public sealed class Handler(DbSession db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, AlertDto>
    {
        public async ValueTask<AlertDto> Handle(Command command, CancellationToken ct)
        {
            var alert = await db.QuerySingleOrDefaultAsync<AlertDto>(Mine, new { command.Id, Me = user.UserId }, ct);
            if (alert is null) throw new NotFoundException("您的预警", "alert of yours", command.Id);
            user.EnsureCanSee(alert.Jurisdiction);
            if (alert.ReadAt is null)
                await db.ExecuteAsync(Read, new { command.Id, Me = user.UserId, Now = clock.GetUtcNow() }, ct);
            db.AuditAbout("alert", command.Id);
            return (await db.QuerySingleOrDefaultAsync<AlertDto>(Mine, new { command.Id, Me = user.UserId }, ct))!;
        }
    }
}
