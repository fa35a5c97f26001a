using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Calendar;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.Unlicensed;

/// <summary>One venue of the campaign, as the list shows it.</summary>
public static class GetUnlicensedCampaignVenue
{
    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Query(Guid CampaignId, Guid CampaignVenueId) : IQuery<UnlicensedCampaignVenueDto>;

    public sealed class Handler(DbSession db, ICurrentUser user, CalendarStore calendars, ClockOptions options, TimeProvider clock)
        : IQueryHandler<Query, UnlicensedCampaignVenueDto>
    {
        public async ValueTask<UnlicensedCampaignVenueDto> Handle(Query query, CancellationToken ct)
        {
            await UnlicensedRows.VisibleCampaignAsync(db, user, query.CampaignId, ct);
            return await UnlicensedRows.ShowVenueAsync(db, calendars, options, clock, query.CampaignId, query.CampaignVenueId, ct);
        }
    }
}
