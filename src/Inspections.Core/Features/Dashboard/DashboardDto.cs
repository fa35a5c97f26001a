using Inspections.Core.Features.Cases;
using Inspections.Core.Features.Permits;
using Inspections.Core.Features.Reports;
using Inspections.Core.Features.Unlicensed;

namespace Inspections.Core.Features.Dashboard;

/// <summary>
/// The supervisor's dashboard 监管看板 for one period and jurisdiction: every figure is the one the
/// feature's own request returns for the same dates (closure rate, window figures, work summary,
/// campaign progress), so the page and the API cannot disagree.
/// </summary>
public sealed record DashboardDto
{
    public DashboardPeriod Period { get; init; } = new();
    /// <summary>Today, the local date the figures are counted up to (the closure rate's as-of date).</summary>
    public DateOnly AsOf { get; init; }
    public string Jurisdiction { get; init; } = "";
    public string JurisdictionName { get; init; } = "";
    /// <summary>The closure rate's totals for the period: what GET /api/cases/closure-rate returns as totals.</summary>
    public CaseClosureRate.Figures Cases { get; init; } = new();
    /// <summary>The closure-rate totals of each month of the period up to today, each as the closure rate of that month alone.</summary>
    public IReadOnlyList<DashboardTrendPoint> CaseTrend { get; init; } = [];
    public DashboardPermits Permits { get; init; } = new();
    public WorkSummary.InspectionFigures Inspections { get; init; } = new();
    public WorkSummary.VenueFigures Venues { get; init; } = new();
    /// <summary>Unlicensed-venue campaigns 无证无照经营整治 running in the period, each as its progress page shows it.</summary>
    public IReadOnlyList<UnlicensedCampaignProgress.ProgressDto> UnlicensedCampaigns { get; init; } = [];
    /// <summary>Open work due soon, as of now (whatever the period).</summary>
    public DashboardDeadlines DueSoon { get; init; } = new();
    /// <summary>Open work past its deadline, as of now (whatever the period).</summary>
    public DashboardDeadlines Overdue { get; init; } = new();
    /// <summary>The work summary's paragraph for the period, as GET /api/reports/work-summary writes it.</summary>
    public string SummaryParagraph { get; init; } = "";
    /// <summary>
    /// The jurisdictions one level down (a city's districts, a province's cities) side by side; empty for a district.
    /// Only those with rows are listed; rows kept at the jurisdiction itself (a city's own) count in its totals only.
    /// </summary>
    public IReadOnlyList<DashboardDistrict> Districts { get; init; } = [];
}

/// <param name="Name">The wire name: month, quarter, firstHalf, secondHalf, year or custom.</param>
/// <param name="Title">本月, 本季度, 上半年, 下半年, 全年 or 自定义.</param>
/// <param name="Label">The period written out, e.g. "2026年上半年".</param>
public sealed record DashboardPeriod
{
    public string Name { get; init; } = "";
    public string Title { get; init; } = "";
    public string Label { get; init; } = "";
    public DateOnly From { get; init; }
    public DateOnly To { get; init; }
}

/// <summary>One month of the closure-rate trend (the month cut to the period at its ends).</summary>
public sealed record DashboardTrendPoint
{
    /// <summary>"2026-03".</summary>
    public string Month { get; init; } = "";
    public DateOnly From { get; init; }
    public DateOnly To { get; init; }
    public int Filed { get; init; }
    public int Closed { get; init; }
    public int ClosedOnTime { get; init; }
    public decimal? ClosureRate { get; init; }
    public decimal? OnTimeRate { get; init; }
}

/// <summary>The window's figures as GET /api/permits/figures returns them for the period.</summary>
public sealed record DashboardPermits
{
    /// <summary>The on-time rate 按时办结率 of applications completed in the period.</summary>
    public PermitFigures.OnTimeRow OnTime { get; init; } = new("all", "", 0, 0, null, null, null);
    /// <summary>Intake 受理量 by kind.</summary>
    public IReadOnlyList<PermitFigures.IntakeRow> Intake { get; init; } = [];
    public int AcceptedTotal { get; init; }
    public string IntakeSentence { get; init; } = "";
}

/// <summary>Cases, permit applications and rectification notices in one state (due soon, or overdue).</summary>
public sealed record DashboardDeadlines
{
    public DashboardDeadlineList Cases { get; init; } = new();
    public DashboardDeadlineList Applications { get; init; } = new();
    /// <summary>Rectification notices 责令整改通知 of inspections and notices served on unlicensed venues.</summary>
    public DashboardDeadlineList Notices { get; init; } = new();
}

/// <summary>The first <see cref="GetDashboard.ListLimit"/> items by due date, and how many there are in all.</summary>
public sealed record DashboardDeadlineList
{
    public int Total { get; init; }
    public IReadOnlyList<DashboardDeadlineItem> Items { get; init; } = [];
}

public sealed record DashboardDeadlineItem
{
    /// <summary>"case", "permit", "notice" (an inspection's rectification notice) or "unlicensedNotice".</summary>
    public string SubjectType { get; init; } = "";
    public Guid Id { get; init; }
    /// <summary>The case number, "申请人 · 事项（类型）", or "场所 责令整改通知".</summary>
    public string Title { get; init; } = "";
    public string Jurisdiction { get; init; } = "";
    /// <summary>"dueSoon" or "overdue".</summary>
    public string Status { get; init; } = "";
    public DateOnly DueDate { get; init; }
    /// <summary>Counted days left after today up to the due date; negative once overdue.</summary>
    public int RemainingDays { get; init; }
    /// <summary>Counted days past the due date (0 unless overdue).</summary>
    public int OverdueDays { get; init; }
    /// <summary>"workingDays" (permit limits) or "naturalDays" (case limits, notices).</summary>
    public string DayKind { get; init; } = "";
    /// <summary>The clock explained in Chinese, e.g. "受理 2026-03-02，承诺时限 5 个工作日，应于 2026-03-09 办结；已超期 2 个工作日".</summary>
    public string Explanation { get; init; } = "";
    /// <summary>Who answers for it: the case officer, the first-inquiry clerk 首问责任人, the officer who issued the notice.</summary>
    public DashboardPerson? Responsible { get; init; }
    /// <summary>The item in the API, e.g. "/api/cases/{id}".</summary>
    public string ApiPath { get; init; } = "";
    /// <summary>The item's page, e.g. "/cases/{id}".</summary>
    public string PagePath { get; init; } = "";
}

public sealed record DashboardPerson(string Id, string DisplayName);

/// <summary>One jurisdiction's headline figures beside its neighbours', each as its own supervisor reads them.</summary>
public sealed record DashboardDistrict
{
    public string Jurisdiction { get; init; } = "";
    public string Name { get; init; } = "";
    public int CasesFiled { get; init; }
    public int CasesClosed { get; init; }
    public decimal? ClosureRate { get; init; }
    public decimal? OnTimeRate { get; init; }
    public int PermitsCompleted { get; init; }
    public decimal? PermitOnTimeRate { get; init; }
    /// <summary>Applications accepted 受理 in the period.</summary>
    public int Intake { get; init; }
    public int Inspections { get; init; }
    public int DueSoon { get; init; }
    public int Overdue { get; init; }
}
