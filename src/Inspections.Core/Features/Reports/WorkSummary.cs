using System.Globalization;
using FluentValidation;
using FluentValidation.Results;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Calendar;
using Inspections.Core.Features.Cases;
using Inspections.Core.Features.Permits;
using Inspections.Core.Features.Unlicensed;
using Inspections.Domain.Access;
using Inspections.Domain.Calendar;
using Inspections.Domain.Inspections;
using Inspections.Domain.Venues;
using Mediator;

namespace Inspections.Core.Features.Reports;

/// <summary>
/// The figures of a work summary 工作总结 for a period — inspections, venues, cases, the permit
/// window, referral letters — and the paragraph these offices type by hand today ("办结行政违规
/// 案件29起,办结率达100%,无一例行政复议。办证大厅受理……申请185件"), generated from the data.
/// The case, window and campaign figures are computed by the very code supervisors read them from
/// elsewhere (closure rate, window figures, campaign progress), called directly and in one pass, so
/// the summary can never disagree with them. Supervisors may read each of those, so nothing is
/// authorised twice.
/// </summary>
public static class WorkSummary
{
    [AllowedRoles(Roles.Supervisor)]
    public sealed record Query(DateOnly? From, DateOnly? To, DateOnly? AsOf) : IQuery<Report>;

    public sealed record Count(string Key, string Name, int Value);

    public sealed record InspectionFigures
    {
        public int Total { get; init; }
        public IReadOnlyList<Count> ByKind { get; init; } = [];
        public IReadOnlyList<Count> ByOutcome { get; init; } = [];
        public int WithViolations { get; init; }
        public int RectificationNotices { get; init; }
        public int RectificationsChecked { get; init; }
        public int CaseLeads { get; init; }
        public int VenuesClosed { get; init; }
        public int ItemsSeized { get; init; }
        /// <summary>The same goods by action, item and unit ("收缴电脑12台").</summary>
        public IReadOnlyList<SeizedItem> SeizedItems { get; init; } = [];
    }

    /// <summary>Venues of one type, in all and by licence status.</summary>
    public sealed record TypeCounts(string Key, string Name, int Value, IReadOnlyList<Count> ByLicenseStatus);

    public sealed record VenueFigures
    {
        /// <summary>All venues of the jurisdiction as they stand now, by licence status.</summary>
        public IReadOnlyList<Count> ByLicenseStatus { get; init; } = [];
        /// <summary>The same venues by type, each split by licence status.</summary>
        public IReadOnlyList<TypeCounts> ByType { get; init; } = [];
        /// <summary>Unlicensed venues registered in the period (摸底排查 found).</summary>
        public int UnlicensedFound { get; init; }
    }

    public sealed record Report
    {
        public DateOnly From { get; init; }
        public DateOnly To { get; init; }
        public DateOnly AsOf { get; init; }
        public string Jurisdiction { get; init; } = "";
        public InspectionFigures Inspections { get; init; } = new();
        public VenueFigures Venues { get; init; } = new();
        public CaseClosureRate.Figures Cases { get; init; } = new();
        public int PermitsAccepted { get; init; }
        public PermitFigures.OnTimeRow? PermitsOnTime { get; init; }
        public IReadOnlyList<Count> ReferralLetters { get; init; } = [];
        /// <summary>Each unlicensed-venue campaign 无证无照经营整治 running in the period, with its report line.</summary>
        public IReadOnlyList<UnlicensedCampaignProgress.ProgressDto> UnlicensedCampaigns { get; init; } = [];
        public string Paragraph { get; init; } = "";
    }

