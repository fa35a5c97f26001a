using System.Text.Json;
using System.Text.Json.Serialization;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Inspections.Domain.Calendar;

namespace Inspections.Core.Features.Alerts;

/// <summary>
/// Who is told of an alert 预警接收人, written in the deadline scan's transactions:
/// <list type="bullet">
/// <item>due soon and overdue: the person responsible (the clock's: a case's officer, a permit's first-inquiry clerk
/// 首问责任人, a notice's officer) and, for a permit application, its current holder 当前经办人;</item>
/// <item>overdue: also the supervisors of the jurisdiction (of the town and of its district, for a town's item);</item>
/// <item>overdue by more than <see cref="AlertOptions.EscalateAfterWorkingDays"/> working days, while the clock still
/// runs: once more, to the leadership 上级领导 — the supervisors of the jurisdiction above the district (the city).</item>
/// </list>
/// Rows are keyed by alert and user and inserted unless present, so scanners running at once never duplicate them.
/// </summary>
public static class AlertRecipients
{
    public const string Responsible = "responsible";
    public const string Holder = "holder";
    public const string Supervisor = "supervisor";
    public const string Leadership = "leadership";

    /// <summary>An alert and a user told of it, with why.</summary>
    public sealed record Told(Guid AlertId, string UserId, string Reason);

    private sealed record NewAlert
    {
        public Guid Id { get; init; }
        public string SubjectType { get; init; } = "";
        public Guid SubjectId { get; init; }
        public string Jurisdiction { get; init; } = "";
        public string Kind { get; init; } = "";
        public DateOnly DueDate { get; init; }
        public string? ResponsibleUserId { get; init; }
    }

    private sealed record Person
    {
        public string Id { get; init; } = "";
        public string Jurisdiction { get; init; } = "";
    }

    private sealed record HolderRow
    {
        public Guid Id { get; init; }
        public string HolderId { get; init; } = "";
    }

    private static readonly Sql Existing = new(d => $"""
        SELECT id, subject_type, subject_id, jurisdiction, kind, due_date, responsible_user_id FROM alerts WHERE {d.IdIn("id", "@Ids")}
        """);

    private static readonly Sql Holders = new(d => $"SELECT id, holder_id FROM permit_applications WHERE {d.IdIn("id", "@Ids")}");

    /// <summary>"column is one of the texts in the JSON array parameter", on all three databases.</summary>
    public static string TextIn(SqlDialect d, string column, string parameter) => d.Provider switch
    {
        DbProvider.Sqlite => $"{column} IN (SELECT value FROM json_each({parameter}))",
        DbProvider.Postgres => $"{column} IN (SELECT jsonb_array_elements_text(CAST({parameter} AS jsonb)))",
        _ => $"{column} IN (SELECT value FROM OPENJSON({parameter}))",
    };

    private static readonly Sql Supervisors = new(d => $"""
        SELECT u.id, u.jurisdiction FROM users u JOIN user_roles r ON r.user_id = u.id
        WHERE r.role = '{Roles.Supervisor}' AND u.active = @Yes AND {TextIn(d, "u.jurisdiction", "@Codes")}
        """);

    private static readonly Sql Unescalated = new(d => $"""
        SELECT a.id, a.subject_type, a.subject_id, a.jurisdiction, a.kind, a.due_date, a.responsible_user_id
        FROM alerts a
        WHERE a.kind = 'overdue' AND a.escalated_at IS NULL AND a.due_date < @Before
          AND EXISTS (SELECT 1 FROM deadline_clocks c
                      WHERE c.subject_type = a.subject_type AND c.subject_id = a.subject_id AND c.due_on = a.due_date)
        """);

    private static readonly Sql MarkEscalated = new(d => $"UPDATE alerts SET escalated_at = @Now WHERE {d.IdIn("id", "@Ids")} AND escalated_at IS NULL");

    private const string Columns = "alert_id, user_id, reason, added_at, read_at";

    private static readonly Sql Insert = new(d => d.Provider switch
    {
        DbProvider.Sqlite => $"""
            INSERT INTO alert_recipients ({Columns})
            SELECT json_extract(value, '$.a'), json_extract(value, '$.u'), json_extract(value, '$.r'), @Now, NULL
            FROM json_each(@Rows) WHERE 1 = 1
            ON CONFLICT (alert_id, user_id) DO NOTHING
            """,
        DbProvider.Postgres => $"""
            INSERT INTO alert_recipients ({Columns})
            SELECT r.a, r.u, r.r, @Now, NULL FROM jsonb_to_recordset(CAST(@Rows AS jsonb)) AS r(a uuid, u text, r text)
            ON CONFLICT (alert_id, user_id) DO NOTHING
            """,
        _ => $"""
            INSERT INTO alert_recipients ({Columns})
            SELECT r.a, r.u, r.r, @Now, NULL
            FROM OPENJSON(@Rows) WITH (a uniqueidentifier '$.a', u nvarchar(100) '$.u', r varchar(16) '$.r') r
            WHERE NOT EXISTS (SELECT 1 FROM alert_recipients x WITH (UPDLOCK, HOLDLOCK) WHERE x.alert_id = r.a AND x.user_id = r.u)
            """,
    });

