using System.Text.Json;
using System.Text.Json.Serialization;
using Inspections.Core.Behaviors;
using Inspections.Core.Data;
using Inspections.Core.Features.Calendar;
using Inspections.Domain.Access;
using Inspections.Domain.Calendar;
using Mediator;

namespace Inspections.Core.Features.Alerts;

/// <summary>
/// The deadline scan: raises one due-soon and one overdue alert per subject and due date. It reads only the
/// stored clocks (<see cref="ClockRows"/>) whose next alert has fallen due — an index range on alert_on, empty
/// on most runs — in batches, each in a short transaction of three statements: read the batch, insert its
/// alerts in one statement that skips those already raised, and move each clock's next alert on (to the day
/// after the due date once due soon, to none once overdue). The explanation is built for those clocks only.
/// Several servers may scan at once, and a scan may die between batches: the unique index and the insert that
/// ignores duplicates keep it to one alert per subject, kind and due date. The people told of each alert
/// (<see cref="AlertRecipients"/>) are written with it, and overdue work past the escalation line is escalated once.
/// </summary>
public static class ScanDeadlines
{
    [NotForStations(StationBar.SystemWide)]
    [AllowedRoles(Roles.System, Roles.Admin)]
    public sealed record Command : ICommand<Result>;

    /// <param name="ClocksScanned">Stored clocks read because an alert of theirs fell due (not all open clocks: the others are not read).</param>
    /// <param name="Escalated">Overdue alerts escalated to the leadership by this scan (overdue by more than Alerts:EscalateAfterWorkingDays working days).</param>
    public sealed record Result(int ClocksScanned, int DueSoon, int Overdue, int AlertsRaised, int Escalated);

    /// <summary>Clocks per batch (and per transaction) unless <see cref="ClockOptions.ScanBatch"/> says otherwise.</summary>
    public const int Batch = 5000;

    private static readonly Sql Crossed = new(d => $"""
        SELECT id, subject_type, subject_id, clock, jurisdiction, title, responsible_user_id, due_on, due_soon_on, overdue_on, due_soon_days, facts
        FROM deadline_clocks
        WHERE alert_on <= @Today
        ORDER BY alert_on, id
        {d.Limit("@Take")}
        """);

    private const string AlertColumns = "id, subject_type, subject_id, jurisdiction, kind, due_date, title, message, responsible_user_id, raised_at, version";

    /// <summary>The batch's alerts, passed as one JSON array, inserted unless raised already.</summary>
    internal static readonly Sql InsertAlerts = new(d => d.Provider switch
    {
        DbProvider.Sqlite => $"""
            INSERT INTO alerts ({AlertColumns})
            SELECT json_extract(value, '$.id'), json_extract(value, '$.subject_type'), json_extract(value, '$.subject_id'),
                   json_extract(value, '$.jurisdiction'), json_extract(value, '$.kind'), json_extract(value, '$.due_date'),
                   json_extract(value, '$.title'), json_extract(value, '$.message'), json_extract(value, '$.responsible_user_id'),
                   @RaisedAt, 1
            FROM json_each(@Alerts) WHERE 1 = 1
            ON CONFLICT (subject_type, subject_id, kind, due_date) DO NOTHING
            """,
        DbProvider.Postgres => $"""
            INSERT INTO alerts ({AlertColumns})
            SELECT r.id, r.subject_type, r.subject_id, r.jurisdiction, r.kind, r.due_date, r.title, r.message, r.responsible_user_id, @RaisedAt, 1
            FROM jsonb_to_recordset(CAST(@Alerts AS jsonb)) AS r(id uuid, subject_type text, subject_id uuid, jurisdiction text, kind text,
                 due_date date, title text, message text, responsible_user_id text)
            ON CONFLICT (subject_type, subject_id, kind, due_date) DO NOTHING
            """,
        _ => $"""
            INSERT INTO alerts ({AlertColumns})
            SELECT r.id, r.subject_type, r.subject_id, r.jurisdiction, r.kind, r.due_date, r.title, r.message, r.responsible_user_id, @RaisedAt, 1
            FROM OPENJSON(@Alerts) WITH (id uniqueidentifier '$.id', subject_type varchar(32) '$.subject_type',
                 subject_id uniqueidentifier '$.subject_id', jurisdiction varchar(12) '$.jurisdiction', kind varchar(16) '$.kind',
                 due_date date '$.due_date', title nvarchar(200) '$.title', message nvarchar(1000) '$.message',
                 responsible_user_id nvarchar(100) '$.responsible_user_id') r
            WHERE NOT EXISTS (SELECT 1 FROM alerts a WITH (UPDLOCK, HOLDLOCK)
                              WHERE a.subject_type = r.subject_type AND a.subject_id = r.subject_id AND a.kind = r.kind AND a.due_date = r.due_date)
            """,
    });

    /// <summary>
    /// The next alert of each clock read: overdue the day after the due date, then none. A row computed again since it
    /// was read has a new id and is left alone (its next alert is the new computation's).
    /// </summary>
    private static readonly Sql Advance = new(d => $"""
        UPDATE deadline_clocks SET alert_on = CASE WHEN overdue_on > @Today THEN overdue_on ELSE NULL END
        WHERE {d.IdIn("id", "@Ids")} AND alert_on <= @Today
        """);

