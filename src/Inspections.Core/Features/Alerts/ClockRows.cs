using System.Text.Json;
using Inspections.Core.Data;
using Inspections.Core.Features.Calendar;
using Inspections.Domain.Access;
using Inspections.Domain.Calendar;

namespace Inspections.Core.Features.Alerts;

/// <summary>
/// The open clocks as rows (deadline_clocks), the one place that writes them. After every command the
/// transaction behaviour hands it the command's audit subject; the sources whose clocks that kind of
/// entity changes (<see cref="IDeadlineSource.ChangedBy"/>) compute the subject's clocks again with the
/// features' own clock code (CaseClocks, PermitClocks, the notice sources), and the subject's rows are
/// replaced in the command's transaction. A feature cannot forget: naming the audit subject is
/// already required of every command. The deadline scan then reads only the rows whose next alert falls
/// due (<see cref="ScanDeadlines"/>).
/// </summary>
public sealed class ClockRows(IEnumerable<IDeadlineSource> sources, CalendarStore calendars, ClockOptions options, TimeProvider clock)
{
    private readonly IDeadlineSource[] _sources = sources.ToArray();

    /// <summary>Subjects per statement when many are computed again (a calendar year, a changed threshold, the first build).</summary>
    public const int Batch = 500;

    public IReadOnlyList<IDeadlineSource> Sources => _sources;

    /// <summary>The ids as the JSON array <see cref="SqlDialect.IdIn"/> reads.</summary>
    public static string IdList(IEnumerable<Guid> ids) => JsonSerializer.Serialize(ids.Select(i => i.ToString("D")));

    internal const string Columns = """
        id, subject_type, subject_id, clock, jurisdiction, title, responsible_user_id, parent_id, suspended,
        due_on, due_soon_on, overdue_on, alert_on, span_from, span_to, due_soon_days, facts, computed_at, responsible_name
        """;

    // The deleted clocks' keys come back, for the counts by due date (ClockDueDays) to move with them.
    private static readonly Sql Delete = new(d => d.Provider == DbProvider.SqlServer
        ? $"""
            DELETE FROM deadline_clocks OUTPUT DELETED.jurisdiction, DELETED.subject_type, DELETED.clock, DELETED.due_on, DELETED.due_soon_on
            WHERE clock = @Clock AND {d.IdIn("subject_id", "@Ids")}
            """
        : $"""
            DELETE FROM deadline_clocks WHERE clock = @Clock AND {d.IdIn("subject_id", "@Ids")}
            RETURNING jurisdiction, subject_type, clock, due_on, due_soon_on
            """);
    private static readonly Sql Insert = new($"""
        INSERT INTO deadline_clocks ({Columns})
        VALUES (@Id, @SubjectType, @SubjectId, @Clock, @Jurisdiction, @Title, @ResponsibleUserId, @ParentId, @Suspended,
                @DueOn, @DueSoonOn, @OverdueOn, @AlertOn, @SpanFrom, @SpanTo, @DueSoonDays, @Facts, @ComputedAt, @ResponsibleName)
        """);
    // Whether any clock is stored at all: one row's read, not a count of millions.
    private static readonly Sql AnyRows = new("SELECT CASE WHEN EXISTS (SELECT 1 FROM deadline_clocks) THEN 1 ELSE 0 END");
    private static readonly Sql ClocksOfYear = new("""
        SELECT DISTINCT clock, subject_id FROM deadline_clocks WHERE span_to >= @First AND span_from <= @Last
        """);
    private static readonly Sql StaleThresholds = new("""
        SELECT DISTINCT clock, subject_id FROM deadline_clocks WHERE clock = @Clock AND due_soon_days <> @Days
        """);

    /// <summary>One stored clock, as the table holds it.</summary>
    public sealed record Row
    {
        public Guid Id { get; init; }
        public string SubjectType { get; init; } = "";
        public Guid SubjectId { get; init; }
        public string Clock { get; init; } = "";
        public string Jurisdiction { get; init; } = "";
        public string Title { get; init; } = "";
        public string? ResponsibleUserId { get; init; }
        public Guid? ParentId { get; init; }
        public bool Suspended { get; init; }
        public DateOnly? DueOn { get; init; }
        public DateOnly? DueSoonOn { get; init; }
        public DateOnly? OverdueOn { get; init; }
        public DateOnly? AlertOn { get; init; }
        public DateOnly? SpanFrom { get; init; }
        public DateOnly? SpanTo { get; init; }
        public int DueSoonDays { get; init; }
        public string Facts { get; init; } = "";
        public DateTimeOffset ComputedAt { get; init; }
        /// <summary>Who answers for it, as the subject's row names them; null where it kept only a login.</summary>
        public string? ResponsibleName { get; init; }
    }

