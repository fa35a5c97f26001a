using Inspections.Core.Behaviors;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.Cases;

/// <summary>The catalog of the field's common violations 常见违法行为 with their legal basis, for choosing a case's violation.</summary>
public static class ListViolations
{
    public sealed record ViolationDto
    {
        public string Code { get; init; } = "";
        public string Name { get; init; } = "";
        public IReadOnlyList<string> VenueTypes { get; init; } = [];
        public string LegalBasis { get; init; } = "";
        public string PenaltyBasis { get; init; } = "";
        public string PenaltyRange { get; init; } = "";
    }

    [AllowedRoles(Roles.Officer, Roles.Supervisor, Roles.Admin)]
    public sealed record Query(string? VenueType) : IQuery<IReadOnlyList<ViolationDto>>;

    private sealed record Row
    {
        public string Code { get; init; } = "";
        public string Name { get; init; } = "";
        public string VenueTypes { get; init; } = "";
        public string LegalBasis { get; init; } = "";
        public string PenaltyBasis { get; init; } = "";
        public string PenaltyRange { get; init; } = "";
    }

    private static readonly Sql Select = new("""
        SELECT code, name, venue_types, legal_basis, penalty_basis, penalty_range FROM violation_catalog ORDER BY sort_order, code
        """);

    public sealed class Handler(DbSession db) : IQueryHandler<Query, IReadOnlyList<ViolationDto>>
    {
        public async ValueTask<IReadOnlyList<ViolationDto>> Handle(Query query, CancellationToken ct) =>
            (await db.QueryAsync<Row>(Select, null, ct))
                .Select(r => new ViolationDto
                {
                    Code = r.Code, Name = r.Name, VenueTypes = r.VenueTypes.Split(',', StringSplitOptions.RemoveEmptyEntries),
                    LegalBasis = r.LegalBasis, PenaltyBasis = r.PenaltyBasis, PenaltyRange = r.PenaltyRange,
                })
                .Where(v => query.VenueType is null || v.VenueTypes.Contains(query.VenueType))
                .ToList();
    }

    internal static readonly Sql Exists = new("SELECT COUNT(*) FROM violation_catalog WHERE code = @Code");
}
