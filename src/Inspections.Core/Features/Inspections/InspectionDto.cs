using System.Text.Json.Serialization;
using Inspections.Core.Common;
using Inspections.Core.Data;

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

/// <summary>Reading one inspection with everything it owns.</summary>
internal static class InspectionRows
{
    internal const string SummaryColumns = """
        i.id, i.jurisdiction, i.venue_id, v.name AS venue_name, v.venue_type, i.kind, i.campaign_id, i.draw_id,
        i.started_at, i.ended_at, i.outcome, i.violations, i.rectification_due_on, i.case_lead, i.venue_closed
        """;

    private static readonly Sql SelectById = new("""
        SELECT i.id, i.jurisdiction, i.venue_id, v.name AS venue_name, v.venue_type, i.kind, i.campaign_id, i.draw_id,
            i.joint_departments AS joint_department_list, i.complaint_reference, i.started_at, i.ended_at, i.location,
            i.latitude, i.longitude, i.notes, i.outcome, i.violations, i.rectification_issued_on, i.rectification_limit_days,
            i.rectification_due_on, i.rectification_requirements, i.rectification_checked_on, i.rectification_result,
            i.rectification_checked_by, i.rectification_check_note, i.case_lead, i.case_lead_description,
            i.referral_department, i.referral_note, i.venue_closed, i.template_id AS checklist_id,
            t.version AS checklist_version, i.recorded_by, i.recorded_by_name, i.created_at, i.version
        FROM inspections i
        JOIN venues v ON v.id = i.venue_id
        JOIN checklist_templates t ON t.id = i.template_id
        WHERE i.id = @Id
        """);

    private static readonly Sql SelectOfficers = new(
        "SELECT user_id, name, credential_number FROM inspection_officers WHERE inspection_id = @Id ORDER BY position");

    private static readonly Sql SelectResults = new("""
        SELECT c.code AS item_code, c.text, c.legal_basis, r.result, r.note
        FROM inspection_results r JOIN checklist_items c ON c.id = r.item_id
        WHERE r.inspection_id = @Id ORDER BY c.position
        """);

    private static readonly Sql SelectSeizures = new(
        "SELECT item, quantity, unit FROM inspection_seizures WHERE inspection_id = @Id ORDER BY position");

    private static readonly Sql SelectEvidence = new(
        $"SELECT {EvidenceDto.Columns} FROM inspection_evidence WHERE inspection_id = @Id ORDER BY uploaded_at, id");

    private static readonly Sql SelectJurisdiction = new("SELECT jurisdiction FROM inspections WHERE id = @Id");

    public static async Task<InspectionDto> LoadAsync(DbSession db, Guid id, CancellationToken ct)
    {
        var inspection = await db.QuerySingleOrDefaultAsync<InspectionDto>(SelectById, new { Id = id }, ct)
            ?? throw new NotFoundException("检查记录", "inspection", id);
        return inspection with
        {
            Officers = await db.QueryAsync<InspectionOfficerDto>(SelectOfficers, new { Id = id }, ct),
            Results = await db.QueryAsync<InspectionResultDto>(SelectResults, new { Id = id }, ct),
            Seizures = await db.QueryAsync<SeizureDto>(SelectSeizures, new { Id = id }, ct),
            Evidence = await db.QueryAsync<EvidenceDto>(SelectEvidence, new { Id = id }, ct),
        };
    }

    /// <summary>Just the row's jurisdiction, for access checks before touching anything else.</summary>
    public static async Task<string> JurisdictionAsync(DbSession db, Guid id, CancellationToken ct) =>
        await db.QuerySingleOrDefaultAsync<string>(SelectJurisdiction, new { Id = id }, ct)
        ?? throw new NotFoundException("检查记录", "inspection", id);
}
