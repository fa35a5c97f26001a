using Inspections.Domain.Venues;
using Inspections.Domain.Inspections;
using Inspections.Core.Common;
using Inspections.Core.Features.Inspections;

namespace Inspections.Api.Endpoints;

public sealed class InspectionEndpoints : IEndpointModule
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var checklists = app.MapGroup("/api/checklists").WithTags("Checklists 检查表");

        checklists.MapQuery<GetChecklist.Query, ChecklistDto>("/{venueType}", ([OneOf<VenueType>] string venueType, int? version) => new GetChecklist.Query(venueType, version))
            .WithSummary("场所类型的检查表（默认现行版本） Checklist of a venue type");

        checklists.MapCreate<PublishChecklist.Command, ChecklistDto>("/", (PublishChecklist.Command command) => command,
                (_, checklist) => $"/api/checklists/{checklist.VenueType}?version={checklist.Version}")
            .WithSummary("发布检查表新版本（旧版本及其检查记录不变） Publish a new checklist version");

        var inspections = app.MapGroup("/api/inspections").WithTags("Inspections 检查");

        inspections.MapCreate<RecordInspection.Command, InspectionDto>("/", (RecordInspection.Command command) => command,
                (_, inspection) => $"/api/inspections/{inspection.Id}")
            .WithSummary("登记现场检查 Record an inspection");

        inspections.MapCommand<CheckRectification.Command, InspectionDto>("/{id:guid}/rectification-check",
                (Guid id, CheckRectification.Command command) => command with { InspectionId = id })
            .WithSummary("整改复查（须带 version） Record the follow-up check of a rectification notice");

        inspections.MapQuery<GetInspection.Query, InspectionDto>("/{id:guid}", (Guid id) => new GetInspection.Query(id))
            .WithSummary("查看检查记录 Get an inspection");

        inspections.MapQuery<SearchInspections.Query, Page<SearchInspections.InspectionSummaryDto>>("/", ([AsParameters] SearchParameters p) => p.ToQuery(null))
            .WithSummary("查询检查记录（按场所、执法人员、期间、类型、结果、专项行动、待立案线索；游标分页） Search inspections");

        app.MapQuery<SearchInspections.Query, Page<SearchInspections.InspectionSummaryDto>>("/api/venues/{id:guid}/inspections",
                (Guid id, [AsParameters] SearchParameters p) => p.ToQuery(id))
            .WithTags("Inspections 检查")
            .WithName("listVenueInspections")
            .WithSummary("场所的检查历史 A venue's inspection history");
    }

    public sealed record SearchParameters(
        Guid? VenueId, string? Officer, DateOnly? From, DateOnly? To, [OneOf<InspectionKind>] string? Kind, [OneOf<InspectionOutcome>] string? Outcome,
        Guid? CampaignId, string? Jurisdiction, string? Cursor, int? Limit, bool? LeadsPending)
    {
        public SearchInspections.Query ToQuery(Guid? venueId) => new()
        {
            VenueId = venueId ?? VenueId, Officer = Officer, From = From, To = To, Kind = Kind, Outcome = Outcome,
            CampaignId = CampaignId, Jurisdiction = Jurisdiction, Cursor = Cursor, Limit = Limit, LeadsPending = LeadsPending,
        };
    }
}
