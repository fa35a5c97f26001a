using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Calendar;
using Inspections.Domain.Access;
using Inspections.Domain.Calendar;
using Inspections.Domain.Permits;
using Mediator;

namespace Inspections.Core.Features.Permits;

/// <summary>
/// The window's figures for a period (local dates, both ends included): intake by kind 受理量, and
/// the on-time rate 按时办结率 with the average working days used against promised, overall, per item
/// and per responsible clerk. Intake counts acceptance (deemed acceptance and recorded filings
/// included) by its date; the on-time figures count applications completed 办结 in the period; and
/// the applications open and overdue now 超期未办结, which no completion count shows.
/// </summary>
public static class PermitFigures
{
    public sealed record IntakeRow(string Kind, string KindName, int Received, int Accepted, int NotAccepted);

    public sealed record OnTimeRow(string Key, string Name, int Completed, int OnTime, decimal? OnTimeRate, decimal? AverageUsedDays, decimal? AveragePromisedDays);

    public sealed record Result
    {
        public DateOnly From { get; init; }
        public DateOnly To { get; init; }
        public IReadOnlyList<IntakeRow> Intake { get; init; } = [];
        public int AcceptedTotal { get; init; }
        /// <summary>The sentence the half-year summary carries, e.g. "办证大厅受理年检、备案、变更、设立申请185件".</summary>
        public string IntakeSentence { get; init; } = "";
        public OnTimeRow OnTime { get; init; } = new("all", "", 0, 0, null, null, null);
        public IReadOnlyList<OnTimeRow> ByItem { get; init; } = [];
        public IReadOnlyList<OnTimeRow> ByClerk { get; init; } = [];
        /// <summary>
        /// Applications open now and already past their promised limit 超期未办结 (whatever the period: the on-time
        /// figures count what was completed late, this what is late and not yet done). The same applications the
        /// accountability sweep holds against their clerks.
        /// </summary>
        public int OpenOverdue { get; init; }
    }

