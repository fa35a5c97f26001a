using Inspections.Core.Features.Dashboard;

namespace Inspections.Api.Pages.Supervisor;

/// <summary>
/// ECharts options for the dashboard, built from the DashboardDto alone and embedded in the page as JSON
/// (no second request). Plain data only: no functions, so the page needs no script of its own.
/// </summary>
public static class DashboardCharts
{
    private static readonly object Text = new { fontFamily = "Noto Sans CJK SC, Noto Sans SC, PingFang SC, Microsoft YaHei, sans-serif" };
    private static readonly object Tooltip = new { trigger = "axis" };
    private static readonly object Legend = new { type = "scroll", bottom = 0 };
    private static readonly object Grid = new { left = 8, right = 8, top = 36, bottom = 36, containLabel = true };

    public static object Trend(DashboardDto d) => new
    {
        textStyle = Text,
        tooltip = Tooltip,
        legend = Legend,
        grid = Grid,
        xAxis = new { type = "category", data = d.CaseTrend.Select(p => p.Month).ToArray() },
        yAxis = new object[]
        {
            new { type = "value", name = "件", minInterval = 1 },
            new { type = "value", name = "%", min = 0, max = 100, splitLine = new { show = false } },
        },
        series = new object[]
        {
            new { name = "立案", type = "bar", data = d.CaseTrend.Select(p => p.Filed).ToArray() },
            new { name = "办结", type = "bar", data = d.CaseTrend.Select(p => p.Closed).ToArray() },
            new { name = "办结率", type = "line", yAxisIndex = 1, connectNulls = true, data = d.CaseTrend.Select(p => Show.PercentValue(p.ClosureRate)).ToArray() },
            new { name = "按期办结率", type = "line", yAxisIndex = 1, connectNulls = true, data = d.CaseTrend.Select(p => Show.PercentValue(p.OnTimeRate)).ToArray() },
        },
    };

    public static object Districts(DashboardDto d, Func<string, string> name) => new
    {
        textStyle = Text,
        tooltip = Tooltip,
        legend = Legend,
        grid = Grid,
        xAxis = new { type = "category", data = d.Districts.Select(x => name(x.Jurisdiction)).ToArray(), axisLabel = new { interval = 0 } },
        yAxis = new { type = "value", name = "%", min = 0, max = 100 },
        series = new object[]
        {
            new { name = "案件办结率", type = "bar", data = d.Districts.Select(x => Show.PercentValue(x.ClosureRate)).ToArray() },
            new { name = "按期办结率", type = "bar", data = d.Districts.Select(x => Show.PercentValue(x.OnTimeRate)).ToArray() },
            new { name = "许可按时办结率", type = "bar", data = d.Districts.Select(x => Show.PercentValue(x.PermitOnTimeRate)).ToArray() },
        },
    };

    public static object Intake(DashboardDto d)
    {
        var kinds = d.Permits.Intake.Where(r => r.Received > 0).ToList();
        return new
        {
        textStyle = Text,
        tooltip = Tooltip,
        legend = Legend,
        grid = Grid,
        xAxis = new { type = "category", data = kinds.Select(r => r.KindName).ToArray(), axisLabel = new { interval = 0 } },
        yAxis = new { type = "value", minInterval = 1 },
        series = new object[]
        {
            new { name = "收件", type = "bar", data = kinds.Select(r => r.Received).ToArray() },
            new { name = "受理", type = "bar", data = kinds.Select(r => r.Accepted).ToArray() },
            new { name = "不予受理", type = "bar", data = kinds.Select(r => r.NotAccepted).ToArray() },
        },
        };
    }

    public static object Pie(string name, IEnumerable<(string Name, int Value)> parts) => new
    {
        textStyle = Text,
        tooltip = new { trigger = "item" },
        legend = Legend,
        series = new object[]
        {
            new
            {
                name, type = "pie", radius = new[] { "38%", "64%" }, center = new[] { "50%", "45%" },
                label = new { position = "inside", formatter = "{c}", color = "#fff", fontWeight = "bold" },
                data = parts.Where(p => p.Value > 0).Select(p => new { name = p.Name, value = p.Value }).ToArray(),
            },
        },
    };

    /// <summary>Venues by type, each bar split by licence status.</summary>
    public static object Venues(DashboardDto d)
    {
        var types = d.Venues.ByType.Where(t => t.Value > 0).ToList();
        var statuses = types.SelectMany(t => t.ByLicenseStatus).Where(s => s.Value > 0).Select(s => (s.Key, s.Name)).Distinct().ToList();
        return new
        {
            textStyle = Text,
            tooltip = Tooltip,
            legend = Legend,
            grid = Grid,
            xAxis = new { type = "value", minInterval = 1 },
            yAxis = new { type = "category", data = types.Select(t => t.Name).ToArray() },
            series = statuses.Select(s => (object)new
            {
                name = s.Name, type = "bar", stack = "status",
                data = types.Select(t => t.ByLicenseStatus.FirstOrDefault(c => c.Key == s.Key)?.Value ?? 0).ToArray(),
            }).ToArray(),
        };
    }

    /// <summary>Each unlicensed-venue campaign's venues by what became of them.</summary>
    public static object Campaigns(DashboardDto d)
    {
        var c = d.UnlicensedCampaigns;
        object Part(string name, Func<Core.Features.Unlicensed.UnlicensedCampaignProgress.OutcomeCounts, long> value) =>
            new { name, type = "bar", stack = "outcome", data = c.Select(x => value(x.Outcomes)).ToArray() };
        return new
        {
            textStyle = Text,
            tooltip = Tooltip,
            legend = Legend,
            grid = Grid,
            xAxis = new { type = "value", minInterval = 1 },
            yAxis = new { type = "category", data = c.Select(x => x.Name).ToArray() },
            series = new[]
            {
                Part("办证", o => o.Licensed), Part("发放辅导证", o => o.GuidanceCertificate), Part("取缔", o => o.Banned),
                Part("函告/移送", o => o.Referred), Part("尚无结果", o => o.Undecided),
            },
        };
    }
}
