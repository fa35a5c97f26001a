using FluentValidation;
using FluentValidation.Results;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Alerts;
using Inspections.Core.Features.Calendar;
using Inspections.Core.Features.Cases;
using Inspections.Core.Features.Permits;
using Inspections.Core.Features.Reports;
using Inspections.Core.Features.Unlicensed;
using Inspections.Domain.Access;
using Inspections.Domain.Calendar;
using Mediator;

namespace Inspections.Core.Features.Dashboard;

/// <summary>
/// The supervisor's dashboard 监管看板 for a period chosen by name (本月, 本季度, 上半年, 下半年, 全年) or by
/// its dates: the closure rate and its monthly trend, the window's figures, inspections, venues and
/// campaigns, the due-soon and overdue work with who answers for it, the work summary's paragraph,
/// and for a city its districts side by side. Each figure is computed by the code the feature's own
/// request uses, for the same dates, so it is the number that request returns.
/// </summary>
public static class GetDashboard
{
    /// <summary>The longest list of due-soon or overdue items of one kind the dashboard carries; the totals count them all.</summary>
    public const int ListLimit = 50;

    [AllowedRoles(Roles.Supervisor, Roles.Admin)]
    public sealed record Query : IQuery<DashboardDto>
    {
        [OneOf<PeriodName>] public string? Period { get; init; }
        /// <summary>The year of a named period; this year when none is given.</summary>
        public int? Year { get; init; }
        /// <summary>First day of a custom period.</summary>
        public DateOnly? From { get; init; }
        /// <summary>Last day of a custom period.</summary>
        public DateOnly? To { get; init; }
        /// <summary>Defaults to the caller's; must be theirs or below it.</summary>
        public string? Jurisdiction { get; init; }
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        private static bool IsCustom(Query q) => q.Period == Wire.Name(PeriodName.Custom);

        private static bool IsNamed(Query q) => Wire.TryParse<PeriodName>(q.Period, out var p) && p != PeriodName.Custom;

        public Validator()
        {
            var names = string.Join("、", Enum.GetValues<PeriodName>().Select(p => $"{Wire.Name(p)}（{p.ChineseName()}）"));
            RuleFor(x => x.Period).NotEmpty().Named("统计期间", "Period");
            RuleFor(x => x.Period).Must(p => Wire.TryParse<PeriodName>(p, out _)).When(x => !string.IsNullOrEmpty(x.Period))
                .Says($"统计期间应为：{names}", $"Period must be one of: {Wire.Allowed<PeriodName>()}");
            RuleFor(x => x.Year).InclusiveBetween(InputLimits.MinDate.Year, InputLimits.MaxDate.Year).When(x => x.Year is not null)
                .Says($"年份应在 {InputLimits.MinDate.Year} 至 {InputLimits.MaxDate.Year} 之间",
                    $"Year must be between {InputLimits.MinDate.Year} and {InputLimits.MaxDate.Year}");
            RuleFor(x => x.Year).Null().When(IsCustom)
                .Says("自定义期间按开始和结束日期统计，不能同时指定年份", "A custom period takes From and To, not a year");
            When(IsCustom, () => this.Period(x => x.From, x => x.To));
            RuleFor(x => x.From).Null().When(IsNamed)
                .Says("只有自定义期间可以指定开始日期", "From is for a custom period only");
            RuleFor(x => x.To).Null().When(IsNamed)
                .Says("只有自定义期间可以指定结束日期", "To is for a custom period only");
            RuleFor(x => x.Jurisdiction).IsJurisdictionCode();
        }
    }

    /// <summary>The kinds of work the dashboard lists, each from its own stored clocks.</summary>
    private static readonly (string List, string SubjectType)[] Kinds =
        [("cases", "case"), ("applications", "permit"), ("notices", "notice"), ("notices", UnlicensedNoticeSource.SubjectType)];

