using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.Audit;

/// <summary>
/// The audit trail 执法全过程记录 of one entity: append-only rows written by every successful
/// command. Supervisors and admins read it; nothing updates or deletes it.
/// </summary>
public static class AuditTrail
{
    [AllowedRoles(Roles.Supervisor, Roles.Admin)]
    public sealed record Query(string? EntityType, string? EntityId) : IQuery<IReadOnlyList<AuditEntryDto>>;

    public sealed record AuditEntryDto
    {
        public Guid Id { get; init; }
        public DateTimeOffset OccurredAt { get; init; }
        public string UserId { get; init; } = "";
        public string UserName { get; init; } = "";
        public string Role { get; init; } = "";
        public string Jurisdiction { get; init; } = "";
        public string Command { get; init; } = "";
        public string EntityType { get; init; } = "";
        public string EntityId { get; init; } = "";
        public string Payload { get; init; } = "";
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(x => x.EntityType).NotEmpty().MaximumLength(40).Named("实体类型", "Entity type");
            RuleFor(x => x.EntityId).NotEmpty().MaximumLength(64).Named("实体编号", "Entity id");
        }
    }

    internal static readonly Sql Select = new("""
        SELECT id, occurred_at, user_id, user_name, role, jurisdiction, command, entity_type, entity_id, payload
        FROM audit_entries
        WHERE entity_type = @EntityType AND entity_id = @EntityId AND jurisdiction BETWEEN @JurisdictionFirst AND @JurisdictionLast
        ORDER BY occurred_at, id
        """);

    public sealed class Handler(DbSession db, ICurrentUser user) : IQueryHandler<Query, IReadOnlyList<AuditEntryDto>>
    {
        public async ValueTask<IReadOnlyList<AuditEntryDto>> Handle(Query query, CancellationToken ct) =>
            await db.QueryAsync<AuditEntryDto>(Select, new
            {
                query.EntityType,
                EntityId = Guid.TryParse(query.EntityId, out var g) ? g.ToString("D") : query.EntityId,
                JurisdictionFirst = Jurisdiction.Range(user.Jurisdiction).First,
                JurisdictionLast = Jurisdiction.Range(user.Jurisdiction).Last,
            }, ct);
    }
}
