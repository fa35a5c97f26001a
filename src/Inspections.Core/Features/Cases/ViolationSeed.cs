using System.Text.Json;
using Inspections.Core.Data;

namespace Inspections.Core.Features.Cases;

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
