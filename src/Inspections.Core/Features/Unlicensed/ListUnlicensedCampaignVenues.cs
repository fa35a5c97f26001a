using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Calendar;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.Unlicensed;

/// <summary>The campaign's venues 整治台账: each with its notice clock, prerequisites and outcome.</summary>
public static class ListUnlicensedCampaignVenues
{
    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Query(Guid CampaignId) : IQuery<IReadOnlyList<UnlicensedCampaignVenueDto>>;

    public sealed class Handler(DbSession db, ICurrentUser user, CalendarStore calendars, ClockOptions options, TimeProvider clock)
        : IQueryHandler<Query, IReadOnlyList<UnlicensedCampaignVenueDto>>
    {
        public async ValueTask<IReadOnlyList<UnlicensedCampaignVenueDto>> Handle(Query query, CancellationToken ct)
        {
            await UnlicensedRows.VisibleCampaignAsync(db, user, query.CampaignId, ct);
            return await UnlicensedRows.VenuesAsync(db, query.CampaignId, await calendars.EvaluatorAsync(db, ct),
                clock.GetUtcNow(), options.DueSoonFor("notice"), ct);
        }
    }
}
