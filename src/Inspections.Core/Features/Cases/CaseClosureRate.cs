using System.Globalization;
using Dapper;
using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Calendar;
using Inspections.Core.Features.Jurisdictions;
using Inspections.Domain.Access;
using Inspections.Domain.Calendar;
using Inspections.Domain.Cases;
using Inspections.Domain.Venues;
using Mediator;

namespace Inspections.Core.Features.Cases;

/// <summary>
/// The closure rate 案件办结率 for a period and jurisdiction, in total and by venue type, violation
/// or officer: filed, withdrawn, closed, closed on time, still open, carried over, reconsiderations
/// and lawsuits by outcome, referral letters. Definitions: <see cref="ClosureRateCalculator"/>; all
/// dates are local (Asia/Shanghai) and the as-of date is inclusive.
/// </summary>
public static class CaseClosureRate
{
    public enum Grouping { VenueType, Violation, Officer }

    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Query : IQuery<Report>
    {
        public DateOnly? From { get; init; }
        public DateOnly? To { get; init; }
        /// <summary>Defaults to today.</summary>
        public DateOnly? AsOf { get; init; }
        public string? Jurisdiction { get; init; }
        [OneOf<Grouping>] public string? By { get; init; }
    }

    public sealed record ChallengeCounts(int Total, int Upheld, int Changed, int Revoked, int Pending);

    public sealed record Figures
    {
        public string? Key { get; init; }
        public string? Name { get; init; }
        public int Filed { get; init; }
        public int Withdrawn { get; init; }
        public int Closed { get; init; }
        public int ClosedOnTime { get; init; }
        public int StillOpen { get; init; }
        public int CarriedOver { get; init; }
        public decimal? ClosureRate { get; init; }
        public decimal? OnTimeRate { get; init; }
        public ChallengeCounts Reconsiderations { get; init; } = new(0, 0, 0, 0, 0);
        public ChallengeCounts Litigations { get; init; } = new(0, 0, 0, 0, 0);
        public int ReferralLetters { get; init; }
    }