    private sealed record Key
    {
        public string Clock { get; init; } = "";
        public Guid SubjectId { get; init; }
    }

    /// <summary>
    /// Stores the clocks of <paramref name="entityType"/> <paramref name="entityId"/> again, if that kind of
    /// entity bears clocks; called by the transaction behaviour after every command, inside its transaction.
    /// </summary>
    public async Task RefreshAsync(DbSession db, string entityType, string entityId, CancellationToken ct)
    {
        if (!Guid.TryParse(entityId, out var id)) return;
        foreach (var source in _sources)
            if (source.ChangedBy.Contains(entityType))
                await RefreshAsync(db, source, [id], ct);
    }

    /// <summary>Computes the clocks of <paramref name="ids"/> with <paramref name="source"/> and replaces their rows; returns the rows written.</summary>
    public async Task<int> RefreshAsync(DbSession db, IDeadlineSource source, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var open = await source.OpenClocksOfAsync(db, ids, ct);
        var subjects = ids.Concat(open.Select(o => o.SubjectId)).Distinct().ToList();
        return await ReplaceAsync(db, source, subjects, open, ct);
    }

    /// <summary>Deletes the clocks of <paramref name="subjects"/> and writes those of <paramref name="open"/>, the counts by due date moved with them.</summary>
    private async Task<int> ReplaceAsync(DbSession db, IDeadlineSource source, IEnumerable<Guid> subjects, IReadOnlyCollection<OpenClock> open, CancellationToken ct)
    {
        var deleted = await db.QueryAsync<ClockDueDays.Key>(Delete, new { Clock = source.ClockType, Ids = IdList(subjects) }, ct);
        var written = new List<Row>();
        if (open.Count > 0)
        {
            var evaluator = await calendars.EvaluatorAsync(db, ct);
            var now = clock.GetUtcNow();
            var threshold = options.DueSoonFor(source.ClockType);
            foreach (var o in open)
            {
                if (Compute(evaluator, o, source, threshold, now) is not { } row) continue;
                await db.ExecuteAsync(Insert, row, ct);
                written.Add(row);
            }
        }
        await ClockDueDays.MoveAsync(db, deleted, written, ct);
        return written.Count;
    }

    /// <summary>
    /// The row of one open clock as of <paramref name="now"/>, or null when it is complete. While an open suspension
    /// holds the clock its dates move every day, so it has none (and raises nothing) until the suspension ends,
    /// which is a command that stores it again. A suspension that began after the due date rescues nothing: the
    /// clock stays overdue and keeps its dates.
    /// </summary>
    public static Row? Compute(ClockEvaluator evaluator, OpenClock open, IDeadlineSource source, int threshold, DateTimeOffset now)
    {
        var e = evaluator.Evaluate(open.Clock, now, threshold);
        if (e.IsCompleted) return null;
        var row = new Row
        {
            Id = Guid.CreateVersion7(now),
            SubjectType = open.SubjectType,
            SubjectId = open.SubjectId,
            Clock = source.ClockType,
            Jurisdiction = open.Jurisdiction,
            Title = open.Title.Length > 200 ? open.Title[..200] : open.Title,
            ResponsibleUserId = open.ResponsibleUserId,
            ResponsibleName = open.ResponsibleName is { Length: > 100 } name ? name[..100] : open.ResponsibleName,
            ParentId = open.ParentId,
            DueSoonDays = threshold,
            Facts = ClockFacts.Write(open),
            ComputedAt = now,
        };
        if (e.Status == ClockStatus.Suspended) return row with { Suspended = true };
        var due = e.DueDate;
        var dueSoon = FirstDueSoonDay(evaluator, open.Clock, due, threshold);
        return row with
        {
            DueOn = due,
            DueSoonOn = dueSoon,
            OverdueOn = due.AddDays(1),
            AlertOn = source.RaisesAlerts ? dueSoon ?? due.AddDays(1) : null,
            // The days whose calendar the dates lean on: every counted day for a working-day clock, the
            // roll-forward off a rest day for a natural-day one.
            SpanFrom = e.Kind == ClockKind.WorkingDays ? open.Clock.StartDate.AddDays(1) : e.UnadjustedDueDate,
            SpanTo = due,
        };
    }

