namespace Inspections.Core.Features.Jurisdictions;

/// <summary>A node of the jurisdiction tree 辖区: its code, name, the node above it, and its level (province | city | district | town).</summary>
public sealed record JurisdictionDto
{
    public string Code { get; init; } = "";
    public string Name { get; init; } = "";
    public string? ParentCode { get; init; }
    public string Level { get; init; } = "";

    internal const string Columns = "code, name, parent_code, level";
}