    private sealed record Row([property: JsonPropertyName("a")] Guid A, [property: JsonPropertyName("u")] string U, [property: JsonPropertyName("r")] string R);

    /// <summary>The district of a code (a town's parent; a district itself).</summary>
    internal static string DistrictOf(string code) => Jurisdiction.Level(code) == JurisdictionLevel.Town ? Jurisdiction.Parent(code)! : code;

    /// <summary>
    /// Tells the people of the alerts <paramref name="ids"/> that exist (those of a batch this scanner inserted;
    /// ids another scanner won with are not in the table) and returns the rows (inserted now or before).
    /// </summary>
    public static async Task<IReadOnlyList<Told>> TellAsync(DbSession db, IReadOnlyCollection<Guid> ids, DateTimeOffset now, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        var alerts = await db.QueryAsync<NewAlert>(Existing, new { Ids = ClockRows.IdList(ids) }, ct);
        if (alerts.Count == 0) return [];
        var told = new List<Told>();
        foreach (var a in alerts)
            if (a.ResponsibleUserId is { Length: > 0 } r) told.Add(new Told(a.Id, r, Responsible));
        var permits = alerts.Where(a => a.SubjectType == "permit").ToList();
        if (permits.Count > 0)
        {
            var holders = (await db.QueryAsync<HolderRow>(Holders, new { Ids = ClockRows.IdList(permits.Select(p => p.SubjectId)) }, ct))
                .ToDictionary(h => h.Id, h => h.HolderId);
            foreach (var p in permits)
                if (holders.TryGetValue(p.SubjectId, out var holder) && holder is { Length: > 0 }) told.Add(new Told(p.Id, holder, Holder));
        }
        var overdue = alerts.Where(a => a.Kind == "overdue").ToList();
        if (overdue.Count > 0)
        {
            var codes = overdue.SelectMany(a => new[] { a.Jurisdiction, DistrictOf(a.Jurisdiction) }).Distinct().ToArray();
            var supervisors = await db.QueryAsync<Person>(Supervisors, new { Yes = true, Codes = JsonSerializer.Serialize(codes) }, ct);
            foreach (var a in overdue)
                foreach (var s in supervisors.Where(s => s.Jurisdiction == a.Jurisdiction || s.Jurisdiction == DistrictOf(a.Jurisdiction)))
                    told.Add(new Told(a.Id, s.Id, Supervisor));
        }
        return await InsertAsync(db, told, now, ct);
    }

    /// <summary>
    /// Escalates, once, each overdue alert whose clock still runs with the same due date and which is overdue by more
    /// than <paramref name="afterWorkingDays"/> working days: its leadership is told. Returns how many this call marked, and the alerts escalated.
    /// </summary>
    public static async Task<(int Escalated, IReadOnlyList<Guid> Alerts)> EscalateAsync(DbSession db, ClockEvaluator evaluator, DateOnly today,
        DateTimeOffset now, int afterWorkingDays, CancellationToken ct)
    {
        // Working days are never more than calendar days: the calendar narrows the candidates first.
        var candidates = await db.QueryAsync<NewAlert>(Unescalated, new { Before = today.AddDays(-afterWorkingDays) }, ct);
        var due = candidates.Where(a => evaluator.Calendar.WorkingDaysBetween(a.DueDate, today).Value > afterWorkingDays).ToList();
        if (due.Count == 0) return (0, []);
        var above = due.Select(a => Jurisdiction.Parent(DistrictOf(a.Jurisdiction))).OfType<string>().Distinct().ToArray();
        var leaders = above.Length == 0 ? [] : await db.QueryAsync<Person>(Supervisors, new { Yes = true, Codes = JsonSerializer.Serialize(above) }, ct);
        var told = due.SelectMany(a => leaders.Where(l => l.Jurisdiction == Jurisdiction.Parent(DistrictOf(a.Jurisdiction)))
            .Select(l => new Told(a.Id, l.Id, Leadership))).ToList();
        await InsertAsync(db, told, now, ct);
        var escalated = await db.ExecuteAsync(MarkEscalated, new { Ids = ClockRows.IdList(due.Select(a => a.Id)), Now = now }, ct);
        return (escalated, due.Select(a => a.Id).ToList());
    }

    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static async Task<IReadOnlyList<Told>> InsertAsync(DbSession db, List<Told> told, DateTimeOffset now, CancellationToken ct)
    {
        // One row per alert and user: the first reason wins (responsible before holder before supervisor).
        var rows = told.DistinctBy(t => (t.AlertId, t.UserId)).ToList();
        if (rows.Count == 0) return [];
        await db.ExecuteAsync(Insert, new { Rows = JsonSerializer.Serialize(rows.Select(t => new Row(t.AlertId, t.UserId, t.Reason)), Json), Now = now }, ct);
        // The messages these rows call for are keyed by alert, wave and channel: a racing scanner's are the same rows.
        return rows;
    }
}
