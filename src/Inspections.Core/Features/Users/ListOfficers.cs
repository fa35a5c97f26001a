using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.Users;

/// <summary>
/// The officers a caller may name on an inspection 检查人员: the active officers with a credential number 执法证号
/// whose jurisdiction the caller's covers (the same people <see cref="NamedUsers.Officer"/> accepts), by login.
/// Only their names and credential numbers: an officer picks colleagues, not user accounts.
/// </summary>
public static class ListOfficers
{
    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Query : IQuery<IReadOnlyList<OfficerSummary>>;

    public sealed record OfficerSummary
    {
        public string Id { get; init; } = "";
        public string DisplayName { get; init; } = "";
        public string Jurisdiction { get; init; } = "";
        public string CredentialNumber { get; init; } = "";
    }

    /// <summary>At most this many: a district brigade has dozens of officers, never thousands.</summary>
    public const int MaxOfficers = 500;

    private static readonly Sql Select = new(d => $"""
        SELECT u.id, u.display_name, u.jurisdiction, u.credential_number
        FROM users u
        WHERE u.jurisdiction BETWEEN @JurisdictionFirst AND @JurisdictionLast
          AND u.active = @Active
          AND u.credential_number IS NOT NULL AND u.credential_number <> ''
          AND EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = @Role)
        ORDER BY u.jurisdiction, u.id
        {d.Limit("@Take")}
        """);

    public sealed class Handler(DbSession db, ICurrentUser user) : IQueryHandler<Query, IReadOnlyList<OfficerSummary>>
    {
        public async ValueTask<IReadOnlyList<OfficerSummary>> Handle(Query query, CancellationToken ct)
        {
            if (!Jurisdiction.IsValidCode(user.Jurisdiction)) return [];
            var range = Jurisdiction.Range(user.Jurisdiction);
            return await db.QueryAsync<OfficerSummary>(Select, new
            {
                JurisdictionFirst = range.First, JurisdictionLast = range.Last, Active = true, Role = Roles.Officer, Take = MaxOfficers,
            }, ct);
        }
    }
}
