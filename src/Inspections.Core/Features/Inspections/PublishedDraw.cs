using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Inspections.Domain.Inspections;
using Mediator;

namespace Inspections.Core.Features.Inspections;

/// <summary>
/// What may be made public about a published draw: the venues, the officers' names and credential
/// numbers (nothing else about them), and each inspection's date and result once it has happened.
/// </summary>
public static class PublishedDraw
{
    [AllowedRoles(Roles.Officer, Roles.Clerk, Roles.Supervisor, Roles.Admin)]
    public sealed record Query(Guid Id) : IQuery<View>;

    public sealed record View(
        Guid Id, string Name, string Jurisdiction, DateTimeOffset DrawnAt, DateTimeOffset? PublishedAt, int Seed, int PoolSize,
        IReadOnlyList<Entry> Entries);

    public sealed record Entry(
        int Position, string VenueName, string VenueAddress, string VenueType, IReadOnlyList<PublicOfficer> Officers,
        DateTimeOffset? InspectedAt, string? Outcome, string? Result);

    public sealed record PublicOfficer(string Name, string CredentialNumber);

    internal static View Of(DrawDto draw) => new(
        draw.Id, draw.Name, draw.Jurisdiction, draw.DrawnAt, draw.PublishedAt, draw.Seed, draw.Pool.Count,
        draw.Assignments.Select(a => new Entry(
            a.Position, a.VenueName, a.VenueAddress, a.VenueType,
            [new PublicOfficer(a.FirstName, a.FirstCredential), new PublicOfficer(a.SecondName, a.SecondCredential)],
            a.InspectedAt, a.Outcome,
            Wire.TryParse<InspectionOutcome>(a.Outcome, out var o) ? Text.Pick(o.ChineseName(), a.Outcome!) : null)).ToList());

    public sealed class Handler(DbSession db, ICurrentUser user) : IQueryHandler<Query, View>
    {
        public async ValueTask<View> Handle(Query query, CancellationToken ct)
        {
            var draw = await DrawRows.LoadAsync(db, query.Id, ct);
            user.EnsureCanSee(draw.Jurisdiction);
            if (draw.PublishedAt is null)
                throw new ConflictException("该抽取结果尚未经科长审核公示。", "This draw has not been released for publication yet.");
            return Of(draw);
        }
    }
}
