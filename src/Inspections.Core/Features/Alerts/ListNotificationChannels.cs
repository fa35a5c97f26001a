using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.Alerts;

/// <summary>The notification channels of the caller's jurisdiction and those below it (secrets never shown).</summary>
public static class ListNotificationChannels
{
    [NotForStations(StationBar.SystemWide)]
    [AllowedRoles(Roles.Admin)]
    public sealed record Query : IQuery<IReadOnlyList<NotificationChannelDto>>;

    private static readonly Sql Select = new($"""
        SELECT {NotificationChannelDto.Columns} FROM notification_channels
        WHERE jurisdiction BETWEEN @First AND @Last AND deleted_at IS NULL
        ORDER BY jurisdiction, id
        """);

    public sealed class Handler(DbSession db, ICurrentUser user) : IQueryHandler<Query, IReadOnlyList<NotificationChannelDto>>
    {
        public async ValueTask<IReadOnlyList<NotificationChannelDto>> Handle(Query query, CancellationToken ct)
        {
            var range = Jurisdiction.Range(user.Jurisdiction);
            return await db.QueryAsync<NotificationChannelDto>(Select, new { range.First, range.Last }, ct);
        }
    }
}