    /// <summary>
    /// The first local day on which the clock reads due soon: from the due date back, day by day, while the
    /// evaluator says so (a few days: the threshold in counted days and the rest days between them).
    /// </summary>
    private static DateOnly? FirstDueSoonDay(ClockEvaluator evaluator, DeadlineClock clock, DateOnly due, int threshold)
    {
        if (evaluator.Evaluate(clock, Noon(evaluator, due), threshold).Status != ClockStatus.DueSoon) return null;
        var first = due;
        while (first > clock.StartDate.AddDays(1)
               && evaluator.Evaluate(clock, Noon(evaluator, first.AddDays(-1)), threshold).Status == ClockStatus.DueSoon)
            first = first.AddDays(-1);
        return first;
    }

    private static DateTimeOffset Noon(ClockEvaluator evaluator, DateOnly day)
    {
        var local = day.ToDateTime(new TimeOnly(12, 0));
        return new DateTimeOffset(local, evaluator.TimeZone.GetUtcOffset(local));
    }

    /// <summary>The start step that records the due-soon threshold a clock's stored rows were computed with.</summary>
    public static string ThresholdStep(string clockType) => "clocks.dueSoonDays." + clockType;

    /// <summary>
    /// Stores every source's open clocks when the table is empty (the first start after the upgrade, or a new
    /// database), and computes again the clocks stored with a due-soon threshold the configuration no longer has:
    /// looked for only when the threshold the last start recorded (<see cref="StartSteps"/>) is not the configured
    /// one, since the search reads every stored clock of the kind. Each source's work is written in batches, each in
    /// its own transaction. Returns the rows written.
    /// </summary>
    public async Task<int> BuildAsync(DbConnectionFactory factory, CancellationToken ct)
    {
        var written = 0;
        await using (var probe = new DbSession(factory))
        {
            if (await probe.ExecuteScalarAsync<long>(AnyRows, null, ct) == 0)
            {
                foreach (var source in _sources)
                {
                    var open = await source.OpenClocksAsync(probe, Jurisdiction.Everywhere, ct);
                    foreach (var chunk in open.Chunk(Batch))
                    {
                        var db = new DbSession(factory);
                        await using (db)
                        {
                            await db.BeginAsync(ct);
                            written += await ReplaceAsync(db, source, chunk.Select(c => c.SubjectId), chunk, ct);
                            await db.CommitAsync(ct);
                        }
                    }
                }
                await RecordThresholdsAsync(factory, ct);
                return written;
            }
        }
        foreach (var source in _sources)
        {
            var days = options.DueSoonFor(source.ClockType);
            if (await StartSteps.OutcomeAsync(factory, ThresholdStep(source.ClockType), ct) == Threshold(days)) continue;
            var stale = await QueryKeysAsync(factory, StaleThresholds, new { Clock = source.ClockType, Days = days }, ct);
            written += await RecomputeAsync(factory, stale, ct);
        }
        await RecordThresholdsAsync(factory, ct);
        return written;
    }

    private static string Threshold(int days) => days.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task RecordThresholdsAsync(DbConnectionFactory factory, CancellationToken ct)
    {
        foreach (var type in _sources.Select(s => s.ClockType).Distinct(StringComparer.Ordinal))
            await StartSteps.RecordAsync(factory, ThresholdStep(type), Threshold(options.DueSoonFor(type)), ct);
    }

    /// <summary>
    /// Computes again the clocks whose dates lean on the working calendar of <paramref name="year"/>, after an admin
    /// replaced it, in the replacing command's transaction (the calendar and the clocks never disagree); returns how
    /// many clocks that was. An index range on span_to finds them; clocks wholly before or after the year are not read.
    /// </summary>
    public async Task<int> RecomputeYearAsync(DbSession db, int year, CancellationToken ct)
    {
        var keys = await db.QueryAsync<Key>(ClocksOfYear, new { First = new DateOnly(year, 1, 1), Last = new DateOnly(year, 12, 31) }, ct);
        foreach (var group in keys.GroupBy(k => k.Clock))
            foreach (var chunk in group.Select(k => k.SubjectId).Chunk(Batch))
                foreach (var source in _sources.Where(s => s.ClockType == group.Key))
                    await RefreshAsync(db, source, chunk, ct);
        return keys.Count;
    }

    private static async Task<IReadOnlyList<Key>> QueryKeysAsync(DbConnectionFactory factory, Sql sql, object parameters, CancellationToken ct)
    {
        var db = new DbSession(factory);
        await using (db) return await db.QueryAsync<Key>(sql, parameters, ct);
    }

