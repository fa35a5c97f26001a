using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.Permits;

/// <summary>Accountability records of the caller's jurisdiction, open ones first by default.</summary>
public static class ListAccountability
{
    [AllowedRoles(Roles.Clerk, Roles.Supervisor, Roles.Admin)]
    public sealed record Query(string? Status, string? ClerkId) : IQuery<IReadOnlyList<AccountabilityDto>>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(x => x.Status).Must(s => s is null or "open" or "closed")
                .Says("状态应为 open（待审查）或 closed（已结论）", "Status must be open or closed");
            RuleFor(x => x.ClerkId).MaximumLength(100).Named("责任人", "Clerk");
        }
    }

    private static readonly Sql Select = new($"""
        SELECT {AccountabilityDto.Columns} FROM permit_accountability
        WHERE jurisdiction BETWEEN @JurisdictionFirst AND @JurisdictionLast
          AND (@Status IS NULL OR status = @Status)
          AND (@ClerkId IS NULL OR clerk_id = @ClerkId)
        ORDER BY detected_at, id
        """);

    public sealed class Handler(DbSession db, ICurrentUser user) : IQueryHandler<Query, IReadOnlyList<AccountabilityDto>>
    {
        public async ValueTask<IReadOnlyList<AccountabilityDto>> Handle(Query query, CancellationToken ct) =>
            await db.QueryAsync<AccountabilityDto>(Select, new
            {
                JurisdictionFirst = Jurisdiction.Range(user.Jurisdiction).First,
                JurisdictionLast = Jurisdiction.Range(user.Jurisdiction).Last,
                query.Status,
                // A clerk sees the records held against them; supervisors see everyone's.
                ClerkId = user.IsInRole(Roles.Supervisor) ? query.ClerkId : user.UserId,
            }, ct);
    }
}
