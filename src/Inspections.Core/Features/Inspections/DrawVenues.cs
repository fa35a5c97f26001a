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
/// The random draw 双随机: N venues from those the caller may act on (a district's, its towns' included), filtered by type and licence status,
/// each with two officers drawn from the list given (active officers of the caller's jurisdiction, named by
/// login; their names and credential numbers come from the users table). The seed, the pool (ids in order) and the officer
/// list are stored with the result, so anyone can replay the draw and get the same list. Without a
/// seed one is chosen at random; giving one replays an earlier draw.
/// </summary>
public static class DrawVenues
{
    [NotForStations(StationBar.Campaigns)]
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
        WHERE jurisdiction BETWEEN @JurisdictionFirst AND @JurisdictionLast
          AND (@VenueType IS NULL OR venue_type = @VenueType)
          AND ((@LicenseStatus IS NULL AND license_status NOT IN ('revoked', 'closed')) OR license_status = @LicenseStatus)
        """);

    private static readonly Sql SpecialCampaignJurisdiction = new("SELECT jurisdiction FROM campaigns WHERE id = @Id");

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
                user.EnsureCanChange(await db.QuerySingleOrDefaultAsync<string>(SpecialCampaignJurisdiction, new { Id = campaignId }, ct)
                    ?? throw Input.Invalid("CampaignId", "专项行动不存在", "No such campaign"));
            var pool = DrawRows.Ordered(await db.QueryAsync<Guid>(Pool, new { JurisdictionFirst = Jurisdiction.Changeable(user.Jurisdiction).First, JurisdictionLast = Jurisdiction.Changeable(user.Jurisdiction).Last, command.VenueType, command.LicenseStatus }, ct));
            if (command.Count > pool.Count)
                throw Input.Invalid("Count", $"符合条件的场所只有 {pool.Count} 家，不能抽取 {command.Count} 家",
                    $"Only {pool.Count} venues match, so {command.Count} cannot be drawn");
            var officers = (await RecordInspection.OfficersOnRecordAsync(db, user, command.Officers!, ct))
                .Select(o => new DrawOfficer(o.Id, o.DisplayName, o.CredentialNumber!)).ToList();
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
