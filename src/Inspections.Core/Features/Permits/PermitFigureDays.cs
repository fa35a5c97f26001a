using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Alerts;
using Inspections.Domain.Permits;

namespace Inspections.Core.Features.Permits;

/// <summary>
/// The window's day rows 许可日汇总 (permit_figure_days, migration 0036): for each jurisdiction, local date and kind, the
/// applications received that day (and of them those now not accepted), accepted that day, and completed that day (on
/// time, working days used, days promised). <see cref="PermitFigures"/> adds them up for the intake and on-time figures.
/// Every write of an application's counted columns goes through <see cref="TrackAsync"/>, which moves the rows by what
/// the write changed, in its transaction.
/// </summary>
public static class PermitFigureDays
{
    private static readonly string NotAccepted = Wire.Name(PermitStage.NotAccepted);

    /// <summary>What the day rows count of one application.</summary>
    internal sealed record Facts
    {
        public string Jurisdiction { get; init; } = "";
        public string Kind { get; init; } = "";
        public string Stage { get; init; } = "";
        public DateOnly ReceivedOn { get; init; }
        public DateOnly? AcceptedOn { get; init; }
        public DateOnly? CompletedOn { get; init; }
        public bool? CompletedOnTime { get; init; }
        public long? UsedDays { get; init; }
        public long PromisedLimitDays { get; init; }
    }

    private sealed record Row
    {
        public string Jurisdiction { get; init; } = "";
        public DateOnly Day { get; init; }
        public string Kind { get; init; } = "";
        public long Received { get; init; }
        public long NotAccepted { get; init; }
        public long Accepted { get; init; }
        public long Completed { get; init; }
        public long OnTime { get; init; }
        public long UsedDays { get; init; }
        public long PromisedDays { get; init; }
    }

    private const string Columns = "jurisdiction, day, kind, received, not_accepted, accepted, completed, on_time, used_days, promised_days";

    private static readonly Sql FactsOf = new(d => $"""
        SELECT jurisdiction, kind, stage, received_on, accepted_on, completed_on, completed_on_time, used_days, promised_limit_days
        FROM permit_applications WHERE {d.IdIn("id", "@Ids")}
        """);

    private static readonly Sql Ensure = new(d => d.InsertIfAbsent("permit_figure_days", Columns,
        "@Jurisdiction, @Day, @Kind, 0, 0, 0, 0, 0, 0, 0", "jurisdiction", "day", "kind"));

    private static readonly Sql Add = new("""
        UPDATE permit_figure_days SET received = received + @Received, not_accepted = not_accepted + @NotAccepted,
            accepted = accepted + @Accepted, completed = completed + @Completed, on_time = on_time + @OnTime,
            used_days = used_days + @UsedDays, promised_days = promised_days + @PromisedDays
        WHERE jurisdiction = @Jurisdiction AND day = @Day AND kind = @Kind
        """);

    private const string FreshText = """
        SELECT jurisdiction, day, kind, SUM(received) AS received, SUM(not_accepted) AS not_accepted, SUM(accepted) AS accepted,
               SUM(completed) AS completed, SUM(on_time) AS on_time, SUM(used_days) AS used_days, SUM(promised_days) AS promised_days
        FROM (
            SELECT jurisdiction, received_on AS day, kind, 1 AS received, CASE WHEN stage = @NotAcceptedStage THEN 1 ELSE 0 END AS not_accepted,
                   0 AS accepted, 0 AS completed, 0 AS on_time, 0 AS used_days, 0 AS promised_days
            FROM permit_applications
            UNION ALL
            SELECT jurisdiction, accepted_on, kind, 0, 0, 1, 0, 0, 0, 0 FROM permit_applications WHERE accepted_on IS NOT NULL
            UNION ALL
            SELECT jurisdiction, completed_on, kind, 0, 0, 0, 1, CASE WHEN completed_on_time = @Yes THEN 1 ELSE 0 END, COALESCE(used_days, 0), promised_limit_days
            FROM permit_applications WHERE completed_on IS NOT NULL
        ) x
        GROUP BY jurisdiction, day, kind
        """;

