using Inspections.Core.Common;
using Inspections.Core.Features.Inspections;

namespace Inspections.Api.Endpoints;

public sealed class InspectionCampaignEndpoints : IEndpointModule
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var campaigns = app.MapGroup("/api/campaigns").WithTags("Campaigns 专项行动");

        campaigns.MapCreate<CreateSpecialCampaign.Command, SpecialCampaignDto>("/", (CreateSpecialCampaign.Command command) => command,
                (_, campaign) => $"/api/campaigns/{campaign.Id}")
            .WithSummary("新建专项行动 Create a campaign");

        campaigns.MapQuery<GetSpecialCampaign.Query, SpecialCampaignDto>("/{id:guid}", (Guid id) => new GetSpecialCampaign.Query(id))
            .WithSummary("专项行动及战果统计 A campaign and its totals");

        campaigns.MapQuery<ListSpecialCampaigns.Query, IReadOnlyList<SpecialCampaignDto>>("/", () => new ListSpecialCampaigns.Query())
            .WithSummary("专项行动列表 Campaigns");

        var draws = app.MapGroup("/api/draws").WithTags("Random draws 双随机");

        draws.MapCreate<DrawVenues.Command, DrawDto>("/", (DrawVenues.Command command) => command, (_, draw) => $"/api/draws/{draw.Id}")
            .WithSummary("双随机抽取：随机抽取场所并随机配对执法人员（记录种子，可复现） Draw venues and officer pairs");

        draws.MapQuery<ListDraws.Query, Page<ListDraws.DrawSummary>>("/", (bool? published, string? cursor, int? limit) =>
                new ListDraws.Query { Published = published, Cursor = cursor, Limit = limit })
            .WithSummary("本辖区的双随机抽取（最新在前；可按是否已公示筛选；游标分页） Draws of the jurisdiction, newest first");

        draws.MapQuery<GetDraw.Query, DrawDto>("/{id:guid}", (Guid id) => new GetDraw.Query(id))
            .WithSummary("查看抽取（含复现校验与检查结果） Get a draw");

        draws.MapCommand<PublishDraw.Command, PublishedDraw.View>("/{id:guid}/publish", (Guid id) => new PublishDraw.Command(id))
            .WithSummary("审核公示抽取结果 Release a draw for publication");

        draws.MapQuery<PublishedDraw.Query, PublishedDraw.View>("/{id:guid}/public", (Guid id) => new PublishedDraw.Query(id))
            .WithSummary("可公开的抽取名单与检查结果（执法人员仅姓名、执法证号） What may be published")
            .ProducesProblem(StatusCodes.Status409Conflict); // not yet released by a supervisor
    }
}
