using Inspections.Core.Common;
using Inspections.Core.Data;

namespace Inspections.Core.Features.Inspections;

internal static class SpecialCampaignRows
{
    private static readonly Sql SelectById = new(
        "SELECT id, jurisdiction, name, description, starts_on, ends_on, created_at, version FROM campaigns WHERE id = @Id");

    private static readonly Sql SelectTotals = new("""
        SELECT
            (SELECT COUNT(*) FROM inspections WHERE campaign_id = @Id) AS inspections,
            (SELECT COUNT(*) FROM inspections WHERE campaign_id = @Id AND violations > 0) AS inspections_with_violations,
            (SELECT COALESCE(SUM(violations), 0) FROM inspections WHERE campaign_id = @Id) AS violations,
            (SELECT COUNT(*) FROM inspections WHERE campaign_id = @Id AND outcome = 'rectificationNotice') AS rectification_notices,
            (SELECT COUNT(*) FROM inspections WHERE campaign_id = @Id AND case_lead = @Yes) AS case_leads,
            (SELECT COUNT(*) FROM inspection_seizures s JOIN inspections i ON i.id = s.inspection_id WHERE i.campaign_id = @Id)
              + (SELECT COUNT(*) FROM office_seizures WHERE campaign_id = @Id) AS seizures,
            (SELECT COUNT(DISTINCT venue_id) FROM inspections WHERE campaign_id = @Id AND venue_closed = @Yes) AS venues_closed
        """);

    // The inspections' own seizure lines and the seizures recorded on their own in the campaign (a station's raid).
    private static readonly Sql SelectSeized = new("""
        SELECT item, unit, SUM(quantity) AS quantity FROM (
            SELECT s.item, s.unit, s.quantity
            FROM inspection_seizures s JOIN inspections i ON i.id = s.inspection_id
            WHERE i.campaign_id = @Id
            UNION ALL
            SELECT item, unit, quantity FROM office_seizures WHERE campaign_id = @Id
        ) seized
        GROUP BY item, unit
        ORDER BY item, unit
        """);

    public static async Task<SpecialCampaignDto> LoadAsync(DbSession db, Guid id, CancellationToken ct)
    {
        var campaign = await db.QuerySingleOrDefaultAsync<SpecialCampaignDto>(SelectById, new { Id = id }, ct)
            ?? throw new NotFoundException("专项行动", "campaign", id);
        return campaign with
        {
            Totals = (await db.QuerySingleOrDefaultAsync<SpecialCampaignTotals>(SelectTotals, new { Id = id, Yes = true }, ct))!, // a bool parameter matches boolean, bit and SQLite 0/1 alike
            SeizedItems = await db.QueryAsync<SeizureTotal>(SelectSeized, new { Id = id }, ct),
        };
    }
}
