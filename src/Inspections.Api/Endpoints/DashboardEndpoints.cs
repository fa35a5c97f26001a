using Inspections.Core.Features.Dashboard;

namespace Inspections.Api.Endpoints;

public sealed class DashboardEndpoints : IEndpointModule
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapQuery<GetDashboard.Query, DashboardDto>("/api/dashboard", ([AsParameters] GetDashboard.Query query) => query)
            .WithTags("Dashboard 监管看板")
            .WithSummary("监管看板：按期间（本月、本季度、上半年、下半年、全年、自定义）的办结率及逐月趋势、窗口按时办结率与受理量、检查、场所、无证整治进展、临期与超期事项、工作总结段落，市级另列各区县 Supervisor's dashboard");
}
