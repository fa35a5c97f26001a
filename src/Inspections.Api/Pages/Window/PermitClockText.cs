using Inspections.Core.Features.Calendar;

namespace Inspections.Api.Pages.Window;

/// <summary>How the window's pages word a permit clock: the countdown in working days, its colour, and the law behind it.</summary>
public static class PermitClockText
{
    /// <summary>"剩余 3 个工作日", "今日到期", "已超期 2 个工作日", "已中止，剩余 5 个工作日", "按时办结"…</summary>
    public static string Countdown(ClockDto clock) => clock.Status switch
    {
        "overdue" => clock.RemainingDays < 0 ? $"已超期 {-clock.RemainingDays} 个工作日" : "已超期",
        "suspended" => $"已中止，剩余 {clock.RemainingDays} 个工作日",
        "completedOnTime" => "按时办结",
        "completedLate" => clock.RemainingDays < 0 ? $"超期 {-clock.RemainingDays} 个工作日办结" : "超期办结",
        _ => clock.RemainingDays == 0 ? "今日到期" : $"剩余 {clock.RemainingDays} 个工作日",
    };

    /// <summary>The badge class: red when overdue, amber when due soon (site.css).</summary>
    public static string Css(ClockDto clock) => clock.Status switch
    {
        "overdue" or "completedLate" => "overdue",
        "dueSoon" => "dueSoon",
        "completedOnTime" => "completedOnTime",
        _ => "running",
    };

    /// <summary>What each of the window's clocks is, in the words of the law it comes from (docs/deadlines.md).</summary>
    public static string Law(string name) => name switch
    {
        "补正告知期限" => "《行政许可法》第三十二条：申请材料不齐全或者不符合法定形式的，应当当场或者在 5 个工作日内一次性告知申请人需要补正的全部内容；逾期不告知的，自收到申请材料之日起即为受理。",
        "承诺时限" => "本机关对外承诺的办理时限，自受理之日起计算至办结；期限以工作日计算，不含法定节假日（《行政许可法》第八十二条），听证、检验检测、现场核查、专家评审所需时间不计入（第四十五条）。",
        "法定时限" => "《行政许可法》第四十二条：应当自受理之日起 20 个工作日内作出行政许可决定（事项的法规另有规定的，依照其规定）；经本机关负责人批准，可以延长 10 个工作日，并将延长理由告知申请人。听证等所需时间不计入（第四十五条）。",
        "发证送达期限" => "《行政许可法》第四十四条：作出准予行政许可决定的，应当自作出决定之日起 10 个工作日内向申请人颁发、送达行政许可证件。",
        _ => "",
    };
}