    private static readonly Sql Fresh = new(FreshText);
    private static readonly Sql Stored = new($"""
        SELECT {Columns} FROM permit_figure_days
        WHERE received <> 0 OR not_accepted <> 0 OR accepted <> 0 OR completed <> 0 OR on_time <> 0 OR used_days <> 0 OR promised_days <> 0
        """);
    private static readonly Sql Clear = new("DELETE FROM permit_figure_days");
    private static readonly Sql Refill = new($"INSERT INTO permit_figure_days ({Columns}) {FreshText}");

    /// <summary>
    /// Runs <paramref name="write"/>, which changes applications <paramref name="ids"/> (or inserts them), and moves the day
    /// rows from what they counted before to what they count after.
    /// </summary>
    internal static async Task TrackAsync(DbSession db, IReadOnlyCollection<Guid> ids, Func<Task> write, CancellationToken ct)
    {
        var p = new { Ids = ClockRows.IdList(ids) };
        var before = await db.QueryAsync<Facts>(FactsOf, p, ct);
        await write();
        var after = await db.QueryAsync<Facts>(FactsOf, p, ct);

        var changes = new SortedDictionary<string, (Row Key, long[] N)>(StringComparer.Ordinal);
        long[] At(Facts f, DateOnly day)
        {
            var text = $"{f.Jurisdiction}|{day:yyyy-MM-dd}|{f.Kind}";
            if (!changes.TryGetValue(text, out var c)) changes[text] = c = (new Row { Jurisdiction = f.Jurisdiction, Day = day, Kind = f.Kind }, new long[7]);
            return c.N;
        }
        void Count(Facts f, int sign)
        {
            var received = At(f, f.ReceivedOn);
            received[0] += sign;
            if (f.Stage == NotAccepted) received[1] += sign;
            if (f.AcceptedOn is { } accepted) At(f, accepted)[2] += sign;
            if (f.CompletedOn is not { } completed) return;
            var done = At(f, completed);
            done[3] += sign;
            if (f.CompletedOnTime == true) done[4] += sign;
            done[5] += sign * (f.UsedDays ?? 0);
            done[6] += sign * f.PromisedLimitDays;
        }
        foreach (var f in before) Count(f, -1);
        foreach (var f in after) Count(f, +1);
        foreach (var (key, n) in changes.Values)
        {
            if (n.All(x => x == 0)) continue;
            await db.ExecuteAsync(Ensure, key, ct);
            await db.ExecuteAsync(Add, key with
            {
                Received = n[0], NotAccepted = n[1], Accepted = n[2], Completed = n[3], OnTime = n[4], UsedDays = n[5], PromisedDays = n[6],
            }, ct);
        }
    }

    /// <summary>Counts the day rows afresh from the applications, as migration 0036 did (after a bulk load that bypassed the steps).</summary>
    public static async Task<int> RebuildAsync(DbSession db, CancellationToken ct)
    {
        await db.ExecuteAsync(Clear, new { }, ct);
        return await db.ExecuteAsync(Refill, new { NotAcceptedStage = NotAccepted, Yes = true }, ct);
    }

    /// <summary>The day rows that differ from the applications as they now stand (none when kept in step).</summary>
    public static async Task<IReadOnlyList<string>> DifferencesAsync(DbSession db, CancellationToken ct)
    {
        static string Text(Row r) => $"{r.Jurisdiction} {r.Day:yyyy-MM-dd} {r.Kind}: received {r.Received}, not accepted {r.NotAccepted}, accepted {r.Accepted}, "
            + $"completed {r.Completed}, on time {r.OnTime}, used {r.UsedDays}, promised {r.PromisedDays}";
        var stored = (await db.QueryAsync<Row>(Stored, new { }, ct)).Select(Text).ToHashSet(StringComparer.Ordinal);
        var fresh = (await db.QueryAsync<Row>(Fresh, new { NotAcceptedStage = NotAccepted, Yes = true }, ct)).Select(Text).ToHashSet(StringComparer.Ordinal);
        return [.. stored.Except(fresh).Select(t => "stored " + t), .. fresh.Except(stored).Select(t => "fresh " + t)];
    }
}
