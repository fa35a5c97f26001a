using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.Inspections;

/// <summary>Opens a special campaign 专项行动 (e.g. 打击黑网吧专项行动) with its period, in the caller's jurisdiction.</summary>
public static class CreateCampaign
{
    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Command : ICommand<CampaignDto>
    {
        public string? Name { get; init; }
        public string? Description { get; init; }
        public DateOnly? StartsOn { get; init; }
        public DateOnly? EndsOn { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Name).NotEmpty().MaximumLength(200).Named("专项行动名称", "Name");
            RuleFor(x => x.Description).MaximumLength(2000).Named("说明", "Description");
            RuleFor(x => x.StartsOn).NotNull().Named("开始日期", "Start date");
            RuleFor(x => x.EndsOn).NotNull().Named("结束日期", "End date");
            RuleFor(x => x.EndsOn).GreaterThanOrEqualTo(x => x.StartsOn).When(x => x.StartsOn is not null && x.EndsOn is not null)
                .Says("结束日期不能早于开始日期", "The campaign ends before it starts");
        }
    }

    internal static readonly Sql Insert = new("""
        INSERT INTO campaigns (id, jurisdiction, name, description, starts_on, ends_on, created_at, created_by, version)
        VALUES (@Id, @Jurisdiction, @Name, @Description, @StartsOn, @EndsOn, @Now, @CreatedBy, 1)
        """);

    public sealed class Handler(DbSession db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, CampaignDto>
    {
        public async ValueTask<CampaignDto> Handle(Command command, CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            var id = Guid.CreateVersion7(now);
            await db.ExecuteAsync(Insert, new
            {
                Id = id,
                user.Jurisdiction,
                Name = command.Name!.Trim(),
                Description = Wire.Clean(command.Description),
                StartsOn = command.StartsOn!.Value,
                EndsOn = command.EndsOn!.Value,
                Now = now,
                CreatedBy = user.UserId,
            }, ct);
            db.AuditAbout("campaign", id);
            return await CampaignRows.LoadAsync(db, id, ct);
        }
    }
}

/// <summary>A campaign and its running totals 专项行动战果.</summary>
public sealed record CampaignDto
{
    public Guid Id { get; init; }
    public string Jurisdiction { get; init; } = "";
    public string Name { get; init; } = "";
    public string? Description { get; init; }
    public DateOnly StartsOn { get; init; }
    public DateOnly EndsOn { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public long Version { get; init; }
    public CampaignTotals Totals { get; init; } = new();
    public IReadOnlyList<SeizureTotal> SeizedItems { get; init; } = [];
}

public sealed record CampaignTotals
{
    public long Inspections { get; init; }                 // 出动检查场所次数
    public long InspectionsWithViolations { get; init; }
    public long Violations { get; init; }                  // 违规项
    public long RectificationNotices { get; init; }        // 责令整改
    public long CaseLeads { get; init; }                   // 转立案
    public long Seizures { get; init; }                    // 收缴记录条数
    public long VenuesClosed { get; init; }                // 取缔/关停场所数
}

public sealed record SeizureTotal
{
    public string Item { get; init; } = "";
    public string Unit { get; init; } = "";
    public long Quantity { get; init; }
}

internal static class CampaignRows
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
            (SELECT COUNT(*) FROM inspection_seizures s JOIN inspections i ON i.id = s.inspection_id WHERE i.campaign_id = @Id) AS seizures,
            (SELECT COUNT(DISTINCT venue_id) FROM inspections WHERE campaign_id = @Id AND venue_closed = @Yes) AS venues_closed
        """);

    private static readonly Sql SelectSeized = new("""
        SELECT s.item, s.unit, SUM(s.quantity) AS quantity
        FROM inspection_seizures s JOIN inspections i ON i.id = s.inspection_id
        WHERE i.campaign_id = @Id
        GROUP BY s.item, s.unit
        ORDER BY s.item, s.unit
        """);

    public static async Task<CampaignDto> LoadAsync(DbSession db, Guid id, CancellationToken ct)
    {
        var campaign = await db.QuerySingleOrDefaultAsync<CampaignDto>(SelectById, new { Id = id }, ct)
            ?? throw new NotFoundException("专项行动", "campaign", id);
        return campaign with
        {
            // A bool parameter matches boolean, bit and SQLite's 0/1 alike; a literal 1 is no boolean on PostgreSQL.
            Totals = (await db.QuerySingleOrDefaultAsync<CampaignTotals>(SelectTotals, new { Id = id, Yes = true }, ct))!,
            SeizedItems = await db.QueryAsync<SeizureTotal>(SelectSeized, new { Id = id }, ct),
        };
    }
}
