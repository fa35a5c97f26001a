using Inspections.Core.Common;
using Inspections.Core.Data;

namespace Inspections.Core.Features.Inspections;

/// <summary>Reading checklist templates, shared by the slices that show or answer them.</summary>
internal static class ChecklistRows
{
    private static readonly Sql SelectLatest = new(d => $"""
        SELECT id, venue_type, version, title, created_at FROM checklist_templates
        WHERE venue_type = @VenueType ORDER BY version DESC {d.Limit("1")}
        """);

    private static readonly Sql SelectVersion = new("""
        SELECT id, venue_type, version, title, created_at FROM checklist_templates
        WHERE venue_type = @VenueType AND version = @Version
        """);

    private static readonly Sql SelectItems = new("""
        SELECT id, position, code, text, legal_basis FROM checklist_items WHERE template_id = @Id ORDER BY position
        """);

    /// <summary>The latest version, or the one asked for; null when the venue type has none.</summary>
    public static async Task<ChecklistDto?> FindAsync(DbSession db, string venueType, int? version, CancellationToken ct)
    {
        var template = version is null
            ? await db.QuerySingleOrDefaultAsync<ChecklistDto>(SelectLatest, new { VenueType = venueType }, ct)
            : await db.QuerySingleOrDefaultAsync<ChecklistDto>(SelectVersion, new { VenueType = venueType, Version = version }, ct);
        if (template is null) return null;
        return template with { Items = await db.QueryAsync<ChecklistItemDto>(SelectItems, new { template.Id }, ct) };
    }

    public static async Task<ChecklistDto> LoadAsync(DbSession db, string venueType, int? version, CancellationToken ct) =>
        await FindAsync(db, venueType, version, ct)
        ?? throw new NotFoundException("检查表", "checklist", version is null ? venueType : $"{venueType} v{version}");
}