    private async Task<int> RecomputeAsync(DbConnectionFactory factory, IReadOnlyList<Key> keys, CancellationToken ct)
    {
        var written = 0;
        foreach (var group in keys.GroupBy(k => k.Clock))
        {
            // Sources of the same clock type (the two notice sources) each find their own subjects among the ids.
            var owners = _sources.Where(s => s.ClockType == group.Key).ToList();
            foreach (var chunk in group.Select(k => k.SubjectId).Chunk(Batch))
            {
                var db = new DbSession(factory);
                await using (db)
                {
                    await db.BeginAsync(ct);
                    foreach (var source in owners) written += await RefreshAsync(db, source, chunk, ct);
                    await db.CommitAsync(ct);
                }
            }
        }
        return written;
    }

    private static readonly Sql All = new($"SELECT {Columns} FROM deadline_clocks");

    /// <summary>
    /// What the table holds beside what the sources compute now, as comparable lines (the rows' own id, alert
    /// progress and computation time left out); the lines that differ. For tests and operators: empty when every
    /// command stored its clocks.
    /// </summary>
    public async Task<IReadOnlyList<string>> DifferencesAsync(DbSession db, CancellationToken ct)
    {
        var evaluator = await calendars.EvaluatorAsync(db, ct);
        var now = clock.GetUtcNow();
        var fresh = new List<string>();
        foreach (var source in _sources)
            foreach (var open in await source.OpenClocksAsync(db, Jurisdiction.Everywhere, ct))
                if (Compute(evaluator, open, source, options.DueSoonFor(source.ClockType), now) is { } row)
                    fresh.Add(Line(row));
        var stored = (await db.QueryAsync<Row>(All, null, ct)).Select(Line).ToList();
        return stored.Except(fresh).Select(l => "stored:   " + l)
            .Concat(fresh.Except(stored).Select(l => "computed: " + l)).ToList();
    }

    private static string Line(Row r) => string.Join(" | ", r.SubjectType, r.SubjectId, r.Clock, r.Jurisdiction, r.Title,
        r.ResponsibleUserId, r.ResponsibleName, r.ParentId, r.Suspended, r.DueOn, r.DueSoonOn, r.OverdueOn, r.SpanFrom, r.SpanTo, r.DueSoonDays, r.Facts);
}

/// <summary>
/// What an alert's explanation needs of a clock, kept in its row as JSON, so the scan explains the alerts it
/// raises without reading the features' tables: kind, start, limit, suspensions, extensions, wording.
/// </summary>
public sealed record ClockFacts
{
    public string Subject { get; init; } = "";
    public string Kind { get; init; } = "";
    public DateOnly Start { get; init; }
    public int Limit { get; init; }
    public IReadOnlyList<Suspension> Suspensions { get; init; } = [];
    public IReadOnlyList<Extension> Extensions { get; init; } = [];
    public IReadOnlyList<string> Wording { get; init; } = [];

    public sealed record Suspension(DateOnly Start, DateOnly? End, string Reason);

    public sealed record Extension(int Days, string Approver, string Reason);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(OpenClock open) => JsonSerializer.Serialize(new ClockFacts
    {
        Subject = open.Clock.Subject.Type,
        Kind = open.Clock.Kind == ClockKind.WorkingDays ? "working" : "natural",
        Start = open.Clock.StartDate,
        Limit = open.Clock.LimitDays,
        Suspensions = open.Clock.Suspensions.Select(s => new Suspension(s.Start, s.End, s.Reason)).ToList(),
        Extensions = open.Clock.Extensions.Select(x => new Extension(x.Days, x.Approver, x.Reason)).ToList(),
        Wording = [open.Wording.StartVerb, open.Wording.LimitName, open.Wording.CompletionVerb],
    }, Json);

    public static (DeadlineClock Clock, ClockWording Wording) Read(string json, Guid subjectId)
    {
        var f = JsonSerializer.Deserialize<ClockFacts>(json, Json) ?? throw new InvalidDataException("Empty clock facts.");
        var clock = new DeadlineClock(new ClockSubject(f.Subject, subjectId.ToString("D")),
            f.Kind == "working" ? ClockKind.WorkingDays : ClockKind.NaturalDays, f.Start, f.Limit,
            f.Suspensions.Select(s => new ClockSuspension(s.Start, s.End, s.Reason)),
            f.Extensions.Select(x => new ClockExtension(x.Days, x.Approver, x.Reason)));
        return (clock, new ClockWording(f.Wording[0], f.Wording[1], f.Wording[2]));
    }
}
