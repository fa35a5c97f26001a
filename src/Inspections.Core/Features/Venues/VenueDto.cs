namespace Inspections.Core.Features.Venues;

/// <summary>A venue as the API shows it. Enum-like fields are their camelCase wire names.</summary>
public sealed record VenueDto
{
    public Guid Id { get; init; }
    public string Jurisdiction { get; init; } = "";
    public string Name { get; init; } = "";
    public string Address { get; init; } = "";
    public string Type { get; init; } = "";
    public string? OperatorName { get; init; }           // 经营者
    public string? LegalRepresentative { get; init; }    // 法定代表人
    public string? UnifiedSocialCreditCode { get; init; } // 统一社会信用代码
    public string? LicenseNumber { get; init; }
    public DateOnly? LicenseValidUntil { get; init; }
    public string LicenseStatus { get; init; } = "";
    public int? Terminals { get; init; }                 // 网吧终端数
    public int? Rooms { get; init; }                     // KTV 包房数
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public long Version { get; init; }

    internal const string Columns = """
        id, jurisdiction, name, address, venue_type AS type, operator_name, legal_representative,
        unified_social_credit_code, license_number, license_valid_until, license_status,
        terminals, rooms, created_at, updated_at, version
        """;
}