    /// <summary>
    /// The scope's due-soon and overdue clocks counted by jurisdiction and kind, as MyDeadlines and the scan read the stored
    /// dates: overdue from the day after the due date, due soon from due_soon_on until then; suspended clocks have no dates.
    /// Added up from the stored clocks' counts by due date (<see cref="ClockDueDays"/>), not the clocks themselves.
    /// </summary>
    private static readonly Sql Counts = new($"""
        SELECT jurisdiction AS Jurisdiction, subject_type AS SubjectType,
               SUM(CASE WHEN due_on < @Today THEN number ELSE 0 END) AS Overdue,
               SUM(CASE WHEN due_on >= @Today THEN number ELSE 0 END) AS DueSoon
        FROM clock_due_days
        WHERE jurisdiction BETWEEN @JurisdictionFirst AND @JurisdictionLast
          AND {MyDeadlines.Listed}
          AND (due_on < @Today OR due_soon_on <= @Today)
        GROUP BY jurisdiction, subject_type
        """);

    /// <summary>
    /// The first clocks of one kind and status by due date, walking ix_deadline_clocks_due from the earliest: overdue from
    /// the day after the due date, due soon from due_soon_on until then. One statement per status, the kind and the dates
    /// stated outright: behind a catch-all (or beside the kinds' IN list) SQLite read every overdue clock of a city and
    /// sorted them. The kind is one of <see cref="Kinds"/>, all of them listed (<see cref="MyDeadlines.Listed"/>).
    /// </summary>
    private static string FirstDue(SqlDialect d, string status) => $"""
        SELECT subject_type, subject_id, clock, jurisdiction, title, responsible_user_id, responsible_name, parent_id, due_on, due_soon_days, facts
        FROM deadline_clocks
        WHERE subject_type = @SubjectType AND {status}
          AND {d.Unseeked("jurisdiction")} BETWEEN @JurisdictionFirst AND @JurisdictionLast
          AND {MyDeadlines.ListedClock}
        ORDER BY due_on, title, subject_id, clock
        {d.Limit("@Take")}
        """;

    private static readonly Sql FirstOverdue = new(d => FirstDue(d, "due_on < @Today"));
    private static readonly Sql FirstDueSoon = new(d => FirstDue(d, "due_on >= @Today AND due_soon_on <= @Today"));

    // Properties, not a positional record: with no rows SQLite reports an expression column as a blob, which no constructor matches.
    private sealed record CountRow
    {
        public string Jurisdiction { get; init; } = "";
        public string SubjectType { get; init; } = "";
        public long Overdue { get; init; }
        public long DueSoon { get; init; }
    }

    /// <summary>The open work: every due-soon and overdue clock counted, and the first of each list.</summary>
    private sealed record OpenWork(IReadOnlyList<CountRow> Counts, IReadOnlyDictionary<(string List, bool Overdue), List<ClockRows.Row>> Lists);

