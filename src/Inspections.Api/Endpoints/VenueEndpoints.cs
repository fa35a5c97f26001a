using Inspections.Api.Auth;
using Inspections.Core.Common;
using Inspections.Core.Features.Venues;
using Inspections.Domain.Venues;
using Mediator;

namespace Inspections.Api.Endpoints;

public sealed class VenueEndpoints : IEndpointModule
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var venues = app.MapGroup("/api/venues").WithTags("Venues 场所");

        venues.MapPost("/", async (RegisterVenue.Command command, IMediator mediator, CancellationToken ct) =>
            {
                var venue = await mediator.Send(command, ct);
                return Results.Created($"/api/venues/{venue.Id}", venue);
            })
            .Allow<RegisterVenue.Command>()
            .WithSummary("登记场所 Register a venue")
            .Produces<VenueDto>(StatusCodes.Status201Created);

        venues.MapPut("/{id:guid}", async (Guid id, UpdateVenue.Command command, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(command with { Id = id }, ct)))
            .Allow<UpdateVenue.Command>()
            .WithSummary("修改场所（须带 version，过期版本返回 409） Update a venue")
            .Produces<VenueDto>();

        venues.MapGet("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new GetVenue.Query(id), ct)))
            .Allow<GetVenue.Query>()
            .WithSummary("查看场所 Get a venue")
            .Produces<VenueDto>();

        venues.MapGet("/", async ([AsParameters] SearchParameters p, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new SearchVenues.Query
                {
                    Type = p.Type, LicenseStatus = p.LicenseStatus, Name = p.Name,
                    Jurisdiction = p.Jurisdiction, Cursor = p.Cursor, Limit = p.Limit,
                }, ct)))
            .Allow<SearchVenues.Query>()
            .WithSummary("查询场所（按类型、证照状态、名称、辖区；游标分页） Search venues")
            .Produces<Page<VenueDto>>();
    }

    public sealed record SearchParameters([OneOf<VenueType>] string? Type, [OneOf<LicenseStatus>] string? LicenseStatus, string? Name, string? Jurisdiction, string? Cursor, int? Limit);
}
