using FluentValidation;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Calendar;

namespace Inspections.Core.Features.Unlicensed;

/// <summary>What every change to a campaign's venue carries: which venue, and the version the caller read.</summary>
public abstract record VenueStep
{
    [RouteValue] public Guid CampaignId { get; init; }
    [RouteValue] public Guid CampaignVenueId { get; init; }
    public long? Version { get; init; }
}

public abstract class VenueStepValidator<T> : AbstractValidator<T> where T : VenueStep
{
    protected VenueStepValidator() => RuleFor(x => x.Version).IsVersion();
}

/// <summary>
/// The start and end every venue step shares. A recorded outcome ends the venue's rectification,
/// so nothing about it changes afterwards; a write that matched no row met a newer version.
/// </summary>
internal static class VenueSteps
{
    public static async Task<(UnlicensedCampaignDto Campaign, UnlicensedCampaignVenueDto Venue)> UndecidedAsync(
        DbSession db, ICurrentUser user, VenueStep step, CancellationToken ct)
    {
        var campaign = await UnlicensedRows.ChangeableCampaignAsync(db, user, step.CampaignId, ct);
        var venue = await UnlicensedRows.VenueRowAsync(db, step.CampaignId, step.CampaignVenueId, ct);
        if (venue.Outcome is not null)
            throw new ConflictException($"该场所的整治结果已于 {venue.OutcomeOn:yyyy-MM-dd} 记录，不再变更。",
                $"The venue's outcome was recorded on {venue.OutcomeOn:yyyy-MM-dd}; nothing about it changes now.");
        return (campaign, venue);
    }

    public static async Task<UnlicensedCampaignVenueDto> RecordedAsync(DbSession db, VenueStep step, UnlicensedCampaignVenueDto before, int changed,
        CalendarStore calendars, ClockOptions options, TimeProvider clock, CancellationToken ct)
    {
        if (changed == 0) // read again: the version read before the write may predate the winner's commit
            throw ConflictException.StaleVersion("整治场所", "campaign venue", step.Version!.Value,
                (await UnlicensedRows.VenueRowAsync(db, step.CampaignId, before.Id, ct)).Version);
        db.AuditAbout("unlicensedCampaignVenue", before.Id);
        return await UnlicensedRows.ShowVenueAsync(db, calendars, options, clock, step.CampaignId, before.Id, ct);
    }
}
