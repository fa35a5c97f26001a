using System.Text.Json;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Inspections;

namespace Inspections.Core.Features.Inspections;

internal static class DrawRows
{
    private sealed record Row
    {
        public Guid Id { get; init; }
        public string Jurisdiction { get; init; } = "";
        public string Name { get; init; } = "";
        public Guid? CampaignId { get; init; }
        public string? VenueType { get; init; }
        public string? LicenseStatus { get; init; }
        public int Requested { get; init; }
        public int Seed { get; init; }
        public string Pool { get; init; } = "";
        public string Officers { get; init; } = "";
        public DateTimeOffset DrawnAt { get; init; }
        public string DrawnByName { get; init; } = "";
        public DateTimeOffset? PublishedAt { get; init; }
        public long Version { get; init; }
    }

    private sealed record InspectionRow
    {
        public Guid VenueId { get; init; }
        public Guid Id { get; init; }
        public DateTimeOffset StartedAt { get; init; }
        public string Outcome { get; init; } = "";
        public int Violations { get; init; }
    }

    private static readonly Sql SelectById = new("""
        SELECT id, jurisdiction, name, campaign_id, venue_type, license_status, requested, seed, pool, officers,
            drawn_at, drawn_by_name, published_at, version
        FROM random_draws WHERE id = @Id
        """);

    private static readonly Sql SelectAssignments = new("""
        SELECT a.position, a.venue_id, v.name AS venue_name, v.address AS venue_address, v.venue_type,
            a.first_user_id, a.first_name, a.first_credential, a.second_user_id, a.second_name, a.second_credential
        FROM random_draw_assignments a JOIN venues v ON v.id = a.venue_id
        WHERE a.draw_id = @Id ORDER BY a.position
        """);

    private static readonly Sql SelectInspections = new("""
        SELECT venue_id, id, started_at, outcome, violations FROM inspections WHERE draw_id = @Id ORDER BY started_at, id
        """);

    /// <summary>The pool order the replay depends on: ids as text, ordinal, whatever the database's own uuid order.</summary>
    public static List<Guid> Ordered(IEnumerable<Guid> ids) =>
        ids.OrderBy(g => g.ToString("D"), StringComparer.Ordinal).ToList();

    public static async Task<DrawDto> LoadAsync(DbSession db, Guid id, CancellationToken ct)
    {
        var row = await db.QuerySingleOrDefaultAsync<Row>(SelectById, new { Id = id }, ct)
            ?? throw new NotFoundException("双随机抽取", "random draw", id);
        var pool = JsonSerializer.Deserialize<List<Guid>>(row.Pool) ?? [];
        var officers = JsonSerializer.Deserialize<List<DrawOfficer>>(row.Officers) ?? [];
        // The first inspection of each drawn venue under this draw is its published result.
        var inspected = (await db.QueryAsync<InspectionRow>(SelectInspections, new { Id = id }, ct))
            .GroupBy(i => i.VenueId).ToDictionary(g => g.Key, g => g.First());
        var assignments = (await db.QueryAsync<DrawAssignmentDto>(SelectAssignments, new { Id = id }, ct))
            .Select(a => inspected.TryGetValue(a.VenueId, out var i)
                ? a with { InspectionId = i.Id, InspectedAt = i.StartedAt, Outcome = i.Outcome, Violations = i.Violations }
                : a)
            .ToList();
        var replay = RandomDraw.Run(row.Seed, pool, officers, row.Requested);
        var reproducible = replay.Count == assignments.Count && replay.Zip(assignments).All(p =>
            p.First.VenueId == p.Second.VenueId && p.First.First.UserId == p.Second.FirstUserId && p.First.Second.UserId == p.Second.SecondUserId);
        return new DrawDto
        {
            Id = row.Id, Jurisdiction = row.Jurisdiction, Name = row.Name, CampaignId = row.CampaignId, VenueType = row.VenueType,
            LicenseStatus = row.LicenseStatus, Requested = row.Requested, Seed = row.Seed, Pool = pool, Officers = officers,
            DrawnAt = row.DrawnAt, DrawnByName = row.DrawnByName, PublishedAt = row.PublishedAt, Version = row.Version,
            Assignments = assignments, Reproducible = reproducible,
        };
    }
}
