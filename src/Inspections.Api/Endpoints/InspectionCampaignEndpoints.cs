using Inspections.Api.Auth;
using Inspections.Core.Features.Inspections;
using Mediator;

namespace Inspections.Api.Endpoints;

public sealed class InspectionCampaignEndpoints : IEndpointModule
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var campaigns = app.MapGroup("/api/campaigns").WithTags("Campaigns 专项行动");

        campaigns.MapPost("/", async (CreateSpecialCampaign.Command command, IMediator mediator, CancellationToken ct) =>
            {
                var campaign = await mediator.Send(command, ct);
                return Results.Created($"/api/campaigns/{campaign.Id}", campaign);
            })
            .Allow<CreateSpecialCampaign.Command>()
            .WithSummary("新建专项行动 Create a campaign")
            .Produces<SpecialCampaignDto>(StatusCodes.Status201Created);

        campaigns.MapGet("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new GetSpecialCampaign.Query(id), ct)))
            .Allow<GetSpecialCampaign.Query>()
            .WithSummary("专项行动及战果统计 A campaign and its totals")
            .Produces<SpecialCampaignDto>();

        campaigns.MapGet("/", async (IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new ListSpecialCampaigns.Query(), ct)))
            .Allow<ListSpecialCampaigns.Query>()
            .WithSummary("专项行动列表 Campaigns")
            .Produces<IReadOnlyList<SpecialCampaignDto>>();

        var draws = app.MapGroup("/api/draws").WithTags("Random draws 双随机");

        draws.MapPost("/", async (DrawVenues.Command command, IMediator mediator, CancellationToken ct) =>
            {
                var draw = await mediator.Send(command, ct);
                return Results.Created($"/api/draws/{draw.Id}", draw);
            })
            .Allow<DrawVenues.Command>()
            .WithSummary("双随机抽取：随机抽取场所并随机配对执法人员（记录种子，可复现） Draw venues and officer pairs")
            .Produces<DrawDto>(StatusCodes.Status201Created);

        draws.MapGet("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new GetDraw.Query(id), ct)))
            .Allow<GetDraw.Query>()
            .WithSummary("查看抽取（含复现校验与检查结果） Get a draw")
            .Produces<DrawDto>();

        draws.MapPost("/{id:guid}/publish", async (Guid id, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new PublishDraw.Command(id), ct)))
            .Allow<PublishDraw.Command>()
            .WithSummary("审核公示抽取结果 Release a draw for publication")
            .Produces<PublishedDraw.View>();

        draws.MapGet("/{id:guid}/public", async (Guid id, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new PublishedDraw.Query(id), ct)))
            .Allow<PublishedDraw.Query>()
            .WithSummary("可公开的抽取名单与检查结果（执法人员仅姓名、执法证号） What may be published")
            .Produces<PublishedDraw.View>()
            .ProducesProblem(StatusCodes.Status409Conflict); // not yet released by a supervisor
    }
}
