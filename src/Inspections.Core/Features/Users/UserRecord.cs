using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;

namespace Inspections.Core.Features.Users;

/// <summary>A row of the users table with its roles, as the user slices read and write it. Holds the password hash: never answered.</summary>
internal sealed record UserRecord
{
    public string Id { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public string Jurisdiction { get; init; } = "";
    public string? CredentialNumber { get; init; }
    public string? Email { get; init; }
    public string? WeComUserId { get; init; }
    public string? DingTalkUserId { get; init; }
    public bool Active { get; init; }
    public string PasswordHash { get; init; } = "";
    public bool MustChangePassword { get; init; }
    public int FailedAttempts { get; init; }
    public DateTimeOffset? LockedUntil { get; init; }
    public DateTimeOffset? LastSignInAt { get; init; }
    public DateTimeOffset PasswordChangedAt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public string CreatedBy { get; init; } = "";
    public DateTimeOffset UpdatedAt { get; init; }
    public long Version { get; init; }
    /// <summary>The roles, comma-separated as the database aggregates them (any order).</summary>
    public string? RoleList { get; init; }

    public IReadOnlyList<string> RoleNames => Ordered(RoleList?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? []);

    public bool IsLocked(DateTimeOffset now) => LockedUntil is { } until && until > now;

    public UserDto ToDto(DateTimeOffset now) => new()
    {
        Id = Id, DisplayName = DisplayName, Roles = RoleNames, Jurisdiction = Jurisdiction, CredentialNumber = CredentialNumber,
        Email = Email, WeComUserId = WeComUserId, DingTalkUserId = DingTalkUserId,
        Active = Active, MustChangePassword = MustChangePassword, LockedUntil = IsLocked(now) ? LockedUntil : null, Version = Version,
    };

    /// <summary>Roles in the order the domain names them (officer, clerk, supervisor, admin), each once.</summary>
    public static IReadOnlyList<string> Ordered(IEnumerable<string> roles)
    {
        var set = roles.ToHashSet(StringComparer.Ordinal);
        return Roles.All.Where(set.Contains).ToArray();
    }

    /// <summary>The roles of the row <c>u</c>, aggregated in one column: each database has its own aggregate.</summary>
    private static string RoleListColumn(SqlDialect d) => d.Provider switch
    {
        DbProvider.Sqlite => "(SELECT group_concat(r.role, ',') FROM user_roles r WHERE r.user_id = u.id) AS role_list",
        DbProvider.Postgres => "(SELECT string_agg(r.role, ',') FROM user_roles r WHERE r.user_id = u.id) AS role_list",
        _ => "(SELECT STRING_AGG(r.role, ',') FROM user_roles r WHERE r.user_id = u.id) AS role_list",
    };

    internal static string Columns(SqlDialect d) => $"""
        u.id, u.display_name, u.jurisdiction, u.credential_number, u.email, u.wecom_user_id, u.dingtalk_user_id, u.active, u.password_hash, u.must_change_password,
        u.failed_attempts, u.locked_until, u.last_sign_in_at, u.password_changed_at, u.created_at, u.created_by,
        u.updated_at, u.version, {RoleListColumn(d)}
        """;

    private static readonly Sql SelectById = new(d => $"SELECT {Columns(d)} FROM users u WHERE u.id = @Id");

    private static readonly Sql SelectCredentialHolder = new(
        "SELECT id FROM users WHERE credential_number = @CredentialNumber AND id <> @Id");

    private static readonly Sql SelectStanding = new("SELECT active, must_change_password, version FROM users WHERE id = @Id");

    /// <summary>What a signed-in request checks about its sender on every call.</summary>
    internal sealed record Standing
    {
        public bool Active { get; init; }
        public bool MustChangePassword { get; init; }
        public long Version { get; init; }
    }

    public static Task<Standing?> StandingAsync(DbSession db, string id, CancellationToken ct) =>
        db.QuerySingleOrDefaultAsync<Standing>(SelectStanding, new { Id = id }, ct);

    private static readonly Sql DeleteRoles = new("DELETE FROM user_roles WHERE user_id = @Id");
    private static readonly Sql InsertRole = new("INSERT INTO user_roles (user_id, role) VALUES (@UserId, @Role)");

    public static Task<UserRecord?> FindAsync(DbSession db, string id, CancellationToken ct) =>
        db.QuerySingleOrDefaultAsync<UserRecord>(SelectById, new { Id = id }, ct);

    public static async Task<UserRecord> LoadAsync(DbSession db, string id, CancellationToken ct) =>
        await FindAsync(db, id, ct) ?? throw new NotFoundException("用户", "user", id);

    /// <summary>The user other than <paramref name="id"/> who holds this credential number, if any.</summary>
    public static Task<string?> CredentialHolderAsync(DbSession db, string credentialNumber, string id, CancellationToken ct) =>
        db.QuerySingleOrDefaultAsync<string>(SelectCredentialHolder, new { CredentialNumber = credentialNumber, Id = id }, ct);

    public static async Task ReplaceRolesAsync(DbSession db, string id, IEnumerable<string> roles, CancellationToken ct)
    {
        await db.ExecuteAsync(DeleteRoles, new { Id = id }, ct);
        await db.ExecuteAsync(InsertRole, Ordered(roles).Select(r => new { UserId = id, Role = r }).ToList(), ct);
    }
}
