using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.Inspections;

/// <summary>A section head releases a draw for publication 公开 (the "一公开" of 双随机一公开).</summary>
public static class PublishDraw
{
    [NotForStations(StationBar.Campaigns)]
    [AllowedRoles(Roles.Supervisor)]
    public sealed record Command(Guid Id) : ICommand<PublishedDraw.View>;

    private static readonly Sql Publish = new(
        "UPDATE random_draws SET published_at = @Now, version = version + 1 WHERE id = @Id AND published_at IS NULL");

    public sealed class Handler(DbSession db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, PublishedDraw.View>
    {
        public async ValueTask<PublishedDraw.View> Handle(Command command, CancellationToken ct)
        {
            var draw = await DrawRows.LoadAsync(db, command.Id, ct);
            user.EnsureCanChange(draw.Jurisdiction);
            if (await db.ExecuteAsync(Publish, new { command.Id, Now = clock.GetUtcNow() }, ct) == 0)
                throw new ConflictException("该抽取结果已公示。", "This draw has already been published.");
            db.AuditAbout("random-draw", command.Id);
            return PublishedDraw.Of(await DrawRows.LoadAsync(db, command.Id, ct));
        }
    }
}
