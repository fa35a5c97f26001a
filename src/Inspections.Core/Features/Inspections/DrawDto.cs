using Inspections.Domain.Inspections;

namespace Inspections.Core.Features.Inspections;

/// <summary>A draw with its inputs, its result and, per venue, the inspection that followed.</summary>
public sealed record DrawDto
{
    public Guid Id { get; init; }
    public string Jurisdiction { get; init; } = "";
    public string Name { get; init; } = "";
    public Guid? CampaignId { get; init; }
    public string? VenueType { get; init; }
    public string? LicenseStatus { get; init; }
    public int Requested { get; init; }
    public int Seed { get; init; }
    public IReadOnlyList<Guid> Pool { get; init; } = [];
    public IReadOnlyList<DrawOfficer> Officers { get; init; } = [];
    public DateTimeOffset DrawnAt { get; init; }
    public string DrawnByName { get; init; } = "";
    public DateTimeOffset? PublishedAt { get; init; }
    public long Version { get; init; }
    public IReadOnlyList<DrawAssignmentDto> Assignments { get; init; } = [];
    /// <summary>Replaying the stored seed, pool and officers gives exactly the stored list.</summary>
    public bool Reproducible { get; init; }
}

public sealed record DrawAssignmentDto
{
    public int Position { get; init; }
    public Guid VenueId { get; init; }
    public string VenueName { get; init; } = "";
    public string VenueAddress { get; init; } = "";
    public string VenueType { get; init; } = "";
    public string FirstUserId { get; init; } = "";
    public string FirstName { get; init; } = "";
    public string FirstCredential { get; init; } = "";
    public string SecondUserId { get; init; } = "";
    public string SecondName { get; init; } = "";
    public string SecondCredential { get; init; } = "";
    public Guid? InspectionId { get; init; }
    public DateTimeOffset? InspectedAt { get; init; }
    public string? Outcome { get; init; }
    public int? Violations { get; init; }
}
