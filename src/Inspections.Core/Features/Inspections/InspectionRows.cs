using Inspections.Core.Common;
using Inspections.Core.Data;

namespace Inspections.Core.Features.Inspections;

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
