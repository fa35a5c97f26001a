using Inspections.Api.Infrastructure;
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
            .WithSummary("登记场所（统一社会信用代码或许可证号已在本区登记的拒绝；同名同址的须带 confirmDuplicate: true 确认） Register a venue")
            .Produces<DuplicateVenueProblem>(StatusCodes.Status409Conflict, "application/problem+json")
            .WithMetadata(new ProblemResponse(StatusCodes.Status409Conflict,
                "重复登记：统一社会信用代码或许可证号已在本区登记（duplicate 为 unifiedSocialCreditCode 或 licenseNumber，不可确认），" +
                "或已有同名同址场所（nameAndAddress，canConfirm 为 true，带 confirmDuplicate: true 重新提交即可登记）；existingVenueId 为已登记的场所 " +
                "Duplicate: the credit code or licence number is already registered in the district (refused), or a venue of the same name and address is " +
                "(canConfirm: send again with confirmDuplicate: true); existingVenueId names the registered venue"));

        venues.MapReplace<UpdateVenue.Command, VenueDto>("/{id:guid}", (Guid id, UpdateVenue.Command command) => command with { Id = id })
            .WithSummary("修改场所（须带 version，过期版本返回 409；改为本区另一场所已登记的统一社会信用代码或许可证号也返回 409，并指明该场所） Update a venue");

        venues.MapQuery<GetVenue.Query, VenueDto>("/{id:guid}", (Guid id) => new GetVenue.Query(id))
            .WithSummary("查看场所 Get a venue");

        venues.MapQuery<GetVenueHistory.Query, GetVenueHistory.VenueHistory>("/{id:guid}/history", (Guid id) => new GetVenueHistory.Query(id))
            .WithSummary("场所档案（一户一档）：该场所的许可申请、无证整治记录和各项预警，各取最近 100 条 Venue history: permit applications, campaign entries and alerts");

        venues.MapQuery<SearchVenues.Query, Page<VenueDto>>("/", ([AsParameters] SearchParameters p) => new SearchVenues.Query
            {
                Type = p.Type, LicenseStatus = p.LicenseStatus, Name = p.Name, Search = p.Search,
                Jurisdiction = p.Jurisdiction, Cursor = p.Cursor, Limit = p.Limit,
            })
            .WithSummary("查询场所（按类型、证照状态、名称、辖区，或按名称、统一社会信用代码、许可证号的一部分；游标分页） Search venues");
    }

    public sealed record SearchParameters([OneOf<VenueType>] string? Type, [OneOf<LicenseStatus>] string? LicenseStatus, string? Name, string? Search, string? Jurisdiction, string? Cursor, int? Limit);

    /// <summary>The 409 of a duplicate registration: a problem document naming the venue already registered.</summary>
    public sealed record DuplicateVenueProblem
    {
        public required string Type { get; init; }
        public required string Title { get; init; }
        public required int Status { get; init; }
        public required string Detail { get; init; }
        /// <summary>追踪编号 Trace id</summary>
        public required string TraceId { get; init; }
        /// <summary>unifiedSocialCreditCode or licenseNumber (refused), nameAndAddress (may be confirmed).</summary>
        [OneOf(RegisterVenue.DuplicateVenue.CreditCode, RegisterVenue.DuplicateVenue.LicenseNumber, RegisterVenue.DuplicateVenue.NameAndAddress)]
        public required string Duplicate { get; init; }
        public required Guid ExistingVenueId { get; init; }
        /// <summary>The venue in the API, /api/venues/{id}.</summary>
        public required string ExistingVenue { get; init; }
        public required string ExistingVenueName { get; init; }
        /// <summary>True when sending the request again with confirmDuplicate: true registers it anyway.</summary>
        public required bool CanConfirm { get; init; }
    }
}
