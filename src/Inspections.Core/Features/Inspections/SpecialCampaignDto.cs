
namespace Inspections.Core.Features.Inspections;

/// <summary>A campaign and its running totals 专项行动战果.</summary>
public sealed record SpecialCampaignDto
{
    public Guid Id { get; init; }
    public string Jurisdiction { get; init; } = "";
    public string Name { get; init; } = "";
    public string? Description { get; init; }
    public DateOnly StartsOn { get; init; }
    public DateOnly EndsOn { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public long Version { get; init; }
    public SpecialCampaignTotals Totals { get; init; } = new();
    public IReadOnlyList<SeizureTotal> SeizedItems { get; init; } = [];
}

public sealed record SpecialCampaignTotals
{
    public long Inspections { get; init; }                 // 出动检查场所次数
    public long InspectionsWithViolations { get; init; }
    public long Violations { get; init; }                  // 违规项
    public long RectificationNotices { get; init; }        // 责令整改
    public long CaseLeads { get; init; }                   // 转立案
    public long Seizures { get; init; }                    // 收缴记录条数
    public long VenuesClosed { get; init; }                // 取缔/关停场所数
}

public sealed record SeizureTotal
{
    public string Item { get; init; } = "";
    public string Unit { get; init; } = "";
    public long Quantity { get; init; }
}
