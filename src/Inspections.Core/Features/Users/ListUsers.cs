using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.Users;

/// <summary>
/// The users of a jurisdiction and everything below it (a city sees its districts' users), by role,
/// active or not, and a fragment of the name or login; a page at a time, keyset on (jurisdiction, id).
/// </summary>
public static class ListUsers
{
    [AllowedRoles(Roles.Admin, Roles.Supervisor)]
    public sealed record Query : IQuery<Page<UserDto>>
    {
        public string? Jurisdiction { get; init; }
        [OneOf(Roles.Officer, Roles.Clerk, Roles.Supervisor, Roles.Admin)] public string? Role { get; init; }
        public bool? Active { get; init; }
        /// <summary>A fragment of the display name or the login name.</summary>
        public string? Search { get; init; }
        public string? Cursor { get; init; }
        public int? Limit { get; init; }
    }

    internal sealed record Key(string J, string I);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(x => x.Jurisdiction).IsJurisdictionCode();
            RuleFor(x => x.Role).Must(Roles.IsKnown).When(x => x.Role is not null)
                .Says($"未知的角色，可选值：{string.Join(", ", Roles.All)}", $"Unknown role; allowed: {string.Join(", ", Roles.All)}");
            RuleFor(x => x.Search).MaximumLength(50).Named("姓名或登录名", "Search");
            RuleFor(x => x.Limit).IsPageSize(100);
            RuleFor(x => x.Cursor).IsCursorOf<Query, Key>();
        }
    }

    internal static readonly Sql Select = new(d => $"""
        SELECT {UserRecord.Columns(d)}
        FROM users u
        WHERE u.jurisdiction BETWEEN @JurisdictionFirst AND @JurisdictionLast
          AND (@Role IS NULL OR EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = @Role))
          AND (@Active IS NULL OR u.active = @Active)
          AND (@SearchLike IS NULL OR u.display_name LIKE @SearchLike ESCAPE '\' OR u.id LIKE @SearchLike ESCAPE '\')
          AND (@AfterJurisdiction IS NULL OR u.jurisdiction > @AfterJurisdiction OR (u.jurisdiction = @AfterJurisdiction AND u.id > @AfterId))
        ORDER BY u.jurisdiction, u.id
        {d.Limit("@Take")}
        """);

    public sealed class Handler(DbSession db, ICurrentUser user, TimeProvider clock) : IQueryHandler<Query, Page<UserDto>>
    {
        public async ValueTask<Page<UserDto>> Handle(Query query, CancellationToken ct)
        {
            var scope = query.Jurisdiction ?? user.Jurisdiction;
            user.EnsureCanSee(scope);
            Cursor.TryDecode<Key>(query.Cursor, out var after);
            var limit = query.Limit ?? 20;
            var range = Domain.Access.Jurisdiction.Range(scope);
            var rows = await db.QueryAsync<UserRecord>(Select, new
            {
                JurisdictionFirst = range.First,
                JurisdictionLast = range.Last,
                query.Role,
                query.Active,
                SearchLike = string.IsNullOrWhiteSpace(query.Search) ? null : SqlDialect.LikeContains(query.Search.Trim()),
                AfterJurisdiction = after?.J,
                AfterId = after?.I,
                Take = limit + 1,
            }, ct);
            var now = clock.GetUtcNow();
            var items = rows.Take(limit).Select(r => r.ToDto(now)).ToList();
            var next = rows.Count > limit ? Cursor.Encode(new Key(items[^1].Jurisdiction, items[^1].Id)) : null;
            return new Page<UserDto>(items, next);
        }
    }
}
