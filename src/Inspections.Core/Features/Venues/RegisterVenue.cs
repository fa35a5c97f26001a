using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Jurisdictions;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.Venues;

/// <summary>
/// Registers a venue 场所登记. It belongs to the jurisdiction given — a district's venue to one of its
/// towns or streets 乡镇（街道）, which the district brigade and the town's station both act on — or,
/// when none is given, to the caller's own.
/// <para>
/// The register holds each business once per district: a venue with the same unified social credit code
/// 统一社会信用代码 or licence number 许可证号 already registered in the district (its towns included) is
/// refused with a 409 naming it (<see cref="DuplicateVenue"/>), to be updated there rather than registered
/// again. The same name and address is more likely the same shop than not, but two businesses can share a
/// building and a name: that 409 names the existing venue and asks the caller to send the request again
/// with <c>confirmDuplicate: true</c> if it really is another one.
/// </para>
/// </summary>
public static class RegisterVenue
{
    [AllowedRoles(Roles.Officer, Roles.Supervisor, Roles.Admin)]
    public sealed record Command : VenueFacts, ICommand<VenueDto>
    {
        /// <summary>Register it although a venue of the same name and address is already on the register (never overrides a credit code or licence number in use).</summary>
        public bool? ConfirmDuplicate { get; init; }
    }

    public sealed class Validator : VenueFactsValidator<Command>;

    /// <summary>
    /// What a duplicate refusal (409) names in its "duplicate" field; it also carries existingVenueId, existingVenue
    /// (/api/venues/{id}), existingVenueName and canConfirm (true only for the same name and address).
    /// </summary>
    public static class DuplicateVenue
    {
        public const string CreditCode = "unifiedSocialCreditCode";
        public const string LicenseNumber = "licenseNumber";
        public const string NameAndAddress = "nameAndAddress";
    }

    private sealed record Existing(Guid Id, string Name, string Address, string? UnifiedSocialCreditCode, string? LicenseNumber);

    private static readonly Sql SameVenue = new("""
        SELECT id, name, address, unified_social_credit_code, license_number FROM venues
        WHERE jurisdiction BETWEEN @JurisdictionFirst AND @JurisdictionLast
          AND (unified_social_credit_code = @Code OR license_number = @License OR (name = @Name AND address = @Address))
        ORDER BY created_at, id
        """);

    internal static readonly Sql Insert = new("""
        INSERT INTO venues (id, jurisdiction, name, address, venue_type, operator_name, legal_representative,
            unified_social_credit_code, license_number, license_valid_until, license_status, terminals, rooms,
            created_at, updated_at, version)
        VALUES (@Id, @Jurisdiction, @Name, @Address, @Type, @OperatorName, @LegalRepresentative,
            @UnifiedSocialCreditCode, @LicenseNumber, @LicenseValidUntil, @LicenseStatus, @Terminals, @Rooms,
            @Now, @Now, 1)
        """);

    public sealed class Handler(DbSession db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, VenueDto>
    {
        public async ValueTask<VenueDto> Handle(Command command, CancellationToken ct)
        {
            var jurisdiction = command.Jurisdiction ?? user.Jurisdiction;
            user.EnsureCanChange(jurisdiction);
            if (command.Jurisdiction is not null) await JurisdictionRows.EnsureKnownAsync(db, nameof(Command.Jurisdiction), jurisdiction, ct);
            await EnsureNotRegisteredAsync(db, command, jurisdiction, ct);
            var now = clock.GetUtcNow();
            var id = Guid.CreateVersion7(now);
            await db.ExecuteAsync(Insert, VenueRow.Parameters(command, id, jurisdiction, now, version: 1), ct);
            db.AuditAbout("venue", id);
            return await VenueRow.LoadAsync(db, id, ct);
        }
    }

    /// <summary>The district the venue's jurisdiction lies in (a town's district), where its identifiers must be new.</summary>
    private static CodeRange District(string jurisdiction) => Jurisdiction.Level(jurisdiction) switch
    {
        JurisdictionLevel.Town => Jurisdiction.Range(jurisdiction[..6]),
        JurisdictionLevel.District => Jurisdiction.Range(jurisdiction),
        _ => new CodeRange(jurisdiction, jurisdiction),
    };

    private static async Task EnsureNotRegisteredAsync(DbSession db, Command command, string jurisdiction, CancellationToken ct)
    {
        var district = District(jurisdiction);
        var code = Input.Clean(command.UnifiedSocialCreditCode);
        var license = Input.Clean(command.LicenseNumber);
        var name = command.Name!.Trim();
        var address = command.Address!.Trim();
        var found = await db.QueryAsync<Existing>(SameVenue, new
        {
            JurisdictionFirst = district.First, JurisdictionLast = district.Last,
            Code = code, License = license, Name = name, Address = address,
        }, ct);
        if (code is not null && found.FirstOrDefault(v => v.UnifiedSocialCreditCode == code) is { } sameCode)
            throw Refusal(DuplicateVenue.CreditCode, sameCode,
                $"统一社会信用代码 {code} 已登记为场所“{sameCode.Name}”，同一经营者不能重复登记，请在原档案中修改。",
                $"The unified social credit code {code} is already registered as the venue \"{sameCode.Name}\"; update that record instead.");
        if (license is not null && found.FirstOrDefault(v => v.LicenseNumber == license) is { } sameLicense)
            throw Refusal(DuplicateVenue.LicenseNumber, sameLicense,
                $"许可证号 {license} 已登记为场所“{sameLicense.Name}”，不能重复登记，请在原档案中修改。",
                $"The licence number {license} is already registered as the venue \"{sameLicense.Name}\"; update that record instead.");
        if (command.ConfirmDuplicate != true && found.FirstOrDefault(v => v.Name == name && v.Address == address) is { } sameName)
            throw Refusal(DuplicateVenue.NameAndAddress, sameName,
                $"已有同名同址场所“{sameName.Name}”（{sameName.Address}）。确属另一家场所的，请确认后重新提交（confirmDuplicate: true）。",
                $"A venue of the same name and address is already registered (\"{sameName.Name}\", {sameName.Address}). If this is another venue, send it again with confirmDuplicate: true.");
    }

    private static ConflictException Refusal(string duplicate, Existing existing, string zh, string en) => new(zh, en,
        new Dictionary<string, object?>
        {
            ["duplicate"] = duplicate,
            ["existingVenueId"] = existing.Id,
            ["existingVenue"] = $"/api/venues/{existing.Id}",
            ["existingVenueName"] = existing.Name,
            ["canConfirm"] = duplicate == DuplicateVenue.NameAndAddress,
        });
}
