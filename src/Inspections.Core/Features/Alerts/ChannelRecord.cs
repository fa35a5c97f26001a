using Inspections.Core.Common;
using Inspections.Core.Data;

namespace Inspections.Core.Features.Alerts;

/// <summary>Reads a channel for a change: refused when absent or deleted (404) or out of the caller's reach (403).</summary>
internal static class ChannelRecord
{
    public static async Task<NotificationChannelDto> LoadAsync(DbSession db, ICurrentUser user, Guid id, CancellationToken ct)
    {
        var channel = await db.QuerySingleOrDefaultAsync<NotificationChannelDto>(CreateNotificationChannel.SelectOne, new { Id = id }, ct)
            ?? throw new NotFoundException("通知渠道", "notification channel", id.ToString());
        user.EnsureCanChange(channel.Jurisdiction);
        return channel;
    }
}
