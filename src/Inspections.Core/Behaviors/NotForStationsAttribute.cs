namespace Inspections.Core.Behaviors;

/// <summary>
/// A request a town or street culture station 乡镇（街道）文化站 may not send: users whose jurisdiction
/// is a town see their town, register its venues and record inspections, rectification checks and
/// evidence there, but the district's enforcement brigade files and handles cases, the service window
/// decides permits, the district organises campaigns and random draws, and system-wide data is kept
/// at district level or above. The authorization behaviour reads it, so no handler repeats the rule.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class NotForStationsAttribute(StationBar bar) : Attribute
{
    public StationBar Bar { get; } = bar;

    public static StationBar? Of(Type requestType) =>
        ((NotForStationsAttribute?)GetCustomAttribute(requestType, typeof(NotForStationsAttribute)))?.Bar;
}

/// <summary>Why a station may not send a request: whose work it is instead.</summary>
public enum StationBar
{
    /// <summary>Leads, filing and every later step of a penalty case 行政处罚案件.</summary>
    Cases,
    /// <summary>Receiving, deciding and following up permit applications 行政许可.</summary>
    Permits,
    /// <summary>Special campaigns 专项行动, unlicensed-venue campaigns 无证无照整治 and random draws 双随机.</summary>
    Campaigns,
    /// <summary>Calendars, checklists, catalogues and scans that hold for every jurisdiction.</summary>
    SystemWide,
    /// <summary>Adding users, changing their roles and resetting their passwords 用户管理.</summary>
    Users,
}

public static class StationBars
{
    public static (string Zh, string En) Reason(StationBar bar) => bar switch
    {
        StationBar.Cases => ("案件线索的登记、立案及办理由区（县）文化市场综合执法大队负责",
            "leads and penalty cases are filed and handled by the district's enforcement brigade"),
        StationBar.Permits => ("行政许可由区（县）政务服务窗口受理和决定",
            "permit applications are received and decided at the district's service window"),
        StationBar.Campaigns => ("专项行动、无证无照整治和双随机抽查由区（县）组织实施",
            "special campaigns, unlicensed-venue campaigns and random draws are organised by the district"),
        StationBar.SystemWide => ("工作日历、检查表、许可事项目录和全系统扫描由区（县）及以上管理",
            "calendars, checklists, the permit catalogue and system-wide scans are managed at district level or above"),
        StationBar.Users => ("用户由区（县）及以上的系统管理员管理",
            "users are managed by the administrators of the district or above"),
        _ => throw new ArgumentOutOfRangeException(nameof(bar), bar, null),
    };
}
