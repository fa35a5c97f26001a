using System.Text.Json;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Permits;

namespace Inspections.Core.Features.Permits;

/// <summary>
/// Seeds the catalog from db/seed/permits: items the table lacks are added, and items nobody has edited
/// (still updated by the seed) follow the file, so a corrected statutory limit reaches existing databases.
/// An item an admin has edited keeps the admin's values across restarts.
/// </summary>
public sealed class PermitCatalogSeed : ISeed
{
    public int Order => 20;

    private sealed record Entry(string Code, string Name, int StatutoryLimitDays, string StatutoryLimitBasis, string? HearingBasis,
        int PromisedLimitDays, string[] Kinds, string LegalBasis, PermitMaterial[] Materials);

    private sealed record Stored
    {
        public string Code { get; init; } = "";
        public string Name { get; init; } = "";
        public int StatutoryLimitDays { get; init; }
        public string StatutoryLimitBasis { get; init; } = "";
        public string? HearingBasis { get; init; }
        public int PromisedLimitDays { get; init; }
        public string Kinds { get; init; } = "";
        public string Materials { get; init; } = "";
        public string LegalBasis { get; init; } = "";
        public string UpdatedBy { get; init; } = "";
    }

    private const string SeedAuthor = "seed";

    private static readonly Sql All = new("""
        SELECT code, name, statutory_limit_days, statutory_limit_basis, hearing_basis, promised_limit_days, kinds, materials, legal_basis, updated_by
        FROM permit_items
        """);
    private static readonly Sql Insert = new("""
        INSERT INTO permit_items (code, name, statutory_limit_days, statutory_limit_basis, hearing_basis, promised_limit_days, kinds, materials,
            legal_basis, sort_order, updated_at, updated_by, version)
        VALUES (@Code, @Name, @StatutoryLimitDays, @StatutoryLimitBasis, @HearingBasis, @PromisedLimitDays, @Kinds, @Materials,
            @LegalBasis, @SortOrder, @Now, 'seed', 1)
        """);
    private static readonly Sql Refresh = new("""
        UPDATE permit_items SET name = @Name, statutory_limit_days = @StatutoryLimitDays, statutory_limit_basis = @StatutoryLimitBasis,
            hearing_basis = @HearingBasis, promised_limit_days = @PromisedLimitDays, kinds = @Kinds, materials = @Materials,
            legal_basis = @LegalBasis, sort_order = @SortOrder, updated_at = @Now, version = version + 1
        WHERE code = @Code AND updated_by = 'seed'
        """);

    public async Task SeedAsync(DbSession db, SeedFiles files, TimeProvider clock, CancellationToken ct)
    {
        var entries = JsonSerializer.Deserialize<Entry[]>(files.ReadText(Path.Combine("permits", "catalog.json")), JsonSerializerOptions.Web)
            ?? throw new InvalidDataException("The permit catalog seed is empty.");
        var stored = (await db.QueryAsync<Stored>(All, null, ct)).ToDictionary(s => s.Code, StringComparer.Ordinal);
        for (var i = 0; i < entries.Length; i++)
        {
            var e = entries[i];
            if (e.PromisedLimitDays > e.StatutoryLimitDays || e.Kinds.Any(k => !Wire.TryParse<PermitKind>(k, out _)))
                throw new InvalidDataException($"Permit item {e.Code}: promised limit above statutory, or an unknown kind.");
            if (string.IsNullOrWhiteSpace(e.StatutoryLimitBasis))
                throw new InvalidDataException($"Permit item {e.Code}: the statutory limit needs its article (statutoryLimitBasis).");
            var row = new
            {
                e.Code, e.Name, e.StatutoryLimitDays, e.StatutoryLimitBasis, e.HearingBasis, e.PromisedLimitDays,
                Kinds = string.Join(',', e.Kinds), Materials = PermitJson.Write(e.Materials), e.LegalBasis,
                SortOrder = (i + 1) * 10, Now = clock.GetUtcNow(),
            };
            if (!stored.TryGetValue(e.Code, out var current))
                await db.ExecuteAsync(Insert, row, ct);
            else if (current.UpdatedBy == SeedAuthor && !Same(current, row.Name, row.StatutoryLimitDays, row.StatutoryLimitBasis,
                         row.HearingBasis, row.PromisedLimitDays, row.Kinds, row.Materials, row.LegalBasis))
                await db.ExecuteAsync(Refresh, row, ct);
        }
    }

    private static bool Same(Stored s, string name, int statutory, string basis, string? hearing, int promised, string kinds, string materials, string legal) =>
        s.Name == name && s.StatutoryLimitDays == statutory && s.StatutoryLimitBasis == basis && s.HearingBasis == hearing
        && s.PromisedLimitDays == promised && s.Kinds == kinds && s.Materials == materials && s.LegalBasis == legal;
}
