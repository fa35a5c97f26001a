using Inspections.Core.Features.Jurisdictions;

namespace Inspections.Api.Endpoints;

public sealed class JurisdictionEndpoints : IEndpointModule
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapQuery<ListJurisdictions.Query, IReadOnlyList<JurisdictionDto>>("/api/jurisdictions",
                (string? under) => new ListJurisdictions.Query(under))
            .WithTags("Jurisdictions 辖区")
            .WithSummary("辖区目录：本辖区及以下各级（含上级名称），或指定辖区及以下（under） The jurisdiction tree: yours and below (with those above), or one node and below");
}
