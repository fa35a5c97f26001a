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
/// </summary>
public static class RegisterVenue
{
    [AllowedRoles(Roles.Officer, Roles.Supervisor, Roles.Admin)]
    public sealed record Command : VenueFacts, ICommand<VenueDto>;

    public sealed class Validator : VenueFactsValidator<Command>;

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
            var now = clock.GetUtcNow();
            var id = Guid.CreateVersion7(now);
            await db.ExecuteAsync(Insert, VenueRow.Parameters(command, id, jurisdiction, now, version: 1), ct);
            db.AuditAbout("venue", id);
            return await VenueRow.LoadAsync(db, id, ct);
        }
    }
}
