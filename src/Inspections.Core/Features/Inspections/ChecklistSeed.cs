using System.Text.Json;
using Inspections.Core.Data;

namespace Inspections.Core.Features.Inspections;

/// <summary>Loads version 1 of every checklist from seed/checklists/checklists.json while no template exists.</summary>
public sealed class ChecklistSeed : ISeed
{
    public int Order => 30;

    private sealed record SeedFile(IReadOnlyList<SeedTemplate> Templates);
    private sealed record SeedTemplate(string VenueType, string Title, IReadOnlyList<SeedItem> Items);
    private sealed record SeedItem(string Code, string Text, string LegalBasis);

    private static readonly Sql Count = new("SELECT COUNT(*) FROM checklist_templates");

    public async Task SeedAsync(DbSession db, SeedFiles files, TimeProvider clock, CancellationToken ct)
    {
        if (await db.ExecuteScalarAsync<long>(Count, null, ct) > 0) return;
        var file = JsonSerializer.Deserialize<SeedFile>(files.ReadText(Path.Combine("checklists", "checklists.json")),
            new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidOperationException("seed/checklists/checklists.json is empty.");
        foreach (var template in file.Templates)
            await ChecklistWriter.InsertAsync(db, template.VenueType, 1, template.Title,
                template.Items.Select(i => (i.Code, i.Text, i.LegalBasis)).ToList(), "seed", clock.GetUtcNow(), ct);
    }
}

/// <summary>Writes a new template version with its items; used by the seed and by publishing.</summary>
internal static class ChecklistWriter
{
    private static readonly Sql InsertTemplate = new("""
        INSERT INTO checklist_templates (id, venue_type, version, title, created_at, created_by)
        VALUES (@Id, @VenueType, @Version, @Title, @Now, @CreatedBy)
        """);

    private static readonly Sql InsertItem = new("""
        INSERT INTO checklist_items (id, template_id, position, code, text, legal_basis)
        VALUES (@Id, @TemplateId, @Position, @Code, @Text, @LegalBasis)
        """);

    public static async Task<Guid> InsertAsync(DbSession db, string venueType, int version, string title,
        IReadOnlyList<(string Code, string Text, string LegalBasis)> items, string createdBy, DateTimeOffset now, CancellationToken ct)
    {
        var id = Guid.CreateVersion7(now);
        await db.ExecuteAsync(InsertTemplate, new { Id = id, VenueType = venueType, Version = version, Title = title.Trim(), Now = now, CreatedBy = createdBy }, ct);
        await db.ExecuteAsync(InsertItem, items.Select((item, i) => new
        {
            Id = Guid.CreateVersion7(now),
            TemplateId = id,
            Position = i + 1,
            Code = item.Code.Trim(),
            Text = item.Text.Trim(),
            LegalBasis = item.LegalBasis.Trim(),
        }).ToList(), ct);
        return id;
    }
}