    /// <summary>
    /// A summary with the case and window figures it was written from, the inspections it counted by the jurisdiction of
    /// their rows (for figures side by side), and the case and window figures of any further buckets asked for (a trend's
    /// months, a city's districts), counted by the same statements in the same pass.
    /// </summary>
    internal sealed record Computed(Report Report, CaseClosureRate.Figures Cases, PermitFigures.Result Permits,
        IReadOnlyDictionary<string, int> InspectionsByJurisdiction, IReadOnlyList<CaseClosureRate.Figures> MoreCases,
        IReadOnlyList<PermitFigures.Result> MorePermits);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            this.Period(x => x.From, x => x.To);
        }
    }

    /// <summary>The inspections of one jurisdiction, kind and outcome, counted.</summary>
    private sealed record InspectionGroup
    {
        public string Jurisdiction { get; init; } = "";
        public string Kind { get; init; } = "";
        public string Outcome { get; init; } = "";
        public long Number { get; init; }
        public long WithViolations { get; init; }
        public long RectificationsChecked { get; init; }
        public long CaseLeads { get; init; }
        public long VenuesClosed { get; init; }
    }

    /// <summary>The venues of one type and licence status, and how many of them were registered in the period.</summary>
    private sealed record VenueGroup
    {
        public string VenueType { get; init; } = "";
        public string LicenseStatus { get; init; } = "";
        public long Number { get; init; }
        public long RegisteredInPeriod { get; init; }
    }

    /// <summary>What every statement below is given: the jurisdiction's codes, the period's local days and their UTC bounds.</summary>
    private sealed record PeriodScope(string JurisdictionFirst, string JurisdictionLast, DateTimeOffset Start, DateTimeOffset End, DateOnly From, DateOnly To)
    {
        public bool Yes => true;
    }

    // The inspections of the period (those begun on one of its local days), counted by jurisdiction, kind and outcome.
    private static readonly Sql Inspections = new("""
        SELECT jurisdiction, kind, outcome, COUNT(*) AS number,
               SUM(CASE WHEN violations > 0 THEN 1 ELSE 0 END) AS with_violations,
               SUM(CASE WHEN rectification_checked_on IS NOT NULL THEN 1 ELSE 0 END) AS rectifications_checked,
               SUM(CASE WHEN case_lead = @Yes THEN 1 ELSE 0 END) AS case_leads,
               SUM(CASE WHEN venue_closed = @Yes THEN 1 ELSE 0 END) AS venues_closed
        FROM inspections
        WHERE jurisdiction BETWEEN @JurisdictionFirst AND @JurisdictionLast AND started_at >= @Start AND started_at < @End
        GROUP BY jurisdiction, kind, outcome
        """);

    // What was seized in the period: the lines of the inspections begun in it (confiscations 收缴 written on the record)
    // and the seizures recorded on their own (a campaign night, a town station's raid), which never repeat an inspection's lines.
    private static readonly Sql Seized = new("""
        SELECT action, item, unit, SUM(quantity) AS quantity FROM (
            SELECT 'confiscated' AS action, s.item, s.unit, s.quantity
            FROM inspection_seizures s JOIN inspections i ON i.id = s.inspection_id
            WHERE i.jurisdiction BETWEEN @JurisdictionFirst AND @JurisdictionLast AND i.started_at >= @Start AND i.started_at < @End
            UNION ALL
            SELECT action, item, unit, quantity FROM office_seizures
            WHERE jurisdiction BETWEEN @JurisdictionFirst AND @JurisdictionLast AND seized_on >= @From AND seized_on <= @To
        ) seized
        GROUP BY action, item, unit
        ORDER BY action, item, unit
        """);

    /// <summary>Goods seized in the period, by what was done (收缴 confiscated, 暂扣 withheld), item and unit.</summary>
    public sealed record SeizedItem
    {
        [OneOf<OfficeWork.SeizureAction>] public string Action { get; init; } = "";
        public string Item { get; init; } = "";
        public string Unit { get; init; } = "";
        public long Quantity { get; init; }
    }

    private static readonly Sql Venues = new("""
        SELECT venue_type, license_status, COUNT(*) AS number,
               SUM(CASE WHEN created_at >= @Start AND created_at < @End THEN 1 ELSE 0 END) AS registered_in_period
        FROM venues
        WHERE jurisdiction BETWEEN @JurisdictionFirst AND @JurisdictionLast
        GROUP BY venue_type, license_status
        """);

    /// <summary>Referral letters 函告 of the period to one department.</summary>
    private sealed record DepartmentCount
    {
        public string Department { get; init; } = "";
        public long Number { get; init; }
    }

    private static readonly Sql Referrals = new("""
        SELECT r.department, COUNT(*) AS number
        FROM case_referrals r JOIN cases c ON c.id = r.case_id
        WHERE c.jurisdiction BETWEEN @JurisdictionFirst AND @JurisdictionLast AND r.sent_on >= @From AND r.sent_on <= @To
        GROUP BY r.department
        """);

    public sealed class Handler(DbSession db, ICurrentUser user, CalendarStore calendars, TimeProvider clock)
        : IQueryHandler<Query, Report>
    {
        public async ValueTask<Report> Handle(Query query, CancellationToken ct)
        {
            var from = query.From!.Value;
            var to = query.To!.Value;
            var evaluator = await calendars.EvaluatorAsync(db, ct);
            var now = clock.GetUtcNow();
            var asOf = query.AsOf ?? evaluator.LocalDate(now);
            // The closure rate counts up to the as-of date, so it cannot precede the period (today, when none is sent).
            if (asOf < from)
                throw new ValidationException([new ValidationFailure(nameof(Query.AsOf),
                    Text.Pick("统计截止日不能早于开始日期", "The as-of date cannot precede the period"))]);
            return (await ComputeAsync(db, evaluator, user.Jurisdiction, from, to, asOf, now, ct)).Report;
        }

        /// <summary>
        /// The summary of a jurisdiction the caller may see, for a checked period and an as-of date not before it, with the
        /// case and window figures it was written from: the dashboard shows the very same numbers beside the paragraph.
        /// </summary>
        internal static async Task<Computed> ComputeAsync(DbSession db, ClockEvaluator evaluator, string jurisdiction, DateOnly from, DateOnly to,
            DateOnly asOf, DateTimeOffset now, CancellationToken ct,
            IReadOnlyList<FigureBucket>? moreCases = null, IReadOnlyList<FigureBucket>? morePermits = null)
        {
            var scope = Scope(evaluator, jurisdiction, from, to);
            var inspections = await db.QueryAsync<InspectionGroup>(Inspections, scope, ct);
            var seized = await db.QueryAsync<SeizedItem>(Seized, scope, ct);
            var venues = await db.QueryAsync<VenueGroup>(Venues, scope, ct);
            var referrals = await db.QueryAsync<DepartmentCount>(Referrals, scope, ct);
            var period = FigureBucket.Of(jurisdiction, from, to);
            var caseFigures = await CaseClosureRate.Handler.TotalsAsync(db, [period, .. moreCases ?? []], asOf, evaluator.LocalDate(now), ct);
            var permitFigures = await PermitFigures.Handler.ComputeAsync(db, evaluator, [period, .. morePermits ?? []], now, byItemAndClerk: false, ct);
            var (cases, permits) = (caseFigures[0], permitFigures[0]);
            var campaigns = await UnlicensedCampaignProgress.Handler.RunningInAsync(db, evaluator, now, jurisdiction, from, to, ct);

            int Inspected(Func<InspectionGroup, bool> which, Func<InspectionGroup, long> count) => (int)inspections.Where(which).Sum(count);
            var figures = new InspectionFigures
            {
                Total = Inspected(_ => true, g => g.Number),
                ByKind = Enum.GetValues<InspectionKind>()
                    .Select(k => new Count(Wire(k), k.ChineseName(), Inspected(g => g.Kind == Wire(k), g => g.Number))).ToList(),
                ByOutcome = Enum.GetValues<InspectionOutcome>()
                    .Select(o => new Count(Wire(o), o.ChineseName(), Inspected(g => g.Outcome == Wire(o), g => g.Number))).ToList(),
                WithViolations = Inspected(_ => true, g => g.WithViolations),
                RectificationNotices = Inspected(g => g.Outcome == Wire(InspectionOutcome.RectificationNotice), g => g.Number),
                RectificationsChecked = Inspected(_ => true, g => g.RectificationsChecked),
                CaseLeads = Inspected(_ => true, g => g.CaseLeads),
                VenuesClosed = Inspected(_ => true, g => g.VenuesClosed),
                ItemsSeized = (int)seized.Sum(s => s.Quantity),
                SeizedItems = seized,
            };
            int VenueCount(Func<VenueGroup, bool> which) => (int)venues.Where(which).Sum(v => v.Number);
            var venueFigures = new VenueFigures
            {
                ByLicenseStatus = Enum.GetValues<LicenseStatus>()
                    .Select(s => new Count(Wire(s), s.ChineseName(), VenueCount(v => v.LicenseStatus == Wire(s)))).ToList(),
                ByType = Enum.GetValues<VenueType>()
                    .Select(t => new TypeCounts(Wire(t), t.ChineseName(), VenueCount(v => v.VenueType == Wire(t)),
                        Enum.GetValues<LicenseStatus>()
                            .Select(s => new Count(Wire(s), s.ChineseName(), VenueCount(v => v.VenueType == Wire(t) && v.LicenseStatus == Wire(s)))).ToList()))
                    .ToList(),
                UnlicensedFound = (int)venues.Where(v => v.LicenseStatus == Wire(LicenseStatus.Unlicensed)).Sum(v => v.RegisteredInPeriod),
            };
            var letters = referrals.OrderByDescending(l => l.Number).ThenBy(l => l.Department, StringComparer.Ordinal)
                .Select(l => new Count(l.Department, l.Department, (int)l.Number)).ToList();

            var report = new Report
            {
                From = from,
                To = to,
                AsOf = asOf,
                Jurisdiction = jurisdiction,
                Inspections = figures,
                Venues = venueFigures,
                Cases = cases,
                PermitsAccepted = permits.AcceptedTotal,
                PermitsOnTime = permits.OnTime,
                ReferralLetters = letters,
                UnlicensedCampaigns = campaigns,
                Paragraph = Paragraph(from, to, figures, venueFigures, cases, permits, letters)
                    + string.Concat(campaigns.Select(c => Text.Pick(c.Summary, ""))),
            };
            var byJurisdiction = inspections.GroupBy(g => g.Jurisdiction, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => (int)g.Sum(x => x.Number), StringComparer.Ordinal);
            return new Computed(report, cases, permits, byJurisdiction, caseFigures.Skip(1).ToList(), permitFigures.Skip(1).ToList());
        }

        private static PeriodScope Scope(ClockEvaluator evaluator, string jurisdiction, DateOnly from, DateOnly to) => new(
            Jurisdiction.Range(jurisdiction).First, Jurisdiction.Range(jurisdiction).Last,
            StartOf(evaluator.TimeZone, from), StartOf(evaluator.TimeZone, to.AddDays(1)), from, to);

        private static string Wire<TEnum>(TEnum value) where TEnum : struct, Enum => Common.Wire.Name(value);

        private static DateTimeOffset StartOf(TimeZoneInfo zone, DateOnly day)
        {
            var local = day.ToDateTime(TimeOnly.MinValue);
            return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
        }

        private static string Percent(decimal? rate) =>
            rate is { } r ? (r * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%" : "—";

        private static string Paragraph(DateOnly from, DateOnly to, InspectionFigures i, VenueFigures v, CaseClosureRate.Figures c,
            PermitFigures.Result permits, IReadOnlyList<Count> letters)
        {
            var kinds = string.Join("、", i.ByKind.Where(k => k.Value > 0).Select(k => $"{k.Name}{k.Value}次"));
            var zh = $"{from:yyyy年M月d日}至{to:yyyy年M月d日}，共开展检查{i.Total}次"
                + (kinds.Length > 0 ? $"（{kinds}）" : "")
                + $"，发现违规{i.WithViolations}家次，下达责令整改通知{i.RectificationNotices}份，取缔关停{i.VenuesClosed}家"
                + (i.ItemsSeized > 0 ? $"，收缴查扣物品{i.ItemsSeized}件（台）" : "")
                + (v.UnlicensedFound > 0 ? $"，摸底排查无证经营场所{v.UnlicensedFound}家" : "")
                + $"。立案{c.Filed}起，办结行政违规案件{c.Closed}起，办结率达{Percent(c.ClosureRate)}"
                + (c.Reconsiderations.Total == 0 ? "，无一例行政复议" : $"，行政复议{c.Reconsiderations.Total}起")
                + $"。{permits.IntakeSentence}"
                + (permits.OnTime.Completed > 0 ? $"，按时办结率{Percent(permits.OnTime.OnTimeRate)}" : "")
                + (letters.Count > 0 ? "；" + string.Join("，", letters.Select(l => $"函告{l.Name}{l.Value}起")) : "")
                + "。";
            var en = $"From {from:yyyy-MM-dd} to {to:yyyy-MM-dd}: {i.Total} inspections, {i.WithViolations} with violations, "
                + $"{i.RectificationNotices} rectification notices, {i.VenuesClosed} venues closed, {i.ItemsSeized} items seized; "
                + $"{c.Filed} cases filed, {c.Closed} closed (closure rate {Percent(c.ClosureRate)}), {c.Reconsiderations.Total} reconsiderations; "
                + $"{permits.AcceptedTotal} permit applications accepted; {letters.Sum(l => l.Value)} referral letters.";
            return Text.Pick(zh, en);
        }
    }
}
