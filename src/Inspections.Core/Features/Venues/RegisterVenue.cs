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
            await VenueDuplicates.EnsureNoneAsync(db, command, jurisdiction, except: null, checkCode: true, checkLicense: true,
                checkNameAndAddress: command.ConfirmDuplicate != true, ct);
            var now = clock.GetUtcNow();
            var id = Guid.CreateVersion7(now);
            await db.ExecuteAsync(Insert, VenueRow.Parameters(command, id, jurisdiction, now, version: 1), ct);
            db.AuditAbout("venue", id);
            return await VenueRow.LoadAsync(db, id, ct);
        }
    }
}
