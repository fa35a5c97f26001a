using System.Text.Json;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Permits;

namespace Inspections.Core.Features.Permits;

/// <summary>Seeds the catalog from db/seed/permits when it is empty, so admins' edits survive restarts.</summary>
public sealed class PermitCatalogSeed : ISeed
{
    public int Order => 20;

    private sealed record Entry(string Code, string Name, int StatutoryLimitDays, int PromisedLimitDays, string[] Kinds,
        string LegalBasis, PermitMaterial[] Materials);

    private static readonly Sql Count = new("SELECT COUNT(*) FROM permit_items");
    private static readonly Sql Insert = new("""
        INSERT INTO permit_items (code, name, statutory_limit_days, promised_limit_days, kinds, materials, legal_basis, sort_order, updated_at, updated_by, version)
        VALUES (@Code, @Name, @StatutoryLimitDays, @PromisedLimitDays, @Kinds, @Materials, @LegalBasis, @SortOrder, @Now, 'seed', 1)
        """);

    public async Task SeedAsync(DbSession db, SeedFiles files, TimeProvider clock, CancellationToken ct)
    {
        if (await db.ExecuteScalarAsync<long>(Count, null, ct) > 0) return;
        var entries = JsonSerializer.Deserialize<Entry[]>(files.ReadText(Path.Combine("permits", "catalog.json")), JsonSerializerOptions.Web)
            ?? throw new InvalidDataException("The permit catalog seed is empty.");
        for (var i = 0; i < entries.Length; i++)
        {
            var e = entries[i];
            if (e.PromisedLimitDays > e.StatutoryLimitDays || e.Kinds.Any(k => !Wire.TryParse<PermitKind>(k, out _)))
                throw new InvalidDataException($"Permit item {e.Code}: promised limit above statutory, or an unknown kind.");
            await db.ExecuteAsync(Insert, new
            {
                e.Code, e.Name, e.StatutoryLimitDays, e.PromisedLimitDays, Kinds = string.Join(',', e.Kinds),
                Materials = PermitJson.Write(e.Materials), e.LegalBasis, SortOrder = (i + 1) * 10, Now = clock.GetUtcNow(),
            }, ct);
        }
    }
}
