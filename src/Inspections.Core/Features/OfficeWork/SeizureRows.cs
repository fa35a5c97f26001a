using Inspections.Core.Common;
using Inspections.Core.Data;

namespace Inspections.Core.Features.OfficeWork;

/// <summary>
/// Goods confiscated 收缴 or withheld 暂扣 in an action (收缴电脑12台), by the district or a town's station, with the
/// venue, campaign or inspection it belongs to where there is one. Seizures written on an inspection record are its
/// own lines; these are the rest (a campaign night, a station's raid), so the report adds both without counting twice.
/// </summary>
public sealed record OfficeSeizureDto
{
    public Guid Id { get; init; }
    public string Jurisdiction { get; init; } = "";
    public DateOnly SeizedOn { get; init; }
    [OneOf<SeizureAction>] public string Action { get; init; } = "";
    /// <summary>收缴 or 暂扣.</summary>
    public string ActionName { get; init; } = "";
    public string Item { get; init; } = "";
    public int Quantity { get; init; }
    public string Unit { get; init; } = "";
    public Guid? VenueId { get; init; }
    public string? VenueName { get; init; }
    public Guid? CampaignId { get; init; }
    public string? CampaignName { get; init; }
    public Guid? InspectionId { get; init; }
    public string? Note { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public string CreatedBy { get; init; } = "";
}

internal static class SeizureRows
{
    internal const string Columns = "id, jurisdiction, seized_on, action, item, quantity, unit, venue_id, campaign_id, inspection_id, note, created_at, created_by";

    internal const string Select = """
        SELECT s.id, s.jurisdiction, s.seized_on, s.action, s.item, s.quantity, s.unit, s.venue_id, v.name AS venue_name,
               s.campaign_id, c.name AS campaign_name, s.inspection_id, s.note, s.created_at, s.created_by
        FROM office_seizures s LEFT JOIN venues v ON v.id = s.venue_id LEFT JOIN campaigns c ON c.id = s.campaign_id
        """;

    private static readonly Sql SelectById = new($"{Select} WHERE s.id = @Id");

    public static OfficeSeizureDto Named(OfficeSeizureDto s) =>
        s with { ActionName = Wire.TryParse<SeizureAction>(s.Action, out var a) ? Text.Pick(a.ChineseName(), s.Action) : s.Action };

    public static async Task<OfficeSeizureDto> LoadAsync(DbSession db, Guid id, CancellationToken ct) =>
        (await db.QuerySingleOrDefaultAsync<OfficeSeizureDto>(SelectById, new { Id = id }, ct)) is { } s
            ? Named(s)
            : throw new NotFoundException("收缴暂扣记录", "seizure", id);
}
