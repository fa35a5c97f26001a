using System.Globalization;
using FluentValidation;
using FluentValidation.Results;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Calendar;
using Inspections.Core.Features.Dashboard;
using Inspections.Core.Features.Documents;
using Inspections.Core.Features.Inspections;
using Inspections.Core.Features.OfficeWork;
using Inspections.Core.Features.Permits;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.Reports;

/// <summary>
/// The half-year report an office hands in 上半年（下半年）工作总结, for a jurisdiction (the caller's, or one below it)
/// and a half of a year: the title, 一、二、三、 sections with (一)(二) subsections, every figure and every sentence that
/// bears one written from the data — inspections, cases and closure rate (无一例行政复议 when none), referral letters,
/// seizures, the campaigns, the window's intake by kind and the promised limits shortened, trainings, publicity,
/// mailbox and petition replies — and the narrative parts (the overview, the problems, the next half's plan) left as
/// placeholders the office writes. The case, window, inspection and campaign figures are the work summary's
/// (<see cref="WorkSummary"/>), the very numbers the dashboard shows; the office's own work is
/// <see cref="OfficeWorkFigures"/>. The same figures are served as JSON, DOCX and XLSX.
/// </summary>
public static class HalfYearReport
{
    [AllowedRoles(Roles.Officer, Roles.Supervisor, Roles.Admin)]
    public sealed record Query : IQuery<Report>
    {
        public int? Year { get; init; }
        /// <summary>1 for January–June (上半年), 2 for July–December (下半年).</summary>
        public int? Half { get; init; }
        /// <summary>Defaults to the caller's; must be theirs or below it (a city reads each of its districts).</summary>
        public string? Jurisdiction { get; init; }
        /// <summary>json (the default), docx or xlsx: the form the endpoint answers in; the figures are the same.</summary>
        [OneOf("json", "docx", "xlsx")] public string? Format { get; init; }
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(x => x.Year).NotNull().InclusiveBetween(InputLimits.MinDate.Year, InputLimits.MaxDate.Year).Named("年份", "Year");
            RuleFor(x => x.Half).NotNull().InclusiveBetween(1, 2).Named("半年（1 为上半年，2 为下半年）", "Half (1 or 2)");
            RuleFor(x => x.Jurisdiction).IsJurisdictionCode();
            RuleFor(x => x.Format).Must(f => f is null or "json" or "docx" or "xlsx")
                .Says("格式应为 json、docx 或 xlsx", "Format must be json, docx or xlsx");
        }
    }

    /// <summary>One figure of the report as the spreadsheet lists it: its section, its name, the number and its unit.</summary>
    public sealed record Figure(string Section, string Name, decimal Value, string Unit);

    /// <summary>A (一)(二) part of a section: its heading and paragraphs; a placeholder is text the office replaces.</summary>
    public sealed record Part(string Heading, IReadOnlyList<string> Paragraphs, bool Placeholder);

    /// <summary>A 一、二、 section: its heading, paragraphs before its parts, and its parts.</summary>
    public sealed record Section(string Heading, IReadOnlyList<string> Paragraphs, IReadOnlyList<Part> Parts, bool Placeholder);

    /// <summary>An item whose promised limit 承诺时限 is shorter than the statutory 法定时限, in working days.</summary>
    public sealed record ShortenedLimit(string Code, string Name, int StatutoryLimitDays, int PromisedLimitDays);

    /// <summary>A special campaign 专项行动 running in the half, with its totals.</summary>
    public sealed record CampaignLine(Guid Id, string Name, DateOnly StartsOn, DateOnly EndsOn, SpecialCampaignTotals Totals, IReadOnlyList<SeizureTotal> SeizedItems);

    public sealed record Report
    {
        public int Year { get; init; }
        public int Half { get; init; }
        public DateOnly From { get; init; }
        public DateOnly To { get; init; }
        /// <summary>The day the figures count up to: the half's last day, or today while it runs.</summary>
        public DateOnly AsOf { get; init; }
        public string Jurisdiction { get; init; } = "";
        public string JurisdictionName { get; init; } = "";
        /// <summary>Who hands it in: 温江区文化市场综合执法大队, a town's 文化站.</summary>
        public string Authority { get; init; } = "";
        public string Title { get; init; } = "";
        /// <summary>The work summary of the half: inspections, venues, cases, window, referral letters, seizures, unlicensed-venue campaigns.</summary>
        public WorkSummary.Report Summary { get; init; } = new();
        /// <summary>The window's applications by kind 年检、备案、变更、设立… received, accepted and not accepted in the half.</summary>
        public IReadOnlyList<PermitFigures.IntakeRow> Intake { get; init; } = [];
        public IReadOnlyList<CampaignLine> SpecialCampaigns { get; init; } = [];
        public IReadOnlyList<ShortenedLimit> ShortenedLimits { get; init; } = [];
        public OfficeWorkFigures Office { get; init; } = new();
        public IReadOnlyList<Section> Sections { get; init; } = [];
        public IReadOnlyList<Figure> Figures { get; init; } = [];
    }

    private static readonly Sql CampaignsInHalf = new("""
        SELECT id FROM campaigns
        WHERE jurisdiction BETWEEN @JurisdictionFirst AND @JurisdictionLast AND starts_on <= @To AND ends_on >= @From
        ORDER BY starts_on, id
        """);

    public sealed class Handler(DbSession db, ICurrentUser user, CalendarStore calendars, TimeProvider clock) : IQueryHandler<Query, Report>
    {
        public async ValueTask<Report> Handle(Query query, CancellationToken ct)
        {
            var scope = query.Jurisdiction ?? user.Jurisdiction;
            user.EnsureCanSee(scope);
            if (query.Jurisdiction is not null) await Jurisdictions.JurisdictionRows.EnsureKnownAsync(db, nameof(Query.Jurisdiction), scope, ct);
            var evaluator = await calendars.EvaluatorAsync(db, ct);
            var now = clock.GetUtcNow();
            var today = ReportPeriod.Today(clock, evaluator.TimeZone);
            var (year, half) = (query.Year!.Value, query.Half!.Value);
            var period = ReportPeriod.Resolve(half == 1 ? PeriodName.FirstHalf : PeriodName.SecondHalf, today, year);
            if (period.From > today)
                throw new ValidationException([new ValidationFailure(nameof(Query.Half),
                    Text.Pick($"所选期间（{period.Label}）尚未开始，今天是 {today:yyyy年M月d日}",
                        $"The period ({period.Label}) has not begun; today is {today:yyyy-MM-dd}"))]);
            var (from, to) = (period.From, period.To);
            var asOf = today < to ? today : to;

            var summary = await WorkSummary.Handler.ComputeAsync(db, evaluator, scope, from, to, asOf, now, ct);
            var office = await OfficeWorkFigures.ComputeAsync(db, scope, from, to, asOf, ct);
            var range = Domain.Access.Jurisdiction.Range(scope);
            var campaigns = new List<CampaignLine>();
            foreach (var id in await db.QueryAsync<Guid>(CampaignsInHalf, new { JurisdictionFirst = range.First, JurisdictionLast = range.Last, From = from, To = to }, ct))
            {
                var c = await SpecialCampaignRows.LoadAsync(db, id, ct);
                campaigns.Add(new CampaignLine(c.Id, c.Name, c.StartsOn, c.EndsOn, c.Totals, c.SeizedItems));
            }
            var shortened = (await PermitItems.AllAsync(db, ct))
                .Where(i => i.PromisedLimitDays < i.StatutoryLimitDays)
                .Select(i => new ShortenedLimit(i.Code, i.Name, i.StatutoryLimitDays, i.PromisedLimitDays)).ToList();
            var name = await JurisdictionDirectory.NameAsync(db, scope, ct);
            var authority = Domain.Access.Jurisdiction.Level(scope) switch
            {
                JurisdictionLevel.Town => $"{name}文化站",
                JurisdictionLevel.District => $"{name}文化市场综合执法大队",
                JurisdictionLevel.City => $"{name}文化市场综合执法支队",
                _ => $"{name}文化市场综合执法总队",
            };
            var report = new Report
            {
                Year = year,
                Half = half,
                From = from,
                To = to,
                AsOf = asOf,
                Jurisdiction = scope,
                JurisdictionName = name,
                Authority = authority,
                Title = $"{authority}{year}年{(half == 1 ? "上半年" : "下半年")}工作总结",
                Summary = summary.Report,
                Intake = summary.Permits.Intake,
                SpecialCampaigns = campaigns,
                ShortenedLimits = shortened,
                Office = office,
            };
            var permitsIntakeSentence = summary.Permits.IntakeSentence;
            return report with
            {
                Sections = HalfYearText.Sections(report, permitsIntakeSentence),
                Figures = HalfYearText.Figures(report),
            };
        }
    }

    /// <summary>The report's sentences and figures, written from the numbers only.</summary>
    internal static class HalfYearText
    {
        private static string Percent(decimal? rate) =>
            rate is { } r ? (r * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%" : "—";

        private static string Placeholder(string what) => $"【请填写：{what}】";

        private static Part P(string heading, params string[] paragraphs) => new(heading, paragraphs, false);

        private static Part Blank(string heading, string what) => new(heading, [Placeholder(what)], true);

        /// <summary>"收缴电脑12台、电脑主机10台；暂扣游戏机3台", or "" when nothing was seized.</summary>
        public static string Seized(IEnumerable<WorkSummary.SeizedItem> items)
        {
            var parts = items.GroupBy(s => s.Action, StringComparer.Ordinal)
                .OrderBy(g => g.Key == "confiscated" ? 0 : 1)
                .Select(g => (Wire.TryParse<SeizureAction>(g.Key, out var a) ? a.ChineseName() : g.Key)
                    + string.Join("、", g.Select(s => $"{s.Item}{s.Quantity}{s.Unit}")));
            return string.Join("；", parts);
        }

        public static string Cases(CaseClosureRateFigures c) =>
            $"立案{c.Filed}起，办结行政违规案件{c.Closed}起"
            + (c.ClosureRate is not null ? $"，办结率达{Percent(c.ClosureRate)}" : "")
            + (c.Reconsiderations == 0 ? "，无一例行政复议" : $"，行政复议{c.Reconsiderations}起")
            + (c.Litigations == 0 ? "" : $"，行政诉讼{c.Litigations}起");

        /// <summary>The figures the sentences need of the case totals.</summary>
        public sealed record CaseClosureRateFigures(int Filed, int Closed, decimal? ClosureRate, int Reconsiderations, int Litigations);

        private static CaseClosureRateFigures CaseFigures(Report r) => new(r.Summary.Cases.Filed, r.Summary.Cases.Closed, r.Summary.Cases.ClosureRate,
            r.Summary.Cases.Reconsiderations.Total, r.Summary.Cases.Litigations.Total);

        public static string Letters(IReadOnlyList<WorkSummary.Count> letters) =>
            string.Join("，", letters.Select(l => $"函告{l.Name}{l.Value}起"));

        public static string Replies(OfficeWorkFigures o) =>
            $"回复区长信箱{o.MailboxReplied}件；回复群众信访函{o.PetitionsReplied}件";

        public static string Trainings(OfficeWorkFigures o) =>
            $"开展文化市场经营业主法律法规培训{o.Trainings}次" + (o.TrainingAttendees > 0 ? $"，参训{o.TrainingAttendees}人次" : "");

        public static string Publicity(OfficeWorkFigures o) => $"组织举办文化市场法律法规宣传{o.Publicity}次";

        public static IReadOnlyList<Section> Sections(Report r, string intakeSentence)
        {
            var s = r.Summary;
            var i = s.Inspections;
            var halfName = r.Half == 1 ? "上半年" : "下半年";
            var kinds = string.Join("、", i.ByKind.Where(k => k.Value > 0).Select(k => $"{k.Name}{k.Value}次"));
            var inspections = $"{halfName}共开展检查{i.Total}次" + (kinds.Length > 0 ? $"（{kinds}）" : "")
                + $"，发现违规{i.WithViolations}家次，下达责令整改通知{i.RectificationNotices}份，取缔关停{i.VenuesClosed}家"
                + (s.Venues.UnlicensedFound > 0 ? $"，摸底排查无证经营场所{s.Venues.UnlicensedFound}家" : "") + "。";
            var cases = Cases(CaseFigures(r)) + "。" + (s.ReferralLetters.Count > 0 ? Letters(s.ReferralLetters) + "。" : "");
            var seized = Seized(i.SeizedItems);

            var unlicensed = s.UnlicensedCampaigns.Count == 0
                ? [$"{halfName}未开展无证无照经营集中整治。"]
                : s.UnlicensedCampaigns.Select(c => c.Summary).ToArray();
            var special = r.SpecialCampaigns.Count == 0
                ? $"{halfName}未开展专项行动。"
                : $"开展{string.Join("、", r.SpecialCampaigns.Select(c => c.Name))}等专项行动{r.SpecialCampaigns.Count}次，"
                  + $"出动检查场所{r.SpecialCampaigns.Sum(c => c.Totals.Inspections)}家次，发现违规{r.SpecialCampaigns.Sum(c => c.Totals.InspectionsWithViolations)}家次，"
                  + $"转立案{r.SpecialCampaigns.Sum(c => c.Totals.CaseLeads)}起，取缔关停{r.SpecialCampaigns.Sum(c => c.Totals.VenuesClosed)}家"
                  + (r.SpecialCampaigns.Any(c => c.SeizedItems.Count > 0)
                      ? "，收缴" + string.Join("、", r.SpecialCampaigns.SelectMany(c => c.SeizedItems)
                          .GroupBy(x => (x.Item, x.Unit)).Select(g => $"{g.Key.Item}{g.Sum(x => x.Quantity)}{g.Key.Unit}"))
                      : "")
                  + "。";

            var byKind = r.Intake.Where(k => k.Accepted > 0).Select(k => $"{k.KindName}{k.Accepted}件").ToList();
            var window = intakeSentence + (byKind.Count > 1 ? $"（{string.Join("、", byKind)}）" : "")
                + (s.PermitsOnTime is { Completed: > 0 } onTime ? $"，办结{onTime.Completed}件，按时办结率{Percent(onTime.OnTimeRate)}" : "") + "。";
            var limits = r.ShortenedLimits.Count == 0
                ? "各许可事项均按法定时限办理。"
                : $"对{r.ShortenedLimits.Count}个许可事项压缩承诺办结时限："
                  + string.Join("；", r.ShortenedLimits.Select(l => $"{l.Name}承诺办结时限由法定{l.StatutoryLimitDays}个工作日缩短为{l.PromisedLimitDays}个工作日")) + "。";

            var o = r.Office;
            var replies = Replies(o) + (o.MailboxReplied + o.PetitionsReplied == 0 ? ""
                : o.RepliedLate == 0 ? "，均在期限内答复" : $"，其中{o.RepliedLate}件超期答复") + "。";
            var by = r.AsOf < r.To ? $"截至{r.AsOf:M月d日}" : $"到{(r.Half == 1 ? "六" : "十二")}月底";
            var goals = $"{by}，{Trainings(o)}；{Cases(CaseFigures(r))}。{intakeSentence}"
                + (s.ReferralLetters.Count > 0 ? "；" + Letters(s.ReferralLetters) : "")
                + $"，{Publicity(o)}；{Replies(o)}。";
            var next = r.Half == 1 ? "下半年工作思路" : $"{r.Year + 1}年工作思路";

            return
            [
                new Section("", [Placeholder($"{halfName}工作总体情况（围绕的中心工作、得到的领导和支持）") + "现将" + halfName + "工作情况总结如下。"], [], true),
                new Section("一、执法检查与案件办理", [],
                [
                    P("（一）日常检查", inspections),
                    P("（二）案件办理", cases),
                    P("（三）收缴暂扣", seized.Length > 0 ? seized + "。" : $"{halfName}无收缴、暂扣物品。"),
                ], false),
                new Section("二、专项整治工作", [],
                [
                    new Part("（一）无证无照经营整治", unlicensed, false),
                    P("（二）专项行动", special),
                ], false),
                new Section("三、行政审批与效能建设", [],
                [
                    P("（一）窗口受理", window),
                    P("（二）压缩承诺时限", limits),
                    Blank("（三）效能建设", "首问责任制、限时办结制等制度建设情况"),
                ], false),
                new Section("四、法制宣传培训与信访工作", [],
                [
                    P("（一）经营业主法律法规培训", Trainings(o) + "。"),
                    P("（二）法律法规宣传", Publicity(o) + "。"),
                    P("（三）区长信箱与群众信访", replies),
                ], false),
                new Section("五、目标任务完成情况", [goals], [], false),
                new Section("六、存在的问题", [Placeholder("工作中存在的问题和困难")], [], true),
                new Section($"七、{next}", [],
                [
                    Blank("（一）", "工作思路一"),
                    Blank("（二）", "工作思路二"),
                    Blank("（三）", "工作思路三"),
                ], true),
            ];
        }

        public static IReadOnlyList<Figure> Figures(Report r)
        {
            var s = r.Summary;
            var i = s.Inspections;
            var c = s.Cases;
            var o = r.Office;
            var list = new List<Figure>
            {
                new("执法检查", "开展检查", i.Total, "次"),
            };
            list.AddRange(i.ByKind.Select(k => new Figure("执法检查", k.Name, k.Value, "次")));
            list.AddRange(
            [
                new("执法检查", "发现违规", i.WithViolations, "家次"),
                new("执法检查", "下达责令整改通知", i.RectificationNotices, "份"),
                new("执法检查", "取缔关停", i.VenuesClosed, "家"),
                new("执法检查", "摸底排查无证经营场所", s.Venues.UnlicensedFound, "家"),
                new("案件办理", "立案", c.Filed, "起"),
                new("案件办理", "办结行政违规案件", c.Closed, "起"),
                new("案件办理", "办结率", c.ClosureRate is { } rate ? Math.Round(rate * 100, 1) : 0, "%"),
                new("案件办理", "行政复议", c.Reconsiderations.Total, "起"),
                new("案件办理", "行政诉讼", c.Litigations.Total, "起"),
            ]);
            list.AddRange(s.ReferralLetters.Select(l => new Figure("案件办理", $"函告{l.Name}", l.Value, "起")));
            list.AddRange(i.SeizedItems.Select(x => new Figure("收缴暂扣",
                $"{(Wire.TryParse<SeizureAction>(x.Action, out var a) ? a.ChineseName() : x.Action)}{x.Item}", x.Quantity, x.Unit)));
            list.AddRange(s.UnlicensedCampaigns.Select(u => new Figure("无证无照经营整治", $"{u.Name}：摸底排查", u.VenuesFound, "家")));
            list.Add(new("专项行动", "开展专项行动", r.SpecialCampaigns.Count, "次"));
            list.AddRange(r.SpecialCampaigns.Select(x => new Figure("专项行动", $"{x.Name}：出动检查场所", x.Totals.Inspections, "家次")));
            list.AddRange(r.Intake.Select(k => new Figure("窗口受理", $"受理{k.KindName}申请", k.Accepted, "件")));
            list.Add(new("窗口受理", "受理申请合计", s.PermitsAccepted, "件"));
            if (s.PermitsOnTime is { } t)
            {
                list.Add(new("窗口受理", "办结", t.Completed, "件"));
                list.Add(new("窗口受理", "按时办结率", t.OnTimeRate is { } ot ? Math.Round(ot * 100, 1) : 0, "%"));
            }
            list.Add(new("效能建设", "压缩承诺时限的许可事项", r.ShortenedLimits.Count, "项"));
            list.AddRange(r.ShortenedLimits.Select(l => new Figure("效能建设", $"{l.Name}承诺时限（法定{l.StatutoryLimitDays}）", l.PromisedLimitDays, "个工作日")));
            list.AddRange(
            [
                new("培训宣传", "经营业主法律法规培训", o.Trainings, "次"),
                new("培训宣传", "参训人次", o.TrainingAttendees, "人次"),
                new("培训宣传", "法律法规宣传", o.Publicity, "次"),
                new("信访", "收到区长信箱来信", o.MailboxReceived, "件"),
                new("信访", "回复区长信箱", o.MailboxReplied, "件"),
                new("信访", "收到群众信访函", o.PetitionsReceived, "件"),
                new("信访", "回复群众信访函", o.PetitionsReplied, "件"),
                new("信访", "超期答复", o.RepliedLate, "件"),
                new("信访", "待答复", o.AwaitingReply, "件"),
            ]);
            return list;
        }
    }
}
