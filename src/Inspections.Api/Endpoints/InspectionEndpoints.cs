using Inspections.Domain.Venues;
using Inspections.Domain.Inspections;
using Inspections.Api.Auth;
using Inspections.Core.Common;
using Inspections.Core.Features.Inspections;
using Mediator;

namespace Inspections.Api.Endpoints;

public sealed class InspectionEndpoints : IEndpointModule
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var checklists = app.MapGroup("/api/checklists").WithTags("Checklists 检查表");

        checklists.MapGet("/{venueType}", async ([OneOf<VenueType>] string venueType, int? version, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new GetChecklist.Query(venueType, version), ct)))
            .Allow<GetChecklist.Query>()
            .WithSummary("场所类型的检查表（默认现行版本） Checklist of a venue type")
            .Produces<ChecklistDto>();

        checklists.MapPost("/", async (PublishChecklist.Command command, IMediator mediator, CancellationToken ct) =>
            {
                var checklist = await mediator.Send(command, ct);
                return Results.Created($"/api/checklists/{checklist.VenueType}?version={checklist.Version}", checklist);
            })
            .Allow<PublishChecklist.Command>()
            .WithSummary("发布检查表新版本（旧版本及其检查记录不变） Publish a new checklist version")
            .Produces<ChecklistDto>(StatusCodes.Status201Created);

        var inspections = app.MapGroup("/api/inspections").WithTags("Inspections 检查");

        inspections.MapPost("/", async (RecordInspection.Command command, IMediator mediator, CancellationToken ct) =>
            {
                var inspection = await mediator.Send(command, ct);
                return Results.Created($"/api/inspections/{inspection.Id}", inspection);
            })
            .Allow<RecordInspection.Command>()
            .WithSummary("登记现场检查 Record an inspection")
            .Produces<InspectionDto>(StatusCodes.Status201Created);

        inspections.MapPost("/{id:guid}/rectification-check", async (Guid id, CheckRectification.Command command, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(command with { InspectionId = id }, ct)))
            .Allow<CheckRectification.Command>()
            .WithSummary("整改复查（须带 version） Record the follow-up check of a rectification notice")
            .Produces<InspectionDto>();

        inspections.MapGet("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new GetInspection.Query(id), ct)))
            .Allow<GetInspection.Query>()
            .WithSummary("查看检查记录 Get an inspection")
            .Produces<InspectionDto>();

        inspections.MapGet("/", async ([AsParameters] SearchParameters p, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(p.ToQuery(null), ct)))
            .Allow<SearchInspections.Query>()
            .WithSummary("查询检查记录（按场所、执法人员、期间、类型、结果、专项行动、待立案线索；游标分页） Search inspections")
            .Produces<Page<SearchInspections.InspectionSummaryDto>>();

        app.MapGet("/api/venues/{id:guid}/inspections", async (Guid id, [AsParameters] SearchParameters p, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(p.ToQuery(id), ct)))
            .Allow<SearchInspections.Query>()
            .WithTags("Inspections 检查")
            .WithName("listVenueInspections")
            .WithSummary("场所的检查历史 A venue's inspection history")
            .Produces<Page<SearchInspections.InspectionSummaryDto>>();
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
