using Inspections.Core.Common;
using Inspections.Core.Features.Venues;
using Inspections.Domain.Venues;

namespace Inspections.Api.Endpoints;

public sealed class VenueEndpoints : IEndpointModule
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var venues = app.MapGroup("/api/venues").WithTags("Venues 场所");

        venues.MapCreate<RegisterVenue.Command, VenueDto>("/", (RegisterVenue.Command command) => command,
                (_, venue) => $"/api/venues/{venue.Id}")
            .WithSummary("登记场所 Register a venue");

        venues.MapReplace<UpdateVenue.Command, VenueDto>("/{id:guid}", (Guid id, UpdateVenue.Command command) => command with { Id = id })
            .WithSummary("修改场所（须带 version，过期版本返回 409） Update a venue");

        venues.MapQuery<GetVenue.Query, VenueDto>("/{id:guid}", (Guid id) => new GetVenue.Query(id))
            .WithSummary("查看场所 Get a venue");

        venues.MapQuery<GetVenueHistory.Query, GetVenueHistory.VenueHistory>("/{id:guid}/history", (Guid id) => new GetVenueHistory.Query(id))
            .WithSummary("场所档案（一户一档）：该场所的许可申请、无证整治记录和各项预警，各取最近 100 条 Venue history: permit applications, campaign entries and alerts");

        venues.MapQuery<SearchVenues.Query, Page<VenueDto>>("/", ([AsParameters] SearchParameters p) => new SearchVenues.Query
            {
                Type = p.Type, LicenseStatus = p.LicenseStatus, Name = p.Name,
                Jurisdiction = p.Jurisdiction, Cursor = p.Cursor, Limit = p.Limit,
            })
            .WithSummary("查询场所（按类型、证照状态、名称、辖区；游标分页） Search venues");
    }

    public sealed record SearchParameters([OneOf<VenueType>] string? Type, [OneOf<LicenseStatus>] string? LicenseStatus, string? Name, string? Jurisdiction, string? Cursor, int? Limit);
}
