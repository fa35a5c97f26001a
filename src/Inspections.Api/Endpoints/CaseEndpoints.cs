using Inspections.Api.Auth;
using Inspections.Core.Features.Cases;
using Mediator;

namespace Inspections.Api.Endpoints;

public sealed class CaseEndpoints : IEndpointModule
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/violations", async (string? venueType, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new ListViolations.Query(venueType), ct)))
            .Allow<ListViolations.Query>()
            .WithTags("Cases 行政处罚案件")
            .WithSummary("常见违法行为目录（含法律依据） Violation catalog with legal basis")
            .Produces<IReadOnlyList<ListViolations.ViolationDto>>();

        var cases = app.MapGroup("/api/cases").WithTags("Cases 行政处罚案件");

        cases.MapPost("/", async (OpenLead.Command command, IMediator mediator, CancellationToken ct) =>
            {
                var created = await mediator.Send(command, ct);
                return Results.Created($"/api/cases/{created.Id}", created);
            })
            .Allow<OpenLead.Command>()
            .WithSummary("登记案件线索 Record a lead")
            .Produces<CaseDto>(StatusCodes.Status201Created);

        cases.MapGet("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new GetCase.Query(id), ct)))
            .Allow<GetCase.Query>()
            .WithSummary("查看案件（阶段、可办理的下一步、期限状态与说明、全过程记录） Get a case")
            .Produces<CaseDto>();

        cases.MapPost("/{id:guid}/transitions", async (Guid id, TransitionCase.Command command, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(command with { Id = id }, ct)))
            .Allow<TransitionCase.Command>()
            .WithSummary("办理下一步（立案、不予立案、调查、法制审核、事先告知、听证、决定、送达、执行、结案、归档、撤销立案；须带 version） Move a case to its next stage")
            .Produces<CaseDto>();
    }
}