    public sealed record Report
    {
        public DateOnly From { get; init; }
        public DateOnly To { get; init; }
        public DateOnly AsOf { get; init; }
        public string Jurisdiction { get; init; } = "";
        public Figures Totals { get; init; } = new();
        public string? By { get; init; }
        public IReadOnlyList<Figures> Groups { get; init; } = [];
        /// <summary>Leads received in the period and refused filing 不予立案 by the as-of date: never filed, so outside the rate.</summary>
        public int LeadsNotFiled { get; init; }
        public string Summary { get; init; } = "";
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            this.Period(x => x.From, x => x.To);
            RuleFor(x => x.AsOf).GreaterThanOrEqualTo(x => x.From).When(x => x.AsOf is not null && x.From is not null)
                .Says("统计截止日不能早于开始日期", "The as-of date cannot precede the period");
            RuleFor(x => x.Jurisdiction).IsJurisdictionCode();
            RuleFor(x => x.By).Must(b => Wire.TryParse<Grouping>(b, out _)).When(x => x.By is not null)
                .Says($"分组应为：{Wire.Allowed<Grouping>()}", $"By must be one of: {Wire.Allowed<Grouping>()}");
        }
    }

    /// <summary>
    /// Cases of one jurisdiction and group counted by where their filing, closing and withdrawal dates fall among the
    /// statement's boundary dates (<see cref="FigurePlacement.Position"/>),
    /// and whether the decision came on time: enough to tell, for every bucket, which of its figures each case counts in.
    /// </summary>
    private sealed record CaseCounts
    {
        public string Jurisdiction { get; init; } = "";
        public string? GroupKey { get; init; }
        public string? GroupName { get; init; }
        public long Fi { get; init; }
        public long Ci { get; init; }
        public long Wi { get; init; }
        public long OnTime { get; init; }
        public long Number { get; init; }
    }

    /// <summary>One bucket's (and group's) challenges of one kind and stored outcome; <c>Decided</c> of them decided by the as-of date.</summary>
    private sealed record ChallengeCountsRow
    {
        public long Bucket { get; init; }
        public string? GroupKey { get; init; }
        public string? GroupName { get; init; }
        public string Kind { get; init; } = "";
        public string? Outcome { get; init; }
        public long Number { get; init; }
        public long Decided { get; init; }
    }

    private sealed record ReferralCounts
    {
        public long Bucket { get; init; }
        public string? GroupKey { get; init; }
        public string? GroupName { get; init; }
        public long Number { get; init; }
    }

    /// <summary>What a grouping adds to the statements: its key and name columns, the joins they need, and the GROUP BY tail.</summary>
    private sealed record GroupSql(string Select, string Joins, string GroupBy);

    private static readonly GroupSql NoGroup = new("NULL AS group_key, NULL AS group_name", "", "");
    // The venue's type as the case keeps it (cases.venue_type, current with the venue's), read from ix_cases_figures with the rest.
    private static readonly GroupSql ByVenueType = new("c.venue_type AS group_key, NULL AS group_name", "", ", c.venue_type");
    private static readonly GroupSql ByViolation = new("c.violation_code AS group_key, vc.name AS group_name",
        "JOIN violation_catalog vc ON vc.code = c.violation_code", ", c.violation_code, vc.name");
    private static readonly GroupSql ByOfficer = new("c.officer_id AS group_key, c.officer_name AS group_name", "", ", c.officer_id, c.officer_name");

    /// <summary>How many boundary dates the statements compare with: a dashboard's half-year and its months take eight.</summary>
    private static readonly int[] Widths = [4, 8, 16, 32];

    // A bucket's cases: filed by the end of its period and either filed in it or still open when it began (上期结转).
    // What each counts is ClosureRateCalculator's arithmetic, on the dates and the on-time fact the commands stored. The
    // buckets of one statement (a period, its months, a city's districts) are counted from one read of their jurisdictions'
    // cases in ix_cases_figures: each case's dates are placed among the buckets' boundary dates (@B0 … in order, unused
    // ones past every date), and the few resulting combinations are counted into each bucket by CountCasesAsync.

    private static string CaseStatement(GroupSql g, int width) => $"""
        SELECT jurisdiction, group_key, group_name, fi, ci, wi, on_time, COUNT(*) AS number
        FROM (
            SELECT c.jurisdiction, {g.Select}, {FigurePlacement.Position("c.filed_on", width)} AS fi, {FigurePlacement.Position("c.closed_on", width)} AS ci,
                   {FigurePlacement.Position("c.withdrawn_on", width)} AS wi, CASE WHEN c.decided_on_time = @Yes THEN 1 ELSE 0 END AS on_time
            FROM cases c
            {g.Joins}
            WHERE c.jurisdiction BETWEEN @JurisdictionFirst AND @JurisdictionLast AND c.filed_on <= @Last
              AND (c.filed_on >= @First OR ((c.closed_on IS NULL OR c.closed_on >= @First) AND (c.withdrawn_on IS NULL OR c.withdrawn_on >= @First)))
        ) placed
        GROUP BY jurisdiction, group_key, group_name, fi, ci, wi, on_time
        """;

    // Challenges and letters count in the period they were lodged or sent, whatever the case's filing date; an outcome
    // counts once decided by the as-of date, and the challenge is pending until then.
    private static string ChallengeStatement(SqlDialect d, GroupSql g) => $"""
        SELECT b.n AS bucket, {g.Select}, h.kind, h.outcome, COUNT(*) AS number,
               SUM(CASE WHEN h.decided_on <= @AsOf THEN 1 ELSE 0 END) AS decided
        FROM {d.Buckets("@Buckets")} b
        JOIN case_challenges h ON h.filed_on >= b.f AND h.filed_on <= b.t AND h.filed_on <= @AsOf
        JOIN cases c ON c.id = h.case_id AND c.jurisdiction BETWEEN b.jf AND b.jl
        {g.Joins}
        GROUP BY b.n{g.GroupBy}, h.kind, h.outcome
        """;

    private static string ReferralStatement(SqlDialect d, GroupSql g) => $"""
        SELECT b.n AS bucket, {g.Select}, COUNT(*) AS number
        FROM {d.Buckets("@Buckets")} b
        JOIN case_referrals r ON r.sent_on >= b.f AND r.sent_on <= b.t AND r.sent_on <= @AsOf
        JOIN cases c ON c.id = r.case_id AND c.jurisdiction BETWEEN b.jf AND b.jl
        {g.Joins}
        GROUP BY b.n{g.GroupBy}
        """;

    // The day rows (CaseFigureDays) of the buckets' jurisdictions up to their last day, each day placed among the buckets'
    // boundaries and added up by place: a few thousand rows for a city's half-year and its months, whatever its cases.
    private static string DayStatement(int width) => $"""
        SELECT jurisdiction, di, SUM(filed) AS filed, SUM(withdrawn) AS withdrawn, SUM(closed) AS closed,
               SUM(closed_on_time) AS closed_on_time, SUM(ended) AS ended
        FROM (
            SELECT jurisdiction, {FigurePlacement.Position("day", width)} AS di, filed, withdrawn, closed, closed_on_time, ended
            FROM case_figure_days
            WHERE jurisdiction BETWEEN @JurisdictionFirst AND @JurisdictionLast AND day <= @Last
        ) placed
        GROUP BY jurisdiction, di
        """;

    private static readonly IReadOnlyList<(int Width, Sql Sql)> DayStatements =
        [(4, new Sql(DayStatement(4))), (8, new Sql(DayStatement(8))), (16, new Sql(DayStatement(16))), (32, new Sql(DayStatement(32)))];

    private sealed record DayCounts
    {
        public string Jurisdiction { get; init; } = "";
        public long Di { get; init; }
        public long Filed { get; init; }
        public long Withdrawn { get; init; }
        public long Closed { get; init; }
        public long ClosedOnTime { get; init; }
        public long Ended { get; init; }
    }

    /// <summary>A grouping's statements: its case statements by the number of boundary dates they take, its challenges and letters.</summary>
    private sealed record Statements(IReadOnlyList<(int Width, Sql Sql)> Cases, Sql Challenges, Sql Referrals);

    private static readonly Sql TotalCases4 = new(CaseStatement(NoGroup, 4));
    private static readonly Sql TotalCases8 = new(CaseStatement(NoGroup, 8));
    private static readonly Sql TotalCases16 = new(CaseStatement(NoGroup, 16));
    private static readonly Sql TotalCases32 = new(CaseStatement(NoGroup, 32));
    private static readonly Sql TotalChallenges = new(d => ChallengeStatement(d, NoGroup));
    private static readonly Sql TotalReferrals = new(d => ReferralStatement(d, NoGroup));
    // A grouped report is of one bucket (three boundaries): four suffice.
    private static readonly Sql VenueTypeCases = new(CaseStatement(ByVenueType, 4));
    private static readonly Sql VenueTypeChallenges = new(d => ChallengeStatement(d, ByVenueType));
    private static readonly Sql VenueTypeReferrals = new(d => ReferralStatement(d, ByVenueType));
    private static readonly Sql ViolationCases = new(CaseStatement(ByViolation, 4));
    private static readonly Sql ViolationChallenges = new(d => ChallengeStatement(d, ByViolation));
    private static readonly Sql ViolationReferrals = new(d => ReferralStatement(d, ByViolation));
    private static readonly Sql OfficerCases = new(CaseStatement(ByOfficer, 4));
    private static readonly Sql OfficerChallenges = new(d => ChallengeStatement(d, ByOfficer));
    private static readonly Sql OfficerReferrals = new(d => ReferralStatement(d, ByOfficer));

    private static Statements For(Grouping? grouping) => grouping switch
    {
        Grouping.VenueType => new([(4, VenueTypeCases)], VenueTypeChallenges, VenueTypeReferrals),
        Grouping.Violation => new([(4, ViolationCases)], ViolationChallenges, ViolationReferrals),
        Grouping.Officer => new([(4, OfficerCases)], OfficerChallenges, OfficerReferrals),
        _ => new([(4, TotalCases4), (8, TotalCases8), (16, TotalCases16), (32, TotalCases32)], TotalChallenges, TotalReferrals),
    };

    private static readonly Sql NotFiled = new("""
        SELECT COUNT(*) FROM cases c JOIN case_stage_history h ON h.case_id = c.id AND h.to_stage = 'notFiled'
        WHERE c.jurisdiction BETWEEN @JurisdictionFirst AND @JurisdictionLast AND c.created_at >= @FromUtc AND c.created_at < @ToEndUtc AND h.occurred_at < @AsOfEndUtc
        """);

    public sealed class Handler(DbSession db, ICurrentUser user, CalendarStore calendars, TimeProvider clock) : IQueryHandler<Query, Report>
    {
        public async ValueTask<Report> Handle(Query query, CancellationToken ct)
        {
            var scope = query.Jurisdiction ?? user.Jurisdiction;
            user.EnsureCanSee(scope);
            if (query.Jurisdiction is not null) await JurisdictionRows.EnsureKnownAsync(db, nameof(Query.Jurisdiction), query.Jurisdiction, ct);
            var evaluator = await calendars.EvaluatorAsync(db, ct);
            var asOf = query.AsOf ?? evaluator.LocalDate(clock.GetUtcNow());
            var grouping = Wire.TryParse<Grouping>(query.By, out var g) ? g : (Grouping?)null;
            return await ComputeAsync(db, evaluator, scope, query.From!.Value, query.To!.Value, asOf, grouping, ct);
        }

        /// <summary>The report for a jurisdiction the caller may see, the period and as-of date checked.</summary>
        internal static async Task<Report> ComputeAsync(DbSession db, ClockEvaluator evaluator, string scope, DateOnly from, DateOnly to, DateOnly asOf,
            Grouping? grouping, CancellationToken ct)
        {
            var counted = await CountAsync(db, For(grouping), [FigureBucket.Of(scope, from, to)], asOf, grouping, ct);
            // Every case, challenge and letter falls in exactly one group: the totals are the groups' sums.
            var totals = Sum(counted.Select(x => x.Counts).ToList(), key: null);
            var groups = grouping is null ? [] : counted.OrderBy(x => x.Key.Key, StringComparer.Ordinal).ThenBy(x => x.Key.Name, StringComparer.Ordinal)
                .Select(x => Sum([x.Counts], x.Key)).ToList();
            var range = Domain.Access.Jurisdiction.Range(scope);
            var notFiled = await db.ExecuteScalarAsync<long>(NotFiled, new
            {
                JurisdictionFirst = range.First, JurisdictionLast = range.Last,
                FromUtc = StartOf(evaluator, from), ToEndUtc = StartOf(evaluator, to.AddDays(1)), AsOfEndUtc = StartOf(evaluator, asOf.AddDays(1)),
            }, ct);
            return new Report
            {
                From = from, To = to, AsOf = asOf, Jurisdiction = scope, Totals = totals,
                By = grouping is { } by ? Wire.Name(by) : null, Groups = groups,
                LeadsNotFiled = (int)notFiled,
                Summary = Summarise(totals),
            };
        }

        /// <summary>
        /// The totals of each bucket — a jurisdiction over a period, e.g. the period, its months, a city's districts — from one
        /// grouped statement per kind of row: each is what <see cref="ComputeAsync"/> reports as the totals of that bucket alone.
        /// As of today (or later) the cases are counted from their day rows, every closing and withdrawal being dated by then;
        /// an earlier as-of date reads the cases themselves.
        /// </summary>
        internal static async Task<IReadOnlyList<Figures>> TotalsAsync(DbSession db, IReadOnlyList<FigureBucket> buckets, DateOnly asOf, DateOnly today,
            CancellationToken ct)
        {
            var counted = (await CountAsync(db, For(null), buckets, asOf, null, ct, byDay: asOf >= today)).ToDictionary(x => x.Bucket);
            return buckets.Select((_, n) => Sum(counted.TryGetValue(n, out var c) ? [c.Counts] : [], key: null)).ToList();
        }

        /// <summary>Running counters of one bucket and group.</summary>
        private sealed class Tally
        {
            public long Filed, Withdrawn, Closed, ClosedOnTime, CarriedOver, Referrals;
            public readonly Dictionary<string, long[]> Challenges = new(StringComparer.Ordinal); // kind → total, upheld, changed, revoked, pending
        }

        private static async Task<List<(int Bucket, (string Key, string Name) Key, Tally Counts)>> CountAsync(DbSession db, Statements statements,
            IReadOnlyList<FigureBucket> buckets, DateOnly asOf, Grouping? grouping, CancellationToken ct, bool byDay = false)
        {
            var p = new { Buckets = FigureBucket.Json(buckets), AsOf = asOf, Yes = true };
            var tallies = new Dictionary<(int, string, string), Tally>();
            Tally Of(long bucket, string? key, string? name)
            {
                var k = KeyOf(grouping, key, name);
                var id = ((int)bucket, k.Key, k.Name);
                if (!tallies.TryGetValue(id, out var t)) tallies[id] = t = new Tally();
                return t;
            }
            if (byDay) await CountCaseDaysAsync(db, buckets, asOf, n => Of(n, null, null), ct);
            else await CountCasesAsync(db, statements.Cases, buckets, asOf, (n, key, name) => Of(n, key, name), ct);
            foreach (var r in await db.QueryAsync<ChallengeCountsRow>(statements.Challenges, p, ct))
            {
                var t = Of(r.Bucket, r.GroupKey, r.GroupName);
                if (!t.Challenges.TryGetValue(r.Kind, out var c)) t.Challenges[r.Kind] = c = new long[5];
                c[0] += r.Number;
                var decided = r.Outcome is null ? 0 : r.Decided;
                c[4] += r.Number - decided;
                var slot = r.Outcome switch { "upheld" => 1, "changed" => 2, "revoked" => 3, _ => 0 };
                if (slot > 0) c[slot] += decided;
            }
            foreach (var r in await db.QueryAsync<ReferralCounts>(statements.Referrals, p, ct))
                Of(r.Bucket, r.GroupKey, r.GroupName).Referrals += r.Number;
            return tallies.Select(x => (x.Key.Item1, (x.Key.Item2, x.Key.Item3), x.Value)).ToList();
        }

        /// <summary>
        /// The buckets' case counts: as many buckets to a statement as its boundary dates allow, each statement one read of the
        /// cases of its buckets' jurisdictions; each counted combination of dates is added to every bucket whose jurisdictions
        /// hold it, as ClosureRateCalculator counts a case.
        /// </summary>
        private static async Task CountCasesAsync(DbSession db, IReadOnlyList<(int Width, Sql Sql)> statements, IReadOnlyList<FigureBucket> buckets,
            DateOnly asOf, Func<long, string?, string?, Tally> of, CancellationToken ct)
        {
            var afterAsOf = asOf.AddDays(1);
            // A bucket's boundaries: its first day, the day after its last counted day, and the day after the as-of date.
            DateOnly[] Bounds(FigureBucket b) => [b.From, (b.To < asOf ? b.To : asOf).AddDays(1), afterAsOf];
            foreach (var chunk in FigurePlacement.Chunks(buckets, Bounds, statements.Select(s => s.Width).ToList()))
            {
                chunk.Parameters.Add("Yes", true);
                var rows = await db.QueryAsync<CaseCounts>(statements.First(s => s.Width == chunk.Width).Sql, chunk.Parameters, ct);
                foreach (var n in chunk.Buckets)
                {
                    var b = buckets[n];
                    var bounds = Bounds(b);
                    long from = chunk.Of(bounds[0]), counted = chunk.Of(bounds[1]), asOfEnd = chunk.Of(bounds[2]);
                    foreach (var r in rows.Where(r => b.Holds(r.Jurisdiction)))
                    {
                        // Fi ≥ k + 1 says the filing date is on or after boundary k; Fi ≤ k that it is before it.
                        var filed = r.Fi >= from + 1 && r.Fi <= counted;
                        var withdrawn = filed && r.Wi <= asOfEnd;
                        var closed = filed && !withdrawn && r.Ci <= asOfEnd;
                        var carried = r.Fi <= from && r.Ci >= from + 1 && r.Wi >= from + 1;
                        if (!filed && !carried) continue;
                        var t = of(n, r.GroupKey, r.GroupName);
                        if (filed) t.Filed += r.Number;
                        if (withdrawn) t.Withdrawn += r.Number;
                        if (closed) t.Closed += r.Number;
                        if (closed && r.OnTime == 1) t.ClosedOnTime += r.Number;
                        if (carried) t.CarriedOver += r.Number;
                    }
                }
            }
        }

        /// <summary>
        /// The buckets' case counts from the day rows, as <see cref="CountCasesAsync"/> counts the cases when none is closed or
        /// withdrawn after <paramref name="asOf"/>: filed, withdrawn, closed and closed on time are the sums over the days from
        /// the bucket's first to its last counted day; carried over, the cases filed before its first day less those ended before it.
        /// </summary>
        private static async Task CountCaseDaysAsync(DbSession db, IReadOnlyList<FigureBucket> buckets, DateOnly asOf, Func<long, Tally> of,
            CancellationToken ct)
        {
            DateOnly[] Bounds(FigureBucket b) => [b.From, (b.To < asOf ? b.To : asOf).AddDays(1)];
            foreach (var chunk in FigurePlacement.Chunks(buckets, Bounds, DayStatements.Select(s => s.Width).ToList()))
            {
                var rows = await db.QueryAsync<DayCounts>(DayStatements.First(s => s.Width == chunk.Width).Sql, chunk.Parameters, ct);
                foreach (var n in chunk.Buckets)
                {
                    var b = buckets[n];
                    var bounds = Bounds(b);
                    long from = chunk.Of(bounds[0]), counted = chunk.Of(bounds[1]);
                    var t = of(n);
                    foreach (var r in rows.Where(r => b.Holds(r.Jurisdiction)))
                    {
                        if (r.Di >= from + 1 && r.Di <= counted)
                        {
                            t.Filed += r.Filed;
                            t.Withdrawn += r.Withdrawn;
                            t.Closed += r.Closed;
                            t.ClosedOnTime += r.ClosedOnTime;
                        }
                        else if (r.Di <= from) t.CarriedOver += r.Filed - r.Ended;
                    }
                }
            }
        }

        /// <summary>The figures of one or more tallies together (a group, a bucket's totals), keyed as given.</summary>
        private static Figures Sum(IReadOnlyCollection<Tally> tallies, (string Key, string Name)? key)
        {
            int Total(Func<Tally, long> of) => (int)tallies.Sum(of);
            ChallengeCounts Challenges(string kind)
            {
                long At(int slot) => tallies.Sum(t => t.Challenges.TryGetValue(kind, out var c) ? c[slot] : 0);
                return new ChallengeCounts((int)At(0), (int)At(1), (int)At(2), (int)At(3), (int)At(4));
            }
            var f = ClosureRateCalculator.FromCounts(Total(t => t.Filed), Total(t => t.Withdrawn), Total(t => t.Closed), Total(t => t.ClosedOnTime),
                Total(t => t.CarriedOver));
            return new Figures
            {
                Key = key?.Key, Name = key?.Name,
                Filed = f.Filed, Withdrawn = f.Withdrawn, Closed = f.Closed, ClosedOnTime = f.ClosedOnTime,
                StillOpen = f.StillOpen, CarriedOver = f.CarriedOver, ClosureRate = f.ClosureRate, OnTimeRate = f.OnTimeRate,
                Reconsiderations = Challenges("reconsideration"),
                Litigations = Challenges("litigation"),
                ReferralLetters = Total(t => t.Referrals),
            };
        }

        private static DateTimeOffset StartOf(ClockEvaluator evaluator, DateOnly day)
        {
            var local = day.ToDateTime(TimeOnly.MinValue);
            return new DateTimeOffset(local, evaluator.TimeZone.GetUtcOffset(local)).ToUniversalTime();
        }

        private static (string Key, string Name) KeyOf(Grouping? grouping, string? key, string? name) => grouping switch
        {
            Grouping.VenueType => key is { } t && Wire.TryParse<VenueType>(t, out var vt)
                ? (t, Text.Pick(vt.ChineseName(), t))
                : ("none", Text.Pick("未关联场所", "no venue")),
            Grouping.Violation or Grouping.Officer => (key ?? "", name ?? ""),
            _ => ("all", ""),
        };

        /// <summary>The sentence of the half-year summary, e.g. "立案 29 起，办结 29 起，办结率 100%，无一例行政复议。"</summary>
        private static string Summarise(Figures t)
        {
            static string Percent(decimal? r) => r is { } v ? (v * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%" : "—";
            var zh = $"立案 {t.Filed} 起，办结 {t.Closed} 起，办结率 {Percent(t.ClosureRate)}，按期办结率 {Percent(t.OnTimeRate)}"
                + (t.Withdrawn > 0 ? $"，撤销立案 {t.Withdrawn} 起" : "")
                + (t.Reconsiderations.Total == 0 ? "，无一例行政复议" : $"，行政复议 {t.Reconsiderations.Total} 起")
                + (t.ReferralLetters > 0 ? $"；函告 {t.ReferralLetters} 起" : "") + "。";
            var en = $"{t.Filed} filed, {t.Closed} closed, closure rate {Percent(t.ClosureRate)}, on time {Percent(t.OnTimeRate)}"
                + (t.Withdrawn > 0 ? $", {t.Withdrawn} withdrawn" : "")
                + $", {t.Reconsiderations.Total} reconsiderations, {t.ReferralLetters} referral letters.";
            return Text.Pick(zh, en);
        }
    }
}