    public sealed class Handler(DbSession db, ICurrentUser user, CalendarStore calendars, TimeProvider clock) : IQueryHandler<Query, DashboardDto>
    {
        public async ValueTask<DashboardDto> Handle(Query query, CancellationToken ct)
        {
            var scope = query.Jurisdiction ?? user.Jurisdiction;
            user.EnsureCanSee(scope);
            var evaluator = await calendars.EvaluatorAsync(db, ct);
            var now = clock.GetUtcNow();
            var today = evaluator.LocalDate(now); // one today for the figures and the open work
            var name = Wire.Parse<PeriodName>(query.Period!);
            var period = ReportPeriod.Resolve(name, today, query.Year, query.From, query.To);
            // Figures count up to today, so a period that has not begun has none yet: say so rather than show zeros.
            if (period.From > today)
                throw new ValidationException([new ValidationFailure(name == PeriodName.Custom ? nameof(Query.From) : nameof(Query.Period),
                    Text.Pick($"所选期间（{period.Label}）尚未开始，今天是 {today:yyyy年M月d日}",
                        $"The period ({period.Label}) has not begun; today is {today:yyyy-MM-dd}"))]);
            var (from, to) = (period.From, period.To);

            // The trend's months and the districts side by side are buckets of the summary's own statements: one grouped
            // statement per figure for all of them.
            var months = ReportPeriod.Months(from, to, today);
            var children = await JurisdictionDirectory.ChildrenAsync(db, scope, ct);
            var monthBuckets = months.Select(m => FigureBucket.Of(scope, m.From, m.To)).ToList();
            var childBuckets = children.Select(c => FigureBucket.Of(c.Code, from, to)).ToList();
            var summary = await WorkSummary.Handler.ComputeAsync(db, evaluator, scope, from, to, today, now, ct,
                moreCases: [.. monthBuckets, .. childBuckets], morePermits: childBuckets);
            var trend = summary.MoreCases.Take(months.Count).ToList();
            var open = await OpenWorkAsync(scope, today, ct);
            var names = await NamesAsync(open, ct);

            return new DashboardDto
            {
                Period = new DashboardPeriod { Name = period.Name, Title = period.Title, Label = period.Label, From = from, To = to },
                AsOf = today,
                Jurisdiction = scope,
                JurisdictionName = await JurisdictionDirectory.NameAsync(db, scope, ct),
                Cases = summary.Cases,
                CaseTrend = months.Zip(trend, (m, f) => new DashboardTrendPoint
                {
                    Month = $"{m.From:yyyy-MM}", From = m.From, To = m.To,
                    Filed = f.Filed, Closed = f.Closed, ClosedOnTime = f.ClosedOnTime, ClosureRate = f.ClosureRate, OnTimeRate = f.OnTimeRate,
                }).ToList(),
                Permits = new DashboardPermits
                {
                    OnTime = summary.Permits.OnTime,
                    Intake = summary.Permits.Intake,
                    AcceptedTotal = summary.Permits.AcceptedTotal,
                    IntakeSentence = summary.Permits.IntakeSentence,
                },
                Inspections = summary.Report.Inspections,
                Venues = summary.Report.Venues,
                UnlicensedCampaigns = summary.Report.UnlicensedCampaigns,
                DueSoon = Lists(evaluator, now, open, names, overdue: false),
                Overdue = Lists(evaluator, now, open, names, overdue: true),
                SummaryParagraph = summary.Report.Paragraph,
                Districts = Districts(scope, children, summary.MoreCases.Skip(months.Count).ToList(), summary.MorePermits, summary.InspectionsByJurisdiction, open.Counts),
            };
        }

        /// <summary>
        /// The scope's due-soon and overdue work from the stored clocks (<see cref="ClockRows"/>), which every command keeps
        /// current: counted by jurisdiction in one grouped statement, and each list's first <see cref="ListLimit"/> by due date
        /// read from an index range that stops when the list is full.
        /// </summary>
        private async Task<OpenWork> OpenWorkAsync(string scope, DateOnly today, CancellationToken ct)
        {
            var range = Jurisdiction.Range(scope);
            var counts = await db.QueryAsync<CountRow>(Counts, new { JurisdictionFirst = range.First, JurisdictionLast = range.Last, Today = today }, ct);
            var lists = new Dictionary<(string, bool), List<ClockRows.Row>>();
            foreach (var overdue in new[] { false, true })
                foreach (var (list, subjectType) in Kinds)
                {
                    var rows = await db.QueryAsync<ClockRows.Row>(overdue ? FirstOverdue : FirstDueSoon, new
                    {
                        SubjectType = subjectType, JurisdictionFirst = range.First, JurisdictionLast = range.Last, Today = today, Take = ListLimit,
                    }, ct);
                    var key = (list, overdue);
                    lists[key] = lists.TryGetValue(key, out var earlier) ? [.. earlier, .. rows] : [.. rows];
                }
            return new OpenWork(counts, lists.ToDictionary(l => l.Key, l => l.Value.OrderBy(r => r.DueOn).ThenBy(r => r.Title, StringComparer.Ordinal)
                .ThenBy(r => r.SubjectId).ThenBy(r => r.Clock, StringComparer.Ordinal).Take(ListLimit).ToList()));
        }

