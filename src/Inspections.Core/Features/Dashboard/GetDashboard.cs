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

    public sealed class Handler(DbSession db, ICurrentUser user, CalendarStore calendars, ClockOptions options, TimeProvider clock,
        IEnumerable<IDeadlineSource> sources) : IQueryHandler<Query, DashboardDto>
    {
        public async ValueTask<DashboardDto> Handle(Query query, CancellationToken ct)
        {
            var scope = query.Jurisdiction ?? user.Jurisdiction;
            user.EnsureCanSee(scope);
            var evaluator = await calendars.EvaluatorAsync(db, ct);
            var now = clock.GetUtcNow();
            var today = ReportPeriod.Today(clock, evaluator.TimeZone);
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
            var open = await OpenWorkAsync(evaluator, scope, now, ct);

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
                DueSoon = Lists(evaluator, open, "dueSoon"),
                Overdue = Lists(evaluator, open, "overdue"),
                SummaryParagraph = summary.Report.Paragraph,
                Districts = Districts(scope, children, summary.MoreCases.Skip(months.Count).ToList(), summary.MorePermits, summary.InspectionsByJurisdiction, open),
            };
        }

        /// <summary>An open clock due soon or overdue, and where its item is read.</summary>
        private sealed record Due(OpenClock Open, ClockEvaluation Evaluation, string Status, string ApiPath, string PagePath);

        /// <summary>Every open clock of the jurisdiction that is due soon or overdue now, evaluated as the deadline scan does, by due date.</summary>
        private async Task<List<Due>> OpenWorkAsync(ClockEvaluator evaluator, string scope, DateTimeOffset now, CancellationToken ct)
        {
            var due = new List<Due>();
            var range = Jurisdiction.Range(scope);
            foreach (var source in sources)
            {
                if (!source.RaisesAlerts) continue;
                var threshold = options.DueSoonFor(source.ClockType);
                foreach (var open in await source.OpenClocksAsync(db, range, ct))
                {
                    if (Paths(open) is not var (api, page)) continue;
                    var e = evaluator.Evaluate(open.Clock, now, threshold);
                    if (e.Status is ClockStatus.DueSoon or ClockStatus.Overdue) due.Add(new Due(open, e, Wire.Name(e.Status), api, page));
                }
            }
            // People are named as the users table names them where the row kept only a login (a campaign's notice).
            var unnamed = due.Where(d => d.Open.ResponsibleName is null && d.Open.ResponsibleUserId is { Length: > 0 })
                .Select(d => d.Open.ResponsibleUserId!).Distinct(StringComparer.Ordinal).ToArray();
            if (unnamed.Length > 0)
            {
                var names = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var id in unnamed)
                    if (await Users.UserRecord.FindAsync(db, id, ct) is { } person) names[id] = person.DisplayName;
                due = due.Select(d => d.Open.ResponsibleUserId is { } id && d.Open.ResponsibleName is null && names.TryGetValue(id, out var n)
                    ? d with { Open = d.Open with { ResponsibleName = n } } : d).ToList();
            }
            return due.OrderBy(d => d.Evaluation.DueDate).ThenBy(d => d.Open.Title, StringComparer.Ordinal).ThenBy(d => d.Open.SubjectId).ToList();
        }

        /// <summary>An item as the page lists it; explained only when listed, as the totals need no sentences.</summary>
        private static DashboardDeadlineItem Item(ClockEvaluator evaluator, Due d)
        {
            var (open, e) = (d.Open, d.Evaluation);
            return new DashboardDeadlineItem
            {
                SubjectType = open.SubjectType,
                Id = open.SubjectId,
                Title = open.Title,
                Jurisdiction = open.Jurisdiction,
                Status = d.Status,
                DueDate = e.DueDate,
                RemainingDays = e.RemainingDays,
                OverdueDays = e.Status == ClockStatus.Overdue ? Math.Max(0, -e.RemainingDays) : 0,
                DayKind = Wire.Name(e.Kind),
                Explanation = evaluator.Explain(open.Clock, e, open.Wording),
                Responsible = open.ResponsibleUserId is { Length: > 0 } id ? new DashboardPerson(id, open.ResponsibleName ?? id) : null,
                ApiPath = d.ApiPath,
                PagePath = d.PagePath,
            };
        }

        /// <summary>Where an item is read in the API and on the pages; null for work the dashboard does not list.</summary>
        private static (string Api, string Page)? Paths(OpenClock open) => open.SubjectType switch
        {
            "case" => ($"/api/cases/{open.SubjectId}", $"/cases/{open.SubjectId}"),
            "permit" => ($"/api/permits/{open.SubjectId}", $"/permits/{open.SubjectId}"),
            "notice" => ($"/api/inspections/{open.SubjectId}", $"/inspections/{open.SubjectId}"),
            UnlicensedNoticeSource.SubjectType when open.ParentId is { } campaign =>
                ($"/api/unlicensed-campaigns/{campaign}/venues/{open.SubjectId}", $"/unlicensed-campaigns/{campaign}/venues/{open.SubjectId}"),
            _ => null,
        };

        private static DashboardDeadlines Lists(ClockEvaluator evaluator, List<Due> due, string status)
        {
            DashboardDeadlineList Of(params string[] types)
            {
                var chosen = due.Where(d => d.Status == status && types.Contains(d.Open.SubjectType)).ToList();
                return new DashboardDeadlineList { Total = chosen.Count, Items = chosen.Take(ListLimit).Select(d => Item(evaluator, d)).ToList() };
            }
            return new DashboardDeadlines
            {
                Cases = Of("case"),
                Applications = Of("permit"),
                Notices = Of("notice", UnlicensedNoticeSource.SubjectType),
            };
        }

        /// <summary>Each child jurisdiction's headline figures, counted for that child alone by the same statements as the whole.</summary>
        private static IReadOnlyList<DashboardDistrict> Districts(string scope, IReadOnlyList<JurisdictionDirectory.Entry> children,
            IReadOnlyList<CaseClosureRate.Figures> cases, IReadOnlyList<PermitFigures.Result> permits, IReadOnlyDictionary<string, int> inspections,
            List<Due> open) =>
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
                    DueSoon = open.Count(d => d.Evaluation.Status == ClockStatus.DueSoon && Mine(d.Open.Jurisdiction)),
                    Overdue = open.Count(d => d.Evaluation.Status == ClockStatus.Overdue && Mine(d.Open.Jurisdiction)),
                };
            }).ToList();
    }
}
