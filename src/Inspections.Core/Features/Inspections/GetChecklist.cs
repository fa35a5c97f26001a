using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Inspections.Domain.Venues;
using Mediator;

namespace Inspections.Core.Features.Inspections;

/// <summary>The checklist of a venue type: the current version, or an earlier one by number.</summary>
public static class GetChecklist
{
    [AllowedRoles(Roles.Officer, Roles.Clerk, Roles.Supervisor, Roles.Admin)]
    public sealed record Query(string? VenueType, int? Version) : IQuery<ChecklistDto>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(x => x.VenueType).Must(Wire.IsValid<VenueType>)
                .Says($"未知的场所类型，可选值：{Wire.Allowed<VenueType>()}", $"Unknown venue type; allowed: {Wire.Allowed<VenueType>()}");
            RuleFor(x => x.Version).GreaterThan(0).Named("版本号", "Version");
        }
    }

    public sealed class Handler(DbSession db) : IQueryHandler<Query, ChecklistDto>
    {
        public async ValueTask<ChecklistDto> Handle(Query query, CancellationToken ct) =>
            await ChecklistRows.LoadAsync(db, query.VenueType!, query.Version, ct);
    }
}