        /// <summary>People named as the users table names them where the row kept only a login (a campaign's notice).</summary>
        private async Task<IReadOnlyDictionary<string, string>> NamesAsync(OpenWork open, CancellationToken ct)
        {
            var names = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var id in open.Lists.Values.SelectMany(l => l).Where(r => r.ResponsibleName is null && r.ResponsibleUserId is { Length: > 0 })
                         .Select(r => r.ResponsibleUserId!).Distinct(StringComparer.Ordinal))
                if (await Users.UserRecord.FindAsync(db, id, ct) is { } person) names[id] = person.DisplayName;
            return names;
        }

        /// <summary>An item as the page lists it, its clock evaluated from the facts its row keeps.</summary>
        private static DashboardDeadlineItem Item(ClockEvaluator evaluator, DateTimeOffset now, ClockRows.Row r, bool overdue, IReadOnlyDictionary<string, string> names)
        {
            var (deadline, wording) = ClockFacts.Read(r.Facts, r.SubjectId);
            var e = evaluator.Evaluate(deadline, now, r.DueSoonDays);
            var (api, page) = MyDeadlines.Paths(r.SubjectType, r.SubjectId, r.ParentId);
            return new DashboardDeadlineItem
            {
                SubjectType = r.SubjectType,
                Id = r.SubjectId,
                Title = r.Title,
                Jurisdiction = r.Jurisdiction,
                Status = overdue ? Wire.Name(ClockStatus.Overdue) : Wire.Name(ClockStatus.DueSoon),
                DueDate = e.DueDate,
                RemainingDays = e.RemainingDays,
                OverdueDays = overdue ? Math.Max(0, -e.RemainingDays) : 0,
                DayKind = Wire.Name(e.Kind),
                Explanation = evaluator.Explain(deadline, e, wording),
                Responsible = r.ResponsibleUserId is { Length: > 0 } id
                    ? new DashboardPerson(id, r.ResponsibleName ?? names.GetValueOrDefault(id, id)) : null,
                ApiPath = api,
                PagePath = page,
            };
        }

        private static DashboardDeadlines Lists(ClockEvaluator evaluator, DateTimeOffset now, OpenWork open, IReadOnlyDictionary<string, string> names, bool overdue)
        {
            DashboardDeadlineList Of(string list)
            {
                var types = Kinds.Where(k => k.List == list).Select(k => k.SubjectType).ToHashSet(StringComparer.Ordinal);
                var total = open.Counts.Where(c => types.Contains(c.SubjectType)).Sum(c => overdue ? c.Overdue : c.DueSoon);
                return new DashboardDeadlineList
                {
                    Total = (int)total,
                    Items = open.Lists[(list, overdue)].Select(r => Item(evaluator, now, r, overdue, names)).ToList(),
                };
            }
            return new DashboardDeadlines { Cases = Of("cases"), Applications = Of("applications"), Notices = Of("notices") };
        }

        /// <summary>Each child jurisdiction's headline figures, counted for that child alone by the same statements as the whole.</summary>
        private static IReadOnlyList<DashboardDistrict> Districts(string scope, IReadOnlyList<JurisdictionDirectory.Entry> children,
            IReadOnlyList<CaseClosureRate.Figures> cases, IReadOnlyList<PermitFigures.Result> permits, IReadOnlyDictionary<string, int> inspections,
            IReadOnlyList<CountRow> open) =>
            children.Select((child, n) =>
            {
                bool Mine(string code) => JurisdictionDirectory.ChildOf(scope, code) == child.Code;
                return new DashboardDistrict
                {
                    Jurisdiction = child.Code,
                    Name = child.Name,
                    CasesFiled = cases[n].Filed,
                    CasesClosed = cases[n].Closed,
                    ClosureRate = cases[n].ClosureRate,
                    OnTimeRate = cases[n].OnTimeRate,
                    PermitsCompleted = permits[n].OnTime.Completed,
                    PermitOnTimeRate = permits[n].OnTime.OnTimeRate,
                    Intake = permits[n].AcceptedTotal,
                    Inspections = inspections.Where(i => Mine(i.Key)).Sum(i => i.Value),
                    DueSoon = (int)open.Where(c => Mine(c.Jurisdiction)).Sum(c => c.DueSoon),
                    Overdue = (int)open.Where(c => Mine(c.Jurisdiction)).Sum(c => c.Overdue),
                };
            }).ToList();
    }
}
