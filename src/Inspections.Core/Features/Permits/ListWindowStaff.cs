using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.Permits;

/// <summary>
/// Whom an application may be passed to 转交: the active clerks and section heads of the caller's
/// jurisdiction (the people <see cref="HandOffPermit"/> accepts), by login, with their names and roles.
/// A clerk reads it without the user administration's list.
/// </summary>
public static class ListWindowStaff
{
    public sealed record StaffMember(string Id, string DisplayName, IReadOnlyList<string> Roles);

    [AllowedRoles(Roles.Clerk, Roles.Supervisor)]
    public sealed record Query : IQuery<IReadOnlyList<StaffMember>>;

    private sealed record Row
    {
        public string Id { get; init; } = "";
        public string DisplayName { get; init; } = "";
        public string Role { get; init; } = "";
    }

    private static readonly Sql Select = new($"""
        SELECT u.id, u.display_name, r.role
        FROM users u JOIN user_roles r ON r.user_id = u.id
        WHERE u.jurisdiction BETWEEN @JurisdictionFirst AND @JurisdictionLast
          AND u.active = @Yes
          AND r.role IN ('{Roles.Clerk}', '{Roles.Supervisor}')
        ORDER BY u.id, r.role
        """);

    public sealed class Handler(DbSession db, ICurrentUser user) : IQueryHandler<Query, IReadOnlyList<StaffMember>>
    {
        public async ValueTask<IReadOnlyList<StaffMember>> Handle(Query query, CancellationToken ct)
        {
            if (!Jurisdiction.IsValidCode(user.Jurisdiction)) return [];
            var range = Jurisdiction.Range(user.Jurisdiction);
            var rows = await db.QueryAsync<Row>(Select, new { JurisdictionFirst = range.First, JurisdictionLast = range.Last, Yes = true }, ct);
            return rows.GroupBy(r => r.Id, StringComparer.Ordinal)
                .Select(g => new StaffMember(g.Key, g.First().DisplayName, g.Select(r => r.Role).ToList()))
                .ToList();
        }
    }
}
