using System.Globalization;
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

    private sealed record Row
    {
        public Guid Id { get; init; }
        public DateOnly FiledOn { get; init; }
        public int DecisionLimitDays { get; init; }
        public DateTimeOffset? DecidedAt { get; init; }
        public DateTimeOffset? ClosedAt { get; init; }
        public DateTimeOffset? WithdrawnAt { get; init; }
        public string? VenueType { get; init; }
        public string ViolationCode { get; init; } = "";
        public string ViolationName { get; init; } = "";
        public string OfficerId { get; init; } = "";
        public string OfficerName { get; init; } = "";
    }

    private sealed record ChildRow
    {
        public Guid CaseId { get; init; }
        public string Kind { get; init; } = "";
        public DateOnly StartOn { get; init; }
        public DateOnly? EndOn { get; init; }
        public int Days { get; init; }
        public string? Outcome { get; init; }
        public string? VenueType { get; init; }
        public string ViolationCode { get; init; } = "";
        public string ViolationName { get; init; } = "";
        public string OfficerId { get; init; } = "";
        public string OfficerName { get; init; } = "";

        public Row Case => new() { VenueType = VenueType, ViolationCode = ViolationCode, ViolationName = ViolationName, OfficerId = OfficerId, OfficerName = OfficerName };
    }

    // Cases filed by the end of the period that either were filed in it or were still open when it began.
    private const string InScope = """
        c.jurisdiction BETWEEN @JurisdictionFirst AND @JurisdictionLast AND c.filed_on IS NOT NULL AND c.filed_on <= @To
          AND (c.filed_on >= @From OR ((c.closed_at IS NULL OR c.closed_at >= @FromUtc) AND (c.withdrawn_at IS NULL OR c.withdrawn_at >= @FromUtc)))
        """;

    private static readonly Sql Cases = new($"""
        SELECT c.id, c.filed_on, c.decision_limit_days, c.decided_at, c.closed_at, c.withdrawn_at, {GroupColumns}
        FROM cases c {GroupJoins}
        WHERE {InScope}
        """);
    private static readonly Sql Suspensions = new($"""
        SELECT s.case_id, s.kind, s.start_on, s.end_on FROM case_suspensions s JOIN cases c ON c.id = s.case_id WHERE {InScope}
        """);
    private static readonly Sql Extensions = new($"""
        SELECT e.case_id, e.days FROM case_extensions e JOIN cases c ON c.id = e.case_id WHERE {InScope}
        """);
    // Challenges and letters count in the period they were lodged or sent, whatever the case's filing date.
    private const string GroupColumns = "v.venue_type, c.violation_code, vc.name AS violation_name, c.officer_id, c.officer_name";
    private const string GroupJoins = "LEFT JOIN venues v ON v.id = c.venue_id JOIN violation_catalog vc ON vc.code = c.violation_code";

    private static readonly Sql Challenges = new($"""
        SELECT h.case_id, h.kind, h.filed_on AS start_on, CASE WHEN h.decided_on <= @AsOf THEN h.outcome END AS outcome, {GroupColumns}
        FROM case_challenges h JOIN cases c ON c.id = h.case_id {GroupJoins}
        WHERE c.jurisdiction BETWEEN @JurisdictionFirst AND @JurisdictionLast AND h.filed_on >= @From AND h.filed_on <= @To AND h.filed_on <= @AsOf
        """);
    private static readonly Sql Referrals = new($"""
        SELECT r.case_id, 'referral' AS kind, r.sent_on AS start_on, {GroupColumns}
        FROM case_referrals r JOIN cases c ON c.id = r.case_id {GroupJoins}
        WHERE c.jurisdiction BETWEEN @JurisdictionFirst AND @JurisdictionLast AND r.sent_on >= @From AND r.sent_on <= @To AND r.sent_on <= @AsOf
        """);
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

        /// <summary>The report for a jurisdiction the caller may see, the period and as-of date checked: the work summary counts with it too.</summary>
        internal static async Task<Report> ComputeAsync(DbSession db, ClockEvaluator evaluator, string scope, DateOnly from, DateOnly to, DateOnly asOf,
            Grouping? grouping, CancellationToken ct)
        {
            var read = await ReadAsync(db, evaluator, scope, from, to, asOf, grouping, ct);
            var totals = read.Build(from, to, null, _ => true, read.Facts.Select(x => x.Fact));
            // Cases challenged or referred in the period form groups too, even when filed long before it.
            var groups = grouping is null ? [] : read.Facts.Select(x => x.Key)
                .Concat(read.Challenges.Concat(read.Referrals).Select(x => KeyOf(x.Case, grouping)))
                .Distinct().OrderBy(k => k.Key, StringComparer.Ordinal)
                .Select(k => read.Build(from, to, k, x => KeyOf(x.Case, grouping) == k, read.Facts.Where(x => x.Key == k).Select(x => x.Fact)))
                .ToList();
            return new Report
            {
                From = from, To = to, AsOf = asOf, Jurisdiction = scope, Totals = totals,
                By = grouping is { } by ? Wire.Name(by) : null, Groups = groups,
                LeadsNotFiled = (int)await db.ExecuteScalarAsync<long>(NotFiled, read.Parameters, ct),
                Summary = Summarise(totals),
            };
        }

        /// <summary>
        /// The totals of each window (parts of the period, e.g. its months) from one read of the period: each is what
        /// <see cref="ComputeAsync"/> reports as the totals of that window alone, since the period's rows hold every row
        /// a window's own query would read (a case open when a window begins was open when the period began, or was filed in it).
        /// </summary>
        internal static async Task<IReadOnlyList<Figures>> WindowTotalsAsync(DbSession db, ClockEvaluator evaluator, string scope, DateOnly from, DateOnly to,
            DateOnly asOf, IReadOnlyList<(DateOnly From, DateOnly To)> windows, CancellationToken ct)
        {
            if (windows.Any(w => w.From < from || w.To > to || w.To < w.From))
                throw new ArgumentException("Every window must lie inside the period.", nameof(windows));
            var read = await ReadAsync(db, evaluator, scope, from, to, asOf, grouping: null, ct);
            return windows.Select(w => read.Build(w.From, w.To, null, _ => true, read.Facts.Select(x => x.Fact))).ToList();
        }

        private static async Task<Read> ReadAsync(DbSession db, ClockEvaluator evaluator, string scope, DateOnly from, DateOnly to, DateOnly asOf,
            Grouping? grouping, CancellationToken ct)
        {
            var p = new
            {
                JurisdictionFirst = Domain.Access.Jurisdiction.Range(scope).First,
                JurisdictionLast = Domain.Access.Jurisdiction.Range(scope).Last,
                From = from, To = to, AsOf = asOf,
                FromUtc = StartOf(evaluator, from), ToEndUtc = StartOf(evaluator, to.AddDays(1)), AsOfEndUtc = StartOf(evaluator, asOf.AddDays(1)),
            };
            var cases = await db.QueryAsync<Row>(Cases, p, ct);
            var suspensions = (await db.QueryAsync<ChildRow>(Suspensions, p, ct)).ToLookup(s => s.CaseId);
            var extensions = (await db.QueryAsync<ChildRow>(Extensions, p, ct)).ToLookup(e => e.CaseId);
            var challenges = await db.QueryAsync<ChildRow>(Challenges, p, ct);
            var referrals = await db.QueryAsync<ChildRow>(Referrals, p, ct);
            var facts = cases.Select(c => (Key: KeyOf(c, grouping), Fact: Fact(evaluator, c, suspensions[c.Id], extensions[c.Id]))).ToList();
            return new Read(p, asOf, facts, challenges, referrals);
        }

        /// <summary>A period's rows as read, and the figures of any window of it.</summary>
        private sealed record Read(object Parameters, DateOnly AsOf, List<((string Key, string Name) Key, FiledCase Fact)> Facts,
            IReadOnlyList<ChildRow> Challenges, IReadOnlyList<ChildRow> Referrals)
        {
            public Figures Build(DateOnly from, DateOnly to, (string Key, string Name)? key, Func<ChildRow, bool> inGroup, IEnumerable<FiledCase> filed)
            {
                var f = ClosureRateCalculator.Compute(filed, from, to, AsOf);
                bool Counts(ChildRow r) => r.StartOn >= from && r.StartOn <= to && inGroup(r);
                return new Figures
                {
                    Key = key?.Key, Name = key?.Name,
                    Filed = f.Filed, Withdrawn = f.Withdrawn, Closed = f.Closed, ClosedOnTime = f.ClosedOnTime,
                    StillOpen = f.StillOpen, CarriedOver = f.CarriedOver, ClosureRate = f.ClosureRate, OnTimeRate = f.OnTimeRate,
                    Reconsiderations = Count(Challenges.Where(h => h.Kind == "reconsideration" && Counts(h))),
                    Litigations = Count(Challenges.Where(h => h.Kind == "litigation" && Counts(h))),
                    ReferralLetters = Referrals.Count(Counts),
                };
            }
        }

        private static DateTimeOffset StartOf(ClockEvaluator evaluator, DateOnly day)
        {
            var local = day.ToDateTime(TimeOnly.MinValue);
            return new DateTimeOffset(local, evaluator.TimeZone.GetUtcOffset(local)).ToUniversalTime();
        }

        private static FiledCase Fact(ClockEvaluator evaluator, Row c, IEnumerable<ChildRow> suspensions, IEnumerable<ChildRow> extensions)
        {
            bool? onTime = null;
            if (c.DecidedAt is { } decidedAt)
            {
                var decisionClock = CaseClocks.Decision(c.Id,
                    c.FiledOn, c.DecisionLimitDays, suspensions.Select(s => new ClockSuspension(s.StartOn, s.EndOn)),
                    extensions.Select(e => new ClockExtension(e.Days, "-", "-")), decidedAt);
                onTime = evaluator.Evaluate(decisionClock, decidedAt, 0).Status == ClockStatus.CompletedOnTime;
            }
            return new FiledCase(c.FiledOn,
                c.ClosedAt is { } closed ? evaluator.LocalDate(closed) : null,
                c.WithdrawnAt is { } withdrawn ? evaluator.LocalDate(withdrawn) : null,
                onTime);
        }

        private static (string Key, string Name) KeyOf(Row c, Grouping? grouping) => grouping switch
        {
            Grouping.VenueType => c.VenueType is { } t && Wire.TryParse<VenueType>(t, out var vt)
                ? (t, Text.Pick(vt.ChineseName(), t))
                : ("none", Text.Pick("未关联场所", "no venue")),
            Grouping.Violation => (c.ViolationCode, c.ViolationName),
            Grouping.Officer => (c.OfficerId, c.OfficerName),
            _ => ("all", ""),
        };

        private static ChallengeCounts Count(IEnumerable<ChildRow> rows)
        {
            var list = rows.ToList();
            return new ChallengeCounts(list.Count,
                list.Count(r => r.Outcome == "upheld"), list.Count(r => r.Outcome == "changed"),
                list.Count(r => r.Outcome == "revoked"), list.Count(r => r.Outcome is null));
        }

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