    [AllowedRoles(Roles.Clerk, Roles.Supervisor, Roles.Admin)]
    public sealed record Query(DateOnly? From, DateOnly? To) : IQuery<Result>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            this.Period(x => x.From, x => x.To);
        }
    }

    /// <summary>The order the offices' reports name the kinds in.</summary>
    private static readonly PermitKind[] ReportOrder =
        [PermitKind.AnnualInspection, PermitKind.Filing, PermitKind.Change, PermitKind.Establish, PermitKind.Renewal, PermitKind.Cancellation];

    /// <summary>One bucket's applications of one kind received, accepted (on record) and not accepted in its period.</summary>
    private sealed record IntakeCounts
    {
        public long Bucket { get; init; }
        public string Kind { get; init; } = "";
        public long Received { get; init; }
        public long Accepted { get; init; }
        public long NotAccepted { get; init; }
    }

    /// <summary>Applications still at the desk, received on one day of a bucket's period under one correction window.</summary>
    private sealed record DeskCounts
    {
        public long Bucket { get; init; }
        public string Kind { get; init; } = "";
        public DateOnly ReceivedOn { get; init; }
        public int CorrectionWindowDays { get; init; }
        public long Number { get; init; }
    }

    /// <summary>One bucket's (and group's) completions: how many, on time, and the working days used and promised.</summary>
    private sealed record OnTimeCounts
    {
        public long Bucket { get; init; }
        public string? GroupKey { get; init; }
        public string? GroupName { get; init; }
        public long Completed { get; init; }
        public long OnTime { get; init; }
        public long? UsedDays { get; init; }
        public long? PromisedDays { get; init; }
    }

    private static string Buckets(SqlDialect d) => d.Buckets("@Buckets");

    private const string InBucket = "a.jurisdiction BETWEEN b.jf AND b.jl";

    /// <summary>Applications of one jurisdiction and kind received (or accepted) on days of one place among the boundaries.</summary>
    private sealed record PlacedIntake
    {
        public string Jurisdiction { get; init; } = "";
        public string Kind { get; init; } = "";
        public long Placed { get; init; }
        public long Received { get; init; }
        public long Accepted { get; init; }
        public long NotAccepted { get; init; }
    }

    /// <summary>Completions of one jurisdiction on days of one place among the boundaries.</summary>
    private sealed record PlacedCompletions
    {
        public string Jurisdiction { get; init; } = "";
        public long Placed { get; init; }
        public long Completed { get; init; }
        public long OnTime { get; init; }
        public long? UsedDays { get; init; }
        public long? PromisedDays { get; init; }
    }

    // The buckets of a figure (a period, a city's districts) from one read of their jurisdictions' rows, each row's day placed
    // among the buckets' first days and the days after their last (FigurePlacement); buckets over other dates take more statements.
    private static readonly int[] Widths = [4];

    private const string InScope = "a.jurisdiction BETWEEN @JurisdictionFirst AND @JurisdictionLast";

    // Intake counts receipt and acceptance (recorded filings included) each by its own day, and completions by theirs: the
    // day rows kept by the steps (PermitFigureDays), not the applications, so a city's districts read a few thousand rows.
    private static readonly Sql Intake = new($"""
        SELECT jurisdiction, kind, placed, SUM(received) AS received, SUM(accepted) AS accepted, SUM(not_accepted) AS not_accepted FROM (
            SELECT jurisdiction, kind, {FigurePlacement.Position("day", 4)} AS placed, received, accepted, not_accepted
            FROM permit_figure_days
            WHERE jurisdiction BETWEEN @JurisdictionFirst AND @JurisdictionLast AND day >= @First AND day <= @Last
              AND (received <> 0 OR accepted <> 0)
        ) intake
        GROUP BY jurisdiction, kind, placed
        """);

    private static readonly Sql Completions = new($"""
        SELECT jurisdiction, placed, SUM(completed) AS completed, SUM(on_time) AS on_time,
               SUM(used_days) AS used_days, SUM(promised_days) AS promised_days FROM (
            SELECT jurisdiction, {FigurePlacement.Position("day", 4)} AS placed, completed, on_time, used_days, promised_days
            FROM permit_figure_days
            WHERE jurisdiction BETWEEN @JurisdictionFirst AND @JurisdictionLast AND day >= @First AND day <= @Last AND completed <> 0
        ) done
        GROUP BY jurisdiction, placed
        """);

    /// <summary>The rows of each bucket: those of its jurisdictions placed between its first day and the day after its last.</summary>
    private static async Task<Dictionary<int, List<T>>> PlaceAsync<T>(DbSession db, Sql sql, IReadOnlyList<FigureBucket> buckets,
        Func<T, string> jurisdiction, Func<T, long> placed, CancellationToken ct)
    {
        static DateOnly[] Bounds(FigureBucket b) => [b.From, b.To.AddDays(1)];
        var byBucket = new Dictionary<int, List<T>>();
        foreach (var chunk in FigurePlacement.Chunks(buckets, Bounds, Widths))
        {
            chunk.Parameters.Add("Yes", true);
            var rows = await db.QueryAsync<T>(sql, chunk.Parameters, ct);
            foreach (var n in chunk.Buckets)
            {
                var (first, after) = (chunk.Of(buckets[n].From), chunk.Of(buckets[n].To.AddDays(1)));
                byBucket[n] = rows.Where(r => buckets[n].Holds(jurisdiction(r)) && placed(r) > first && placed(r) <= after).ToList();
            }
        }
        return byBucket;
    }

    /// <summary>The stage of an application still at the desk, as ix_permit_applications_desk (migration 0033) names it in its filter.</summary>
    public static readonly string DeskStage = Wire.Name(Enum.GetValues<PermitStage>()
        .Single(s => PermitStageMachine.IsDeemedAccepted(s, correctionWindowPassed: true)));

    // Applications still at the desk (行政许可法 art. 32: accepted on receipt once the correction window has run out), by day
    // and window: the calendar decides which count as accepted, for a few rows per day rather than one per application.
    private static readonly Sql AtTheDesk = new(d => $"""
        SELECT b.n AS bucket, a.kind, a.received_on, a.correction_window_days, COUNT(*) AS number
        FROM {Buckets(d)} b JOIN permit_applications a ON {InBucket} AND a.received_on >= b.f AND a.received_on <= b.t
        WHERE a.stage = '{DeskStage}'
        GROUP BY b.n, a.kind, a.received_on, a.correction_window_days
        """);

    private static string OnTimeStatement(SqlDialect d, string select, string groupBy) => $"""
        SELECT b.n AS bucket, {select}, COUNT(*) AS completed, SUM(CASE WHEN a.completed_on_time = @Yes THEN 1 ELSE 0 END) AS on_time,
               SUM(a.used_days) AS used_days, SUM(a.promised_limit_days) AS promised_days
        FROM {Buckets(d)} b JOIN permit_applications a ON {InBucket} AND a.completed_on >= b.f AND a.completed_on <= b.t
        GROUP BY b.n{groupBy}
        """;

    // By item and by clerk from one read: the completions counted per item and clerk (and the names they were recorded
    // under), summed each way in CountCells. An item's name, like a clerk's, is the least it was recorded under.
    private static readonly Sql OnTimeCells = new(d => OnTimeStatement(d,
        "a.item_code, a.item_name, a.responsible_id, a.responsible_name", ", a.item_code, a.item_name, a.responsible_id, a.responsible_name"));

    /// <summary>One bucket's completions of one item by one clerk, under the names the applications recorded.</summary>
    private sealed record OnTimeCell
    {
        public long Bucket { get; init; }
        public string ItemCode { get; init; } = "";
        public string ItemName { get; init; } = "";
        public string ResponsibleId { get; init; } = "";
        public string ResponsibleName { get; init; } = "";
        public long Completed { get; init; }
        public long OnTime { get; init; }
        public long? UsedDays { get; init; }
        public long? PromisedDays { get; init; }
    }

    /// <summary>The cells summed by one key (item or clerk) within each bucket, named by the least name recorded under the key.</summary>
    private static List<OnTimeCounts> Sum(IEnumerable<OnTimeCell> cells, Func<OnTimeCell, string> key, Func<OnTimeCell, string> name) =>
        cells.GroupBy(c => (c.Bucket, Key: key(c))).Select(g => new OnTimeCounts
        {
            Bucket = g.Key.Bucket,
            GroupKey = g.Key.Key,
            GroupName = g.Select(name).Min(StringComparer.Ordinal),
            Completed = g.Sum(c => c.Completed),
            OnTime = g.Sum(c => c.OnTime),
            UsedDays = g.Sum(c => c.UsedDays),
            PromisedDays = g.Sum(c => c.PromisedDays),
        }).ToList();

    public sealed class Handler(DbSession db, ICurrentUser user, CalendarStore calendars, TimeProvider clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken ct)
        {
            var evaluator = await calendars.EvaluatorAsync(db, ct);
            var now = clock.GetUtcNow();
            var bucket = FigureBucket.Of(user.Jurisdiction, query.From!.Value, query.To!.Value);
            var figures = (await ComputeAsync(db, evaluator, [bucket], now, byItemAndClerk: true, ct))[0];
            var overdue = await PermitClocks.CountOverdueOpenAsync(db, evaluator, Jurisdiction.Range(user.Jurisdiction), now, ct);
            return figures with { OpenOverdue = overdue };
        }

        /// <summary>
        /// The figures of each bucket (a jurisdiction the caller may see over a checked period) at <paramref name="now"/>, from one
        /// grouped statement per figure whatever the number of buckets; by item and by clerk only when asked, and then for the
        /// first bucket. The work summary and the dashboard's districts count with this too.
        /// </summary>
        internal static async Task<IReadOnlyList<Result>> ComputeAsync(DbSession db, ClockEvaluator evaluator, IReadOnlyList<FigureBucket> buckets,
            DateTimeOffset now, bool byItemAndClerk, CancellationToken ct)
        {
            var p = new { Buckets = FigureBucket.Json(buckets), Yes = true };
            var intake = (await PlaceAsync<PlacedIntake>(db, Intake, buckets, r => r.Jurisdiction, r => r.Placed, ct))
                .SelectMany(b => b.Value.GroupBy(r => r.Kind).Select(g => new IntakeCounts
                {
                    Bucket = b.Key, Kind = g.Key, Received = g.Sum(r => r.Received), Accepted = g.Sum(r => r.Accepted), NotAccepted = g.Sum(r => r.NotAccepted),
                }))
                .ToDictionary(r => ((int)r.Bucket, r.Kind));
            var deemed = (await db.QueryAsync<DeskCounts>(AtTheDesk, p, ct))
                .Where(r => PermitClocks.CorrectionWindowPassed(evaluator, Guid.Empty, r.ReceivedOn, r.CorrectionWindowDays, now))
                .GroupBy(r => ((int)r.Bucket, r.Kind)).ToDictionary(g => g.Key, g => g.Sum(r => r.Number));
            var cells = byItemAndClerk ? await db.QueryAsync<OnTimeCell>(OnTimeCells, p, ct) : [];
            var onTime = byItemAndClerk
                ? Sum(cells, _ => "", _ => "").ToDictionary(r => (int)r.Bucket)
                : (await PlaceAsync<PlacedCompletions>(db, Completions, buckets, r => r.Jurisdiction, r => r.Placed, ct)).ToDictionary(b => b.Key, b => new OnTimeCounts
                {
                    Bucket = b.Key, Completed = b.Value.Sum(r => r.Completed), OnTime = b.Value.Sum(r => r.OnTime),
                    UsedDays = b.Value.Sum(r => r.UsedDays), PromisedDays = b.Value.Sum(r => r.PromisedDays),
                });
            var byItem = Sum(cells, c => c.ItemCode, c => c.ItemName);
            var byClerk = Sum(cells, c => c.ResponsibleId, c => c.ResponsibleName);

            return buckets.Select((bucket, n) =>
            {
                var rows = Enum.GetValues<PermitKind>().Select(kind =>
                {
                    var counts = intake.GetValueOrDefault((n, Wire.Name(kind))) ?? new IntakeCounts();
                    return new IntakeRow(Wire.Name(kind), PermitWire.Describe(kind), (int)counts.Received,
                        (int)(counts.Accepted + deemed.GetValueOrDefault((n, Wire.Name(kind)))), (int)counts.NotAccepted);
                }).ToList();
                var accepted = ReportOrder.Select(k => (Kind: k, Count: rows.Single(i => i.Kind == Wire.Name(k)).Accepted)).Where(x => x.Count > 0).ToList();
                var total = accepted.Sum(x => x.Count);
                IReadOnlyList<OnTimeRow> Groups(IEnumerable<OnTimeCounts> groups) => groups.Where(g => g.Bucket == n)
                    .OrderBy(g => g.GroupKey, StringComparer.Ordinal).Select(g => Row(g.GroupKey ?? "", g.GroupName ?? "", g)).ToList();
                return new Result
                {
                    From = bucket.From,
                    To = bucket.To,
                    Intake = rows,
                    AcceptedTotal = total,
                    IntakeSentence = Text.Pick(
                        $"办证大厅受理{(accepted.Count == 0 ? "" : string.Join("、", accepted.Select(x => x.Kind.Chinese())))}申请{total}件",
                        $"The service hall accepted {total} applications ({string.Join(", ", accepted.Select(x => $"{Wire.Name(x.Kind)} {x.Count}"))})"),
                    OnTime = Row("all", Text.Pick("全部", "All"), onTime.GetValueOrDefault(n)),
                    ByItem = Groups(byItem),
                    ByClerk = Groups(byClerk),
                };
            }).ToList();
        }

        private static OnTimeRow Row(string key, string name, OnTimeCounts? counts)
        {
            var f = counts is null
                ? PermitOnTime.FromTotals(0, 0, 0, 0)
                : PermitOnTime.FromTotals((int)counts.Completed, (int)counts.OnTime, counts.UsedDays ?? 0, counts.PromisedDays ?? 0);
            return new OnTimeRow(key, name, f.Completed, f.OnTime, f.OnTimeRate, f.AverageUsedDays, f.AveragePromisedDays);
        }
    }
}
