using Inspections.Domain.Inspections;
using Inspections.Core.Common;
using Inspections.Core.Features.Unlicensed;

namespace Inspections.Api.Endpoints;

public sealed class UnlicensedCampaignEndpoints : IEndpointModule
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var campaigns = app.MapGroup("/api/unlicensed-campaigns").WithTags("Unlicensed-venue rectification 无证无照经营整治");

        campaigns.MapCreate<CreateUnlicensedCampaign.Command, UnlicensedCampaignDto>("/", (CreateUnlicensedCampaign.Command command) => command,
                (_, campaign) => $"/api/unlicensed-campaigns/{campaign.Id}")
            .WithSummary("新建无证无照经营集中整治行动（期间、整治场所类型） Open a campaign");

        campaigns.MapQuery<ListUnlicensedCampaigns.Query, IReadOnlyList<UnlicensedCampaignDto>>("/", () => new ListUnlicensedCampaigns.Query())
            .WithSummary("整治行动列表（本辖区及下辖区） Campaigns");

        campaigns.MapQuery<GetUnlicensedCampaign.Query, UnlicensedCampaignDto>("/{id:guid}", (Guid id) => new GetUnlicensedCampaign.Query(id))
            .WithSummary("查看整治行动 Get a campaign");

        campaigns.MapQuery<UnlicensedCampaignProgress.Query, UnlicensedCampaignProgress.ProgressDto>("/{id:guid}/progress", (Guid id) => new UnlicensedCampaignProgress.Query(id))
            .WithSummary("整治进展：按类型排查数、整治结果、前置条件、逾期整改通知、宣传动员，及总结用语 Campaign progress");

        campaigns.MapCreate<SurveyVenue.Command, UnlicensedCampaignVenueDto>("/{id:guid}/venues", (Guid id, SurveyVenue.Command command) => command with { CampaignId = id },
                (command, venue) => $"/api/unlicensed-campaigns/{command.CampaignId}/venues/{venue.Id}")
            .WithSummary("摸底排查：登记发现的无证场所（或关联已登记的无证场所） Register a venue the survey found");

        campaigns.MapQuery<ListUnlicensedCampaignVenues.Query, IReadOnlyList<UnlicensedCampaignVenueDto>>("/{id:guid}/venues", (Guid id) => new ListUnlicensedCampaignVenues.Query(id))
            .WithSummary("整治台账：场所、整改通知期限、前置条件、整治结果 The campaign's venues");

        campaigns.MapQuery<GetUnlicensedCampaignVenue.Query, UnlicensedCampaignVenueDto>("/{id:guid}/venues/{venueId:guid}", (Guid id, Guid venueId) => new GetUnlicensedCampaignVenue.Query(id, venueId))
            .WithSummary("查看整治场所 One venue of the campaign");

        campaigns.MapCommand<IssueNotice.Command, UnlicensedCampaignVenueDto>("/{id:guid}/venues/{venueId:guid}/notice",
                (Guid id, Guid venueId, IssueNotice.Command command) => command with { CampaignId = id, CampaignVenueId = venueId })
            .WithSummary("下达限期整改通知（自然日，到期日按工作日历顺延；须带 version） Issue the rectification notice");

        campaigns.MapReplace<DecidePrerequisite.Command, UnlicensedCampaignVenueDto>("/{id:guid}/venues/{venueId:guid}/prerequisites/{department}",
                (Guid id, Guid venueId, [OneOf<JointDepartment>] string department, DecidePrerequisite.Command command) =>
                    command with { CampaignId = id, CampaignVenueId = venueId, Department = department })
            .WithSummary("前置条件审核结果（fire 消防、commerce 工商、environment 环保、health 卫生；须带 version） Record a prerequisite");

        campaigns.MapCommand<RecordOutcome.Command, UnlicensedCampaignVenueDto>("/{id:guid}/venues/{venueId:guid}/outcome",
                (Guid id, Guid venueId, RecordOutcome.Command command) => command with { CampaignId = id, CampaignVenueId = venueId })
            .WithSummary("整治结果：办证、发放辅导证、取缔、函告移送（只记录一次；须带 version） Record the outcome");

        // What was recorded has no address of its own: 201 without a Location.
        campaigns.MapCreate<RecordMobilisation.Command, RecordMobilisation.MobilisationDto>("/{id:guid}/mobilisations",
                (Guid id, RecordMobilisation.Command command) => command with { CampaignId = id }, (_, _) => null)
            .WithSummary("宣传动员：业主座谈会、宣传活动 Record a meeting or publicity event");

        campaigns.MapCreate<RecordOfficeDay.Command, RecordOfficeDay.OfficeDayDto>("/{id:guid}/office-days",
                (Guid id, RecordOfficeDay.Command command) => command with { CampaignId = id }, (_, _) => null)
            .WithSummary("联合现场办公：参加部门与办理场所 Record a joint on-site office day");
    }
}
