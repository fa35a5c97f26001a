using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Inspections.Api.Auth;
using Inspections.Domain.Access;
using Inspections.Domain.Calendar;
using Inspections.Domain.Cases;
using Inspections.Domain.Permits;

namespace Inspections.Api.Pages;

/// <summary>How pages word and format what the requests return: Chinese labels, Beijing time, links to items.</summary>
public static partial class Show
{
    public static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    public static string RoleName(string role) => role switch
    {
        Roles.Officer => "执法人员",
        Roles.Clerk => "窗口人员",
        Roles.Supervisor => "科长/分管领导",
        Roles.Admin => "系统管理员",
        _ => role,
    };

    public static IReadOnlyList<string> RolesOf(ClaimsPrincipal user) =>
        user.FindAll(ClaimNames.Role).Select(c => c.Value).Where(Roles.IsKnown).ToList();

    /// <summary>Where a signed-in user starts: the supervisor's dashboard, the admin's users, or the officer's and clerk's home.</summary>
    public static string HomeOf(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Supervisor) ? "/supervisor/dashboard"
        : user.IsInRole(Roles.Admin) ? "/admin/users"
        : "/";

    /// <summary>An instant as a Beijing wall-clock time.</summary>
    public static DateTimeOffset Beijing(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, ClockEvaluator.ChinaStandardTime);

    public static string Time(DateTimeOffset? instant) =>
        instant is { } i ? Beijing(i).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "—";

    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";

    /// <summary>A date as a date input's value: yyyy-MM-dd, or empty.</summary>
    public static string DateOrEmpty(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    public static string ClockStatus(string status) => status switch
    {
        "running" => "进行中",
        "dueSoon" => "即将到期",
        "overdue" => "已超期",
        "suspended" => "已中止",
        "completedOnTime" => "按时办结",
        "completedLate" => "超期办结",
        _ => status,
    };

    /// <summary>A stage of a case or an application, by its wire name, as the domain names it in Chinese.</summary>
    public static string Stage(string subject, string? wire) => wire is null ? "" : subject switch
    {
        "case" when Core.Common.Wire.TryParse<Domain.Cases.CaseStage>(wire, out var c) => c.Chinese(),
        "permit" when Core.Common.Wire.TryParse<Domain.Permits.PermitStage>(wire, out var p) => p.Chinese(),
        _ => wire,
    };

    /// <summary>What a step of the history says; a case's first step records its source by wire name, shown as people name it.</summary>
    public static string? StepNote(string subject, string? toStage, string? note) =>
        subject == "case" && toStage == "lead" && note is not null && Core.Common.Wire.TryParse<Domain.Cases.CaseSource>(note, out var source)
            ? "案件来源：" + source switch
            {
                Domain.Cases.CaseSource.Inspection => "检查发现",
                Domain.Cases.CaseSource.Complaint => "举报投诉",
                Domain.Cases.CaseSource.Referral => "有关部门移送",
                Domain.Cases.CaseSource.MayorsMailbox => "区长信箱",
                Domain.Cases.CaseSource.Petition => "群众信访",
                Domain.Cases.CaseSource.SuperiorAssignment => "上级交办",
                _ => note,
            }
            : note;

    public static string AlertKind(string kind) => kind switch
    {
        "dueSoon" => "即将到期",
        "overdue" => "已超期",
        _ => kind,
    };

    /// <summary>The page of the item an alert or a deadline row is about, or null when it has none yet.</summary>
    public static string? ItemLink(string subjectType, Guid id) => subjectType switch
    {
        "case" => $"/cases/{id}",
        "permit" or "application" => $"/permits/{id}",
        "inspection" or "notice" or "rectification" => $"/inspections/{id}",
        _ => null,
    };

    /// <summary>A rate of 0..1 as a percentage with at most one decimal, "—" when there is nothing to divide.</summary>
    /// <summary>
    /// The page a request names for an item (the dashboard's PagePath), when it is one of these pages:
    /// /cases/{id}, /permits/{id}, /inspections/{id} and /unlicensed-campaigns/{campaign}/venues/{id}.
    /// </summary>
    public static string? PageLink(string? path) =>
        path is not null && ItemPage().IsMatch(path) ? path : null;

    [System.Text.RegularExpressions.GeneratedRegex(
        "^/(cases|permits|inspections)/[0-9a-f-]{36}$|^/unlicensed-campaigns/[0-9a-f-]{36}/venues/[0-9a-f-]{36}$")]
    private static partial System.Text.RegularExpressions.Regex ItemPage();

    public static string Percent(decimal? rate) =>
        rate is { } r ? (r * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%" : "—";

    /// <summary>A rate as a number of percent for a chart (null stays a gap).</summary>
    public static decimal? PercentValue(decimal? rate) => rate is { } r ? Math.Round(r * 100, 1) : null;

    /// <summary>A figure as the API writes it, for data-value attributes a test compares with the API's JSON.</summary>
    public static string Raw(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static readonly JsonSerializerOptions PageJson = new(JsonSerializerDefaults.Web)
    {
        // Safe inside <script type="application/json">: <, >, & and quotes are escaped.
        Encoder = JavaScriptEncoder.Default,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Data embedded in a page for its script (charts): JSON that cannot close the script element.</summary>
    public static string Json(object value) => JsonSerializer.Serialize(value, PageJson);
}
