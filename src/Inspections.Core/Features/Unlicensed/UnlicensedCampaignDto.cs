using Inspections.Core.Features.Calendar;

namespace Inspections.Core.Features.Unlicensed;

/// <summary>An unlicensed-venue rectification campaign 无证无照经营整治集中整治行动.</summary>
public sealed record UnlicensedCampaignDto
{
    public Guid Id { get; init; }
    public string Jurisdiction { get; init; } = "";
    public string Name { get; init; } = "";
    public string? Description { get; init; }
    public DateOnly StartsOn { get; init; }
    public DateOnly EndsOn { get; init; }
    public IReadOnlyList<string> VenueTypes { get; init; } = [];
    public DateTimeOffset CreatedAt { get; init; }
    public string CreatedBy { get; init; } = "";
    public long Version { get; init; }
}

/// <summary>One joint department's prerequisite 前置条件 for a venue.</summary>
public sealed record PrerequisiteDto
{
    public string Department { get; init; } = "";
    public string Status { get; init; } = "";
    public DateOnly? DecidedOn { get; init; }
    public string? Note { get; init; }
}

/// <summary>A venue the survey found, with its notice, prerequisites and outcome; <see cref="Version"/> guards every change.</summary>
public sealed record UnlicensedCampaignVenueDto
{
    public Guid Id { get; init; }
    public Guid CampaignId { get; init; }
    public Guid VenueId { get; init; }
    public string VenueName { get; init; } = "";
    public string VenueType { get; init; } = "";
    public string Address { get; init; } = "";
    public string? OperatorName { get; init; }
    public string LicenseStatus { get; init; } = "";
    public string Jurisdiction { get; init; } = "";
    public DateOnly FoundOn { get; init; }
    public string FoundBy { get; init; } = "";
    public string? SurveyNote { get; init; }
    public DateOnly? NoticeIssuedOn { get; init; }
    public int? NoticeLimitDays { get; init; }
    public DateOnly? NoticeDueOn { get; init; }
    public string? NoticeRequirements { get; init; }
    /// <summary>The notice's natural-day clock while no outcome is recorded; null without a notice or once decided.</summary>
    public ClockDto? NoticeClock { get; init; }
    public IReadOnlyList<PrerequisiteDto> Prerequisites { get; init; } = [];
    public string? Outcome { get; init; }
    public DateOnly? OutcomeOn { get; init; }
    public Guid? PermitApplicationId { get; init; }
    public string? CertificateNumber { get; init; }
    public string? ReferralDepartment { get; init; }
    public string? OutcomeNote { get; init; }
    public long Version { get; init; }
}
