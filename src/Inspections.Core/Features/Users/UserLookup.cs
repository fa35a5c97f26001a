using Inspections.Core.Data;

namespace Inspections.Core.Features.Users;

/// <summary>A user by login, outside any request (the host's `token` command reads the table through it).</summary>
public static class UserLookup
{
    public static async Task<UserDto?> FindAsync(DbSession db, string login, TimeProvider clock, CancellationToken ct) =>
        (await UserRecord.FindAsync(db, login, ct))?.ToDto(clock.GetUtcNow());
}
