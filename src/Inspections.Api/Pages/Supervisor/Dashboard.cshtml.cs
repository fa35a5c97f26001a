using System.ComponentModel.DataAnnotations;
using Inspections.Api.Auth;
using Inspections.Core.Features.Dashboard;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Inspections.Api.Pages.Supervisor;

/// <summary>
/// The supervisor's dashboard 监管看板: the period chosen by name in a GET form (so a link shows the same
/// figures to whoever opens it), and every figure from the one GetDashboard request GET /api/dashboard sends.
/// htmx swaps the figures without reloading the page; without script the form simply reloads it.
/// </summary>
[AllowRolesOf(typeof(GetDashboard.Query))]
public sealed class DashboardModel(ISender sender, Places places, TimeProvider clock, Inspections.Core.Features.Calendar.ClockOptions clockOptions) : PageModel
{
    /// <summary>The periods a person picks from, by their Chinese names, in the order of the year.</summary>
    public static readonly IReadOnlyList<(string Wire, string Title)> Periods =
    [
        ("month", "本月"), ("quarter", "本季度"), ("firstHalf", "上半年"), ("secondHalf", "下半年"), ("year", "全年"), ("custom", "自定义"),
    ];

    [BindProperty(SupportsGet = true), Display(Name = "统计期间")] public string? Period { get; set; }
    [BindProperty(SupportsGet = true), Display(Name = "年份")] public int? Year { get; set; }
    [BindProperty(SupportsGet = true), Display(Name = "开始日期")] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true), Display(Name = "结束日期")] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true), Display(Name = "辖区")] public string? Jurisdiction { get; set; }

    public DashboardDto? Dashboard { get; private set; }

    /// <summary>The last deadline scan's figures (GET /api/alerts/scans/last), null before the first scan.</summary>
    public Inspections.Core.Features.Alerts.DeadlineScanDto? LastScan { get; private set; }

    /// <summary>A time in the office's zone, as the page shows it.</summary>
    public string Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, clockOptions.Zone).ToString("yyyy-MM-dd HH:mm");

    private readonly Dictionary<string, string> names = new(StringComparer.Ordinal);

    /// <summary>A jurisdiction of the dashboard by its name.</summary>
    public string NameOf(string code) => names.TryGetValue(code, out var name) ? name : code;

    /// <summary>The caller's own jurisdiction, the first choice of the jurisdiction list.</summary>
    public string OwnJurisdiction => User.FindFirst(ClaimNames.Jurisdiction)?.Value ?? "";

    public bool IsCustom => Period == "custom";

    public async Task<IActionResult> OnGetAsync()
    {
        // A shared link may name the period in Chinese (?period=上半年); the form sends the wire name.
        // Opened without a period, it shows this half-year (上半年 to June, 下半年 from July), as offices report.
        Period = Periods.FirstOrDefault(p => p.Title == Period).Wire ?? Period
            ?? (ReportPeriod.Today(clock, clockOptions.Zone).Month <= 6 ? "firstHalf" : "secondHalf");
        // Fields the chosen kind of period does not use stay in the form (hidden) but are not sent.
        var query = new GetDashboard.Query
        {
            Period = Period,
            Year = IsCustom ? null : Year,
            From = IsCustom ? From : null,
            To = IsCustom ? To : null,
            Jurisdiction = string.IsNullOrWhiteSpace(Jurisdiction) ? null : Jurisdiction.Trim(),
        };
        var (ok, dashboard) = await this.TrySendAsync(sender, query, prefix: "");
        if (ok)
        {
            Dashboard = dashboard;
            foreach (var (code, name) in dashboard.Districts.Select(x => (x.Jurisdiction, x.Name)).Append((dashboard.Jurisdiction, dashboard.JurisdictionName)))
                names[code] = await places.ShownAsync(code, name);
        }
        names[OwnJurisdiction] = await places.ShownAsync(OwnJurisdiction, null);
        if (Request.Headers["HX-Request-Type"] != "partial")
        {
            try { LastScan = await sender.Send(new Inspections.Core.Features.Alerts.GetLastDeadlineScan.Query(), HttpContext.RequestAborted); }
            catch (Inspections.Core.Common.NotFoundException) { LastScan = null; }
        }
        Response.Headers.Vary = "HX-Request-Type";
        // htmx asks for the figures alone; a history restore or a plain request gets the whole page.
        return Request.Headers["HX-Request-Type"] == "partial" ? Partial("_DashboardBody", this) : Page();
    }

    /// <summary>The jurisdictions a supervisor can switch to: their own and those listed beside it.</summary>
    public IEnumerable<(string Code, string Name)> JurisdictionChoices()
    {
        yield return (OwnJurisdiction, NameOf(OwnJurisdiction));
        if (Dashboard is null) yield break;
        foreach (var d in Dashboard.Districts) yield return (d.Jurisdiction, NameOf(d.Jurisdiction));
        if (Dashboard.Jurisdiction != OwnJurisdiction && Dashboard.Districts.All(d => d.Jurisdiction != Dashboard.Jurisdiction))
            yield return (Dashboard.Jurisdiction, NameOf(Dashboard.Jurisdiction));
    }
}
