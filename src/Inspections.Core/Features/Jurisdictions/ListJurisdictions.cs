using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.Jurisdictions;

/// <summary>
/// The jurisdiction tree 辖区 as the caller may read it, in code order (each node before those below
/// it): the caller's own node and everything below it, with the nodes above it for their names
/// (四川省 › 成都市 › 温江区); or, given <see cref="Query.Under"/>, that node and everything below it,
/// if the caller covers it (a district's towns, for choosing where a venue belongs).
/// </summary>
public static class ListJurisdictions
{
    [AllowedRoles(Roles.Officer, Roles.Clerk, Roles.Supervisor, Roles.Admin)]
    public sealed record Query(string? Under) : IQuery<IReadOnlyList<JurisdictionDto>>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(x => x.Under).IsJurisdictionCode();
        }
    }

    // A node has at most three above it (town → district → city → province).
    private static readonly Sql Select = new($"""
        SELECT {JurisdictionDto.Columns} FROM jurisdictions
        WHERE code BETWEEN @First AND @Last OR code IN (@Above1, @Above2, @Above3)
        ORDER BY code
        """);

    public sealed class Handler(DbSession db, ICurrentUser user) : IQueryHandler<Query, IReadOnlyList<JurisdictionDto>>
    {
        public async ValueTask<IReadOnlyList<JurisdictionDto>> Handle(Query query, CancellationToken ct)
        {
            var root = query.Under ?? user.Jurisdiction;
            user.EnsureCanSee(root);
            if (query.Under is not null) await JurisdictionRows.EnsureKnownAsync(db, nameof(Query.Under), query.Under, ct);
            var above = query.Under is null ? Ancestors(root) : [];
            var range = Jurisdiction.Range(root);
            return await db.QueryAsync<JurisdictionDto>(Select, new
            {
                range.First,
                range.Last,
                Above1 = above.ElementAtOrDefault(0),
                Above2 = above.ElementAtOrDefault(1),
                Above3 = above.ElementAtOrDefault(2),
            }, ct);
        }

        private static List<string> Ancestors(string code)
        {
            var above = new List<string>();
            for (var parent = Jurisdiction.Parent(code); parent is not null; parent = Jurisdiction.Parent(parent)) above.Add(parent);
            return above;
        }
    }
}
