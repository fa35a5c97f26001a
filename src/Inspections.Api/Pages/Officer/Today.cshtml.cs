using Inspections.Api.Auth;
using Inspections.Core.Common;
using Inspections.Core.Features.Alerts;
using Inspections.Core.Features.Cases;
using Inspections.Domain.Cases;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Inspections.Api.Pages.Officer;

/// <summary>
/// Today's work 今日工作 of the signed-in officer: their due-soon and overdue deadlines (MyDeadlines, the stored
/// clocks read against today's Beijing date), the rectification notices among them whose follow-up check is due,
/// and their open cases grouped by stage (SearchCases by officer, open only) — the same requests as
/// GET /api/alerts/my-deadlines and GET /api/cases?officerId=…&amp;openOnly=true, so it admits whom both admit.
/// </summary>
[AllowRolesOf(typeof(SearchCases.Query))]
public sealed class TodayModel(ISender sender, ICurrentUser user, TimeProvider clock) : PageModel
{
    /// <summary>How many rows of each list the page reads; the API pages beyond it.</summary>
    public const int Shown = 200;

    public DateOnly Today { get; private set; }
    public IReadOnlyList<MyDeadline> Deadlines { get; private set; } = [];
    public IReadOnlyList<MyDeadline> Rectifications { get; private set; } = [];
    public IReadOnlyList<StageGroup> Stages { get; private set; } = [];
    public int OpenCases { get; private set; }
    public bool More { get; private set; }

    public sealed record StageGroup(string Stage, string Name, IReadOnlyList<SearchCases.CaseSummary> Cases);

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        Today = DateOnly.FromDateTime(Show.Beijing(clock.GetUtcNow()).DateTime);
        var due = await sender.Send(new MyDeadlines.Query { Limit = Shown }, ct);
        Deadlines = due.Items.Where(d => !IsNotice(d)).ToList();
        Rectifications = due.Items.Where(IsNotice).ToList();

        var cases = new List<SearchCases.CaseSummary>();
        string? cursor = null;
        do
        {
            var page = await sender.Send(new SearchCases.Query { OfficerId = user.UserId, OpenOnly = true, Limit = 100, Cursor = cursor }, ct);
            cases.AddRange(page.Items);
            cursor = page.NextCursor;
        } while (cursor is not null && cases.Count < Shown);
        More = due.NextCursor is not null || cursor is not null;
        OpenCases = cases.Count;
        Stages = cases
            .GroupBy(c => c.Stage)
            .OrderBy(g => Wire.TryParse<CaseStage>(g.Key, out var s) ? (int)s : int.MaxValue)
            .Select(g => new StageGroup(g.Key, g.First().StageName, g.OrderByDescending(c => c.CreatedAt).ToList()))
            .ToList();
    }

    public static bool IsNotice(MyDeadline d) => d.SubjectType is "notice" or "unlicensedNotice";

    /// <summary>Which deadline of the item a row is, in the words the office uses.</summary>
    public static string ClockName(string type) => type switch
    {
        "case" => "办案期限",
        "case-service" => "决定书送达",
        "case-payment" => "缴纳罚款",
        "permit" => "承诺办结时限",
        "permit-certificate" => "发证送达",
        "notice" => "整改期限",
        _ => type,
    };

    public static string SubjectName(string subjectType) => subjectType switch
    {
        "case" => "案件",
        "permit" => "许可申请",
        "notice" => "责令整改",
        "unlicensedNotice" => "无证整治通知",
        _ => subjectType,
    };
}
