using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Jurisdictions;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.Venues;

/// <summary>
/// Updates a venue's facts; the caller sends the version they read (stale → 409). A unified social credit code or
/// licence number another venue of the district already holds is refused with a 409 naming that venue, as when
/// registering (<see cref="RegisterVenue"/>).
/// </summary>
public static class UpdateVenue
{
    [AllowedRoles(Roles.Officer, Roles.Supervisor, Roles.Admin)]
    public sealed record Command : VenueFacts, ICommand<VenueDto>
    {
        [RouteValue] public Guid Id { get; init; }
        public long? Version { get; init; }
    }

    public sealed class Validator : VenueFactsValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Version).IsVersion();
        }
    }

    internal static readonly Sql Update = new("""
        UPDATE venues SET jurisdiction = @Jurisdiction, name = @Name, address = @Address, venue_type = @Type,
            operator_name = @OperatorName, legal_representative = @LegalRepresentative,
            unified_social_credit_code = @UnifiedSocialCreditCode, license_number = @LicenseNumber,
            license_valid_until = @LicenseValidUntil, license_status = @LicenseStatus, terminals = @Terminals,
            rooms = @Rooms, updated_at = @Now, version = version + 1
        WHERE id = @Id AND version = @Version
        """);

    /// <summary>The venue's cases keep its type for the closure rate by venue type, which counts each case under the venue's current type.</summary>
    private static readonly Sql CasesType = new("UPDATE cases SET venue_type = @Type WHERE venue_id = @Id AND (venue_type IS NULL OR venue_type <> @Type)");

    public sealed class Handler(DbSession db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, VenueDto>
    {
        public async ValueTask<VenueDto> Handle(Command command, CancellationToken ct)
        {
            var current = await VenueRow.LoadAsync(db, command.Id, ct);
            user.EnsureCanChange(current.Jurisdiction);
            var jurisdiction = command.Jurisdiction ?? current.Jurisdiction;
            user.EnsureCanChange(jurisdiction);
            if (jurisdiction != current.Jurisdiction) await JurisdictionRows.EnsureKnownAsync(db, nameof(Command.Jurisdiction), jurisdiction, ct);
            // An identifier the venue keeps in its district is not checked again (a register from before the rule may hold twins).
            var sameDistrict = VenueDuplicates.District(jurisdiction) == VenueDuplicates.District(current.Jurisdiction);
            await VenueDuplicates.EnsureNoneAsync(db, command, jurisdiction, except: command.Id,
                checkCode: !sameDistrict || Input.Clean(command.UnifiedSocialCreditCode) != current.UnifiedSocialCreditCode,
                checkLicense: !sameDistrict || Input.Clean(command.LicenseNumber) != current.LicenseNumber,
                checkNameAndAddress: false, ct);
            var changed = await db.ExecuteAsync(Update,
                VenueRow.Parameters(command, command.Id, jurisdiction, clock.GetUtcNow(), command.Version!.Value), ct);
            // The version read before the write may predate the winner's commit: read it again to report the one that is current.
            if (changed == 0)
                throw ConflictException.StaleVersion("场所", "venue", command.Version.Value, (await VenueRow.LoadAsync(db, command.Id, ct)).Version);
            if (command.Type != current.Type) await db.ExecuteAsync(CasesType, new { command.Type, command.Id }, ct);
            db.AuditAbout("venue", command.Id);
            // The notices' clocks read the venue's name alone (their titles, NoticeDeadlineSource): the usual update of
            // an operator, a licence or a terminal count leaves them as they are, and is not worth two lookups and two deletes.
            if (command.Name!.Trim() == current.Name) db.LeaveClocks();
            return await VenueRow.LoadAsync(db, command.Id, ct);
        }
    }
}
