using Inspections.Domain.Inspections;
using Inspections.Core.Common;
using Inspections.Api.Auth;
using Inspections.Core.Features.Unlicensed;
using Mediator;

namespace Inspections.Api.Endpoints;

public sealed class UnlicensedCampaignEndpoints : IEndpointModule
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var campaigns = app.MapGroup("/api/unlicensed-campaigns").WithTags("Unlicensed-venue rectification 无证无照经营整治");

        campaigns.MapPost("/", async (CreateUnlicensedCampaign.Command command, IMediator mediator, CancellationToken ct) =>
            {
                var campaign = await mediator.Send(command, ct);
                return Results.Created($"/api/unlicensed-campaigns/{campaign.Id}", campaign);
            })
            .Allow<CreateUnlicensedCampaign.Command>()
            .WithSummary("新建无证无照经营集中整治行动（期间、整治场所类型） Open a campaign")
            .Produces<UnlicensedCampaignDto>(StatusCodes.Status201Created);

        campaigns.MapGet("/", async (IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new ListUnlicensedCampaigns.Query(), ct)))
            .Allow<ListUnlicensedCampaigns.Query>()
            .WithSummary("整治行动列表（本辖区及下辖区） Campaigns")
            .Produces<IReadOnlyList<UnlicensedCampaignDto>>();

        campaigns.MapGet("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new GetUnlicensedCampaign.Query(id), ct)))
            .Allow<GetUnlicensedCampaign.Query>()
            .WithSummary("查看整治行动 Get a campaign")
            .Produces<UnlicensedCampaignDto>();

        campaigns.MapGet("/{id:guid}/progress", async (Guid id, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new CampaignProgress.Query(id), ct)))
            .Allow<CampaignProgress.Query>()
            .WithSummary("整治进展：按类型排查数、整治结果、前置条件、逾期整改通知、宣传动员，及总结用语 Campaign progress")
            .Produces<CampaignProgress.ProgressDto>();

        campaigns.MapPost("/{id:guid}/venues", async (Guid id, SurveyVenue.Command command, IMediator mediator, CancellationToken ct) =>
            {
                var venue = await mediator.Send(command with { CampaignId = id }, ct);
                return Results.Created($"/api/unlicensed-campaigns/{id}/venues/{venue.Id}", venue);
            })
            .Allow<SurveyVenue.Command>()
            .WithSummary("摸底排查：登记发现的无证场所（或关联已登记的无证场所） Register a venue the survey found")
            .Produces<CampaignVenueDto>(StatusCodes.Status201Created);

        campaigns.MapGet("/{id:guid}/venues", async (Guid id, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new ListCampaignVenues.Query(id), ct)))
            .Allow<ListCampaignVenues.Query>()
            .WithSummary("整治台账：场所、整改通知期限、前置条件、整治结果 The campaign's venues")
            .Produces<IReadOnlyList<CampaignVenueDto>>();

        campaigns.MapGet("/{id:guid}/venues/{venueId:guid}", async (Guid id, Guid venueId, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new GetCampaignVenue.Query(id, venueId), ct)))
            .Allow<GetCampaignVenue.Query>()
            .WithSummary("查看整治场所 One venue of the campaign")
            .Produces<CampaignVenueDto>();

        campaigns.MapPost("/{id:guid}/venues/{venueId:guid}/notice", async (Guid id, Guid venueId, IssueNotice.Command command, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(command with { CampaignId = id, CampaignVenueId = venueId }, ct)))
            .Allow<IssueNotice.Command>()
            .WithSummary("下达限期整改通知（自然日，到期日按工作日历顺延；须带 version） Issue the rectification notice")
            .Produces<CampaignVenueDto>();

        campaigns.MapPut("/{id:guid}/venues/{venueId:guid}/prerequisites/{department}", async (Guid id, Guid venueId, [OneOf<JointDepartment>] string department,
                DecidePrerequisite.Command command, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(command with { CampaignId = id, CampaignVenueId = venueId, Department = department }, ct)))
            .Allow<DecidePrerequisite.Command>()
            .WithSummary("前置条件审核结果（fire 消防、commerce 工商、environment 环保、health 卫生；须带 version） Record a prerequisite")
            .Produces<CampaignVenueDto>();

        campaigns.MapPost("/{id:guid}/venues/{venueId:guid}/outcome", async (Guid id, Guid venueId, RecordOutcome.Command command, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(command with { CampaignId = id, CampaignVenueId = venueId }, ct)))
            .Allow<RecordOutcome.Command>()
            .WithSummary("整治结果：办证、发放辅导证、取缔、函告移送（只记录一次；须带 version） Record the outcome")
            .Produces<CampaignVenueDto>();

        campaigns.MapPost("/{id:guid}/mobilisations", async (Guid id, RecordMobilisation.Command command, IMediator mediator, CancellationToken ct) =>
            {
                var recorded = await mediator.Send(command with { CampaignId = id }, ct);
                return Results.Created((string?)null, recorded);
            })
            .Allow<RecordMobilisation.Command>()
            .WithSummary("宣传动员：业主座谈会、宣传活动 Record a meeting or publicity event")
            .Produces<RecordMobilisation.MobilisationDto>(StatusCodes.Status201Created);

        campaigns.MapPost("/{id:guid}/office-days", async (Guid id, RecordOfficeDay.Command command, IMediator mediator, CancellationToken ct) =>
            {
                var recorded = await mediator.Send(command with { CampaignId = id }, ct);
                return Results.Created((string?)null, recorded);
            })
            .Allow<RecordOfficeDay.Command>()
            .WithSummary("联合现场办公：参加部门与办理场所 Record a joint on-site office day")
            .Produces<RecordOfficeDay.OfficeDayDto>(StatusCodes.Status201Created);
    }
}
