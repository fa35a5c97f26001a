
namespace Inspections.Core.Features.Inspections;

/// <summary>One version of a venue type's checklist 检查表. Published versions never change.</summary>
public sealed record ChecklistDto
{
    public Guid Id { get; init; }
    public string VenueType { get; init; } = "";
    public int Version { get; init; }
    public string Title { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public IReadOnlyList<ChecklistItemDto> Items { get; init; } = [];
}

public sealed record ChecklistItemDto
{
    public Guid Id { get; init; }
    public int Position { get; init; }
    public string Code { get; init; } = "";
    public string Text { get; init; } = "";
    public string LegalBasis { get; init; } = ""; // 法律依据
}
