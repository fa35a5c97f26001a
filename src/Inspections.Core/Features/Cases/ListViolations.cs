using System.Text.Json;
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

/// <summary>Seeds the violation catalog from db/seed/violations when it is empty, so admins' edits survive restarts.</summary>
public sealed class ViolationSeed : ISeed
{
    public int Order => 30;

    private sealed record Entry(string Code, string Name, string[] VenueTypes, string LegalBasis, string PenaltyBasis, string PenaltyRange);

    private static readonly Sql Count = new("SELECT COUNT(*) FROM violation_catalog");
    private static readonly Sql Insert = new("""
        INSERT INTO violation_catalog (code, name, venue_types, legal_basis, penalty_basis, penalty_range, sort_order)
        VALUES (@Code, @Name, @VenueTypes, @LegalBasis, @PenaltyBasis, @PenaltyRange, @SortOrder)
        """);

    public async Task SeedAsync(DbSession db, SeedFiles files, TimeProvider clock, CancellationToken ct)
    {
        if (await db.ExecuteScalarAsync<long>(Count, null, ct) > 0) return;
        var entries = JsonSerializer.Deserialize<Entry[]>(files.ReadText(Path.Combine("violations", "violations.json")), JsonSerializerOptions.Web)
            ?? throw new InvalidDataException("The violation catalog seed is empty.");
        for (var i = 0; i < entries.Length; i++)
        {
            var e = entries[i];
            await db.ExecuteAsync(Insert, new
            {
                e.Code, e.Name, VenueTypes = string.Join(',', e.VenueTypes), e.LegalBasis, e.PenaltyBasis, e.PenaltyRange,
                SortOrder = (i + 1) * 10,
            }, ct);
        }
    }
}
