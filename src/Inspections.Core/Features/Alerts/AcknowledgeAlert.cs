using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.Alerts;

/// <summary>Marks an alert as seen 已阅; the caller sends the version they read.</summary>
public static class AcknowledgeAlert
{
    [AllowedRoles(Roles.Officer, Roles.Clerk, Roles.Supervisor, Roles.Admin)]
    public sealed record Command(Guid Id, long? Version) : ICommand<AlertDto>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(x => x.Version).IsVersion();
    }

    private static readonly Sql SelectOne = new($"SELECT {AlertDto.Columns} FROM alerts WHERE id = @Id");
    private static readonly Sql Acknowledge = new("""
        UPDATE alerts SET acknowledged_at = @Now, acknowledged_by = @By, version = version + 1
        WHERE id = @Id AND version = @Version AND acknowledged_at IS NULL
        """);

    private static readonly Sql ReadOwn = new("UPDATE alert_recipients SET read_at = @Now WHERE alert_id = @Id AND user_id = @By AND read_at IS NULL");

    public sealed class Handler(DbSession db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, AlertDto>
    {
        public async ValueTask<AlertDto> Handle(Command command, CancellationToken ct)
        {
            var alert = await db.QuerySingleOrDefaultAsync<AlertDto>(SelectOne, new { command.Id }, ct)
                ?? throw new NotFoundException("预警", "alert", command.Id);
            user.EnsureCanChange(alert.Jurisdiction);
            if (alert.AcknowledgedAt is not null)
                throw new ConflictException($"该预警已由 {alert.AcknowledgedBy} 确认。", $"The alert was already acknowledged by {alert.AcknowledgedBy}.");
            var changed = await db.ExecuteAsync(Acknowledge, new { command.Id, command.Version, Now = clock.GetUtcNow(), By = user.UserId }, ct);
            if (changed == 0) // read again: the version read above may predate the winner's commit
                throw ConflictException.StaleVersion("预警", "alert", command.Version!.Value,
                    (await db.QuerySingleOrDefaultAsync<AlertDto>(SelectOne, new { command.Id }, ct))?.Version);
            // Acknowledging it reads the caller's own copy too.
            await db.ExecuteAsync(ReadOwn, new { command.Id, Now = clock.GetUtcNow(), By = user.UserId }, ct);
            db.AuditAbout("alert", command.Id);
            return (await db.QuerySingleOrDefaultAsync<AlertDto>(SelectOne, new { command.Id }, ct))!;
        }
    }
}