    private sealed record Clock
    {
        public Guid Id { get; init; }
        public string SubjectType { get; init; } = "";
        public Guid SubjectId { get; init; }
        public string Jurisdiction { get; init; } = "";
        public string Title { get; init; } = "";
        public string? ResponsibleUserId { get; init; }
        public DateOnly DueOn { get; init; }
        public DateOnly DueSoonOn { get; init; }
        public DateOnly OverdueOn { get; init; }
        public int DueSoonDays { get; init; }
        public string Facts { get; init; } = "";
    }

    private sealed record Raised(
        [property: JsonPropertyName("id")] Guid Id,
        [property: JsonPropertyName("subject_type")] string SubjectType,
        [property: JsonPropertyName("subject_id")] Guid SubjectId,
        [property: JsonPropertyName("jurisdiction")] string Jurisdiction,
        [property: JsonPropertyName("kind")] string Kind,
        [property: JsonPropertyName("due_date")] DateOnly DueDate,
        [property: JsonPropertyName("title")] string Title,
        [property: JsonPropertyName("message")] string Message,
        [property: JsonPropertyName("responsible_user_id")] string? ResponsibleUserId);

    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly Sql RecordScan = new("""
        INSERT INTO deadline_scans (id, started_at, finished_at, clocks_scanned, due_soon, overdue, alerts_raised, duration_ms)
        VALUES (@Id, @StartedAt, @FinishedAt, @ClocksScanned, @DueSoon, @Overdue, @AlertsRaised, @DurationMs)
        """);

    public sealed class Handler(DbSession db, CalendarStore calendars, ClockOptions options, AlertOptions alertOptions, TimeProvider clock)
        : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            var started = clock.GetTimestamp();
            var evaluator = await calendars.EvaluatorAsync(db, ct);
            var today = evaluator.LocalDate(now);
            int scanned = 0, dueSoon = 0, overdue = 0, raised = 0;
            var take = Math.Max(1, options.ScanBatch);
            // The pipeline opened this command's transaction: each batch commits on its own and the next one
            // opens another; the last, empty one carries the scan's audit row.
            while (true)
            {
                var batch = await db.QueryAsync<Clock>(Crossed, new { Today = today, Take = take }, ct);
                if (batch.Count == 0) break;
                scanned += batch.Count;
                var alerts = new List<Raised>(batch.Count);
                foreach (var c in batch)
                {
                    var kind = today > c.DueOn ? "overdue" : "dueSoon";
                    if (kind == "overdue") overdue++; else dueSoon++;
                    var (deadline, wording) = ClockFacts.Read(c.Facts, c.SubjectId);
                    var message = evaluator.Explain(deadline, evaluator.Evaluate(deadline, now, c.DueSoonDays), wording);
                    alerts.Add(new Raised(Guid.CreateVersion7(now), c.SubjectType, c.SubjectId, c.Jurisdiction, kind, c.DueOn,
                        c.Title, message.Length > 1000 ? message[..1000] : message, c.ResponsibleUserId));
                }
                raised += await db.ExecuteAsync(InsertAlerts, new { Alerts = JsonSerializer.Serialize(alerts, Json), RaisedAt = now }, ct);
                // Those told, in the same transaction: the alerts another scanner inserted first are not ours to tell.
                var told = await AlertRecipients.TellAsync(db, alerts.Select(a => a.Id).ToList(), now, ct);
                // …and their messages, in the outbox, in the same transaction.
                await AlertDeliveries.EnqueueAsync(db, alertOptions, told.Select(t => t.AlertId).Distinct().ToList(), AlertDeliveries.Raised, now, ct);
                await db.ExecuteAsync(Advance, new { Today = today, Ids = ClockRows.IdList(batch.Select(c => c.Id)) }, ct);
                await db.CommitAsync(ct);
                await db.BeginAsync(ct);
                if (batch.Count < take) break;
            }
            var (escalated, escalations) = await AlertRecipients.EscalateAsync(db, evaluator, today, now, alertOptions.EscalateAfterWorkingDays, ct);
            await AlertDeliveries.EnqueueAsync(db, alertOptions, escalations, AlertDeliveries.Escalated, now, ct);
            // The figures go with the last transaction: a scan that fails before it leaves no row, so the
            // health check sees the last success only.
            var scanId = Guid.CreateVersion7(now);
            await db.ExecuteAsync(RecordScan, new
            {
                Id = scanId, StartedAt = now, FinishedAt = clock.GetUtcNow(), ClocksScanned = scanned, DueSoon = dueSoon, Overdue = overdue,
                AlertsRaised = raised, DurationMs = (long)clock.GetElapsedTime(started).TotalMilliseconds,
            }, ct);
            db.AuditAbout("deadline-scan", scanId);
            return new Result(scanned, dueSoon, overdue, raised, escalated);
        }
    }
}

/// <summary>The Hangfire job: thin, it sends the scan command as the system user.</summary>
public sealed class DeadlineScanJob(IMediator mediator)
{
    public const string Id = "deadline-scan";

    public async Task RunAsync(CancellationToken ct) => await mediator.Send(new ScanDeadlines.Command(), ct);
}
