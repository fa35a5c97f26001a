using System.Text.Json.Serialization;

namespace Inspections.Core.Features.Inspections;

/// <summary>An inspection record 检查记录 as the API shows it, with its officers, answers, seizures and evidence.</summary>
public sealed record InspectionDto
{
    public Guid Id { get; init; }
    public string Jurisdiction { get; init; } = "";
    public Guid VenueId { get; init; }
    public string VenueName { get; init; } = "";
    public string VenueType { get; init; } = "";
    public string Kind { get; init; } = "";
    public Guid? CampaignId { get; init; }
    public Guid? DrawId { get; init; }
    [JsonIgnore] public string? JointDepartmentList { get; init; }
    public IReadOnlyList<string> JointDepartments =>
        JointDepartmentList?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [];
    public string? ComplaintReference { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset EndedAt { get; init; }
    public string? Location { get; init; }
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }
    public string? Notes { get; init; }
    public string Outcome { get; init; } = "";
    public int Violations { get; init; }
    public DateOnly? RectificationIssuedOn { get; init; }  // 责令整改通知下达日
    public int? RectificationLimitDays { get; init; }      // 整改期限（自然日）
    public DateOnly? RectificationDueOn { get; init; }
    public string? RectificationRequirements { get; init; }
    public DateOnly? RectificationCheckedOn { get; init; }   // 整改复查日
    public string? RectificationResult { get; init; }        // rectified | notRectified
    public string? RectificationCheckedBy { get; init; }
    public string? RectificationCheckNote { get; init; }
    public bool CaseLead { get; init; }                     // 转立案线索
    public string? CaseLeadDescription { get; init; }
    public string? ReferralDepartment { get; init; }        // 移送/函告
    public string? ReferralNote { get; init; }
    public bool VenueClosed { get; init; }                  // 取缔/关停
    public Guid ChecklistId { get; init; }
    public int ChecklistVersion { get; init; }
    public string RecordedBy { get; init; } = "";
    public string RecordedByName { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public long Version { get; init; }
    public IReadOnlyList<InspectionOfficerDto> Officers { get; init; } = [];
    public IReadOnlyList<InspectionResultDto> Results { get; init; } = [];
    public IReadOnlyList<SeizureDto> Seizures { get; init; } = [];
    public IReadOnlyList<EvidenceDto> Evidence { get; init; } = [];
}

public sealed record InspectionOfficerDto
{
    public string UserId { get; init; } = "";
    public string Name { get; init; } = "";
    public string CredentialNumber { get; init; } = ""; // 执法证号
}

/// <summary>An answer, with the question and legal basis as they stood in the template version answered.</summary>
public sealed record InspectionResultDto
{
    public string ItemCode { get; init; } = "";
    public string Text { get; init; } = "";
    public string LegalBasis { get; init; } = "";
    public string Result { get; init; } = "";
    public string? Note { get; init; }
}

public sealed record SeizureDto
{
    public string Item { get; init; } = "";
    public int Quantity { get; init; }
    public string Unit { get; init; } = "";
}

public sealed record EvidenceDto
{
    public Guid Id { get; init; }
    public Guid InspectionId { get; init; }
    public string? ItemCode { get; init; }
    public string FileName { get; init; } = "";
    public string ContentType { get; init; } = "";
    public long SizeBytes { get; init; }
    public string Sha256 { get; init; } = "";
    public string? Caption { get; init; }
    public string UploadedBy { get; init; } = "";
    public DateTimeOffset UploadedAt { get; init; }

    internal const string Columns =
        "id, inspection_id, item_code, file_name, content_type, size_bytes, sha256, caption, uploaded_by, uploaded_at";
}
