using System.Text.Json;
using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Inspections.Domain.Inspections;
using Inspections.Domain.Venues;
using Mediator;

namespace Inspections.Core.Features.Inspections;

/// <summary>
/// The random draw 双随机: N venues from the caller's district, filtered by type and licence status,
/// each with two officers drawn from the list given. The seed, the pool (ids in order) and the officer
/// list are stored with the result, so anyone can replay the draw and get the same list. Without a
/// seed one is chosen at random; giving one replays an earlier draw.
/// </summary>
public static class DrawVenues
{
    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Command : ICommand<DrawDto>
    {
        public string? Name { get; init; }
        public Guid? CampaignId { get; init; }
        [OneOf<VenueType>] public string? VenueType { get; init; }
        [OneOf<LicenseStatus>] public string? LicenseStatus { get; init; }
        public int? Count { get; init; }
        public IReadOnlyList<RecordInspection.Officer>? Officers { get; init; }
        public int? Seed { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Name).NotEmpty().MaximumLength(200).Named("抽查名称", "Name");
            RuleFor(x => x.VenueType).Must(Wire.IsValid<VenueType>).When(x => x.VenueType is not null)
                .Says($"未知的场所类型，可选值：{Wire.Allowed<VenueType>()}", $"Unknown venue type; allowed: {Wire.Allowed<VenueType>()}");
            RuleFor(x => x.LicenseStatus).Must(Wire.IsValid<LicenseStatus>).When(x => x.LicenseStatus is not null)
                .Says($"未知的证照状态，可选值：{Wire.Allowed<LicenseStatus>()}", $"Unknown licence status; allowed: {Wire.Allowed<LicenseStatus>()}");
            RuleFor(x => x.Count).NotNull().InclusiveBetween(1, 500).Named("抽取数量", "Count");
            RuleFor(x => x.Seed).GreaterThanOrEqualTo(0).Named("随机种子", "Seed");
            RuleFor(x => x.Officers).NotNull().Named("执法人员名单", "Officers");
            RuleFor(x => x.Officers!.Count).GreaterThanOrEqualTo(2).OverridePropertyName("Officers").When(x => x.Officers is not null)
                .Says("执法人员名单至少两人，才能两两配对", "At least two officers are needed to form pairs");
            RuleFor(x => x.Officers).Must(o => o!.Select(p => p?.UserId?.Trim()).Distinct(StringComparer.Ordinal).Count() == o!.Count)
                .When(x => x.Officers is not null).Says("执法人员不能重复", "The same officer is listed twice");
            RuleForEach(x => x.Officers).SetValidator(new RecordInspection.OfficerValidator());
        }
    }

    // Revoked and closed venues no longer trade, so they are not drawn unless asked for by status.
    private static readonly Sql Pool = new("""
        SELECT id FROM venues
        WHERE jurisdiction = @Jurisdiction
          AND (@VenueType IS NULL OR venue_type = @VenueType)
          AND ((@LicenseStatus IS NULL AND license_status NOT IN ('revoked', 'closed')) OR license_status = @LicenseStatus)
        """);

    private static readonly Sql CampaignJurisdiction = new("SELECT jurisdiction FROM campaigns WHERE id = @Id");

    internal static readonly Sql Insert = new("""
        INSERT INTO random_draws (id, jurisdiction, name, campaign_id, venue_type, license_status, requested, seed, pool, officers,
            drawn_at, drawn_by, drawn_by_name, published_at, version)
        VALUES (@Id, @Jurisdiction, @Name, @CampaignId, @VenueType, @LicenseStatus, @Requested, @Seed, @Pool, @Officers,
            @Now, @DrawnBy, @DrawnByName, NULL, 1)
        """);

    private static readonly Sql InsertAssignment = new("""
        INSERT INTO random_draw_assignments (draw_id, position, venue_id, first_user_id, first_name, first_credential,
            second_user_id, second_name, second_credential)
        VALUES (@DrawId, @Position, @VenueId, @FirstUserId, @FirstName, @FirstCredential, @SecondUserId, @SecondName, @SecondCredential)
        """);

    public sealed class Handler(DbSession db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, DrawDto>
    {
        public async ValueTask<DrawDto> Handle(Command command, CancellationToken ct)
        {
            if (command.CampaignId is { } campaignId)
                user.EnsureCanChange(await db.QuerySingleOrDefaultAsync<string>(CampaignJurisdiction, new { Id = campaignId }, ct)
                    ?? throw Wire.Invalid("CampaignId", "专项行动不存在", "No such campaign"));
            var pool = DrawRows.Ordered(await db.QueryAsync<Guid>(Pool, new { user.Jurisdiction, command.VenueType, command.LicenseStatus }, ct));
            if (command.Count > pool.Count)
                throw Wire.Invalid("Count", $"符合条件的场所只有 {pool.Count} 家，不能抽取 {command.Count} 家",
                    $"Only {pool.Count} venues match, so {command.Count} cannot be drawn");
            var officers = command.Officers!.Select(o => new DrawOfficer(o.UserId!.Trim(), o.Name!.Trim(), o.CredentialNumber!.Trim())).ToList();
            var seed = command.Seed ?? RandomDraw.NewSeed();
            var assignments = RandomDraw.Run(seed, pool, officers, command.Count!.Value);

            var now = clock.GetUtcNow();
            var id = Guid.CreateVersion7(now);
            await db.ExecuteAsync(Insert, new
            {
                Id = id,
                user.Jurisdiction,
                Name = command.Name!.Trim(),
                command.CampaignId,
                command.VenueType,
                command.LicenseStatus,
                Requested = command.Count!.Value,
                Seed = seed,
                Pool = JsonSerializer.Serialize(pool),
                Officers = JsonSerializer.Serialize(officers),
                Now = now,
                DrawnBy = user.UserId,
                DrawnByName = user.DisplayName,
            }, ct);
            await db.ExecuteAsync(InsertAssignment, assignments.Select(a => new
            {
                DrawId = id, a.Position, a.VenueId,
                FirstUserId = a.First.UserId, FirstName = a.First.Name, FirstCredential = a.First.CredentialNumber,
                SecondUserId = a.Second.UserId, SecondName = a.Second.Name, SecondCredential = a.Second.CredentialNumber,
            }).ToList(), ct);
            db.AuditAbout("random-draw", id);
            return await DrawRows.LoadAsync(db, id, ct);
        }
    }
}

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
