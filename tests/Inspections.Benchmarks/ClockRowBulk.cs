using System.Globalization;
using Inspections.Core.Features.Alerts;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Inspections.Benchmarks;

/// <summary>Stored clock rows (deadline_clocks) written in bulk: PostgreSQL binary COPY, SQLite prepared inserts in large transactions.</summary>
internal static class ClockRowBulk
{
    public const string Columns = "id, subject_type, subject_id, clock, jurisdiction, title, responsible_user_id, parent_id, suspended, " +
                                  "due_on, due_soon_on, overdue_on, alert_on, span_from, span_to, due_soon_days, facts, computed_at, responsible_name";

    public static async Task CopyAsync(NpgsqlConnection connection, IEnumerable<ClockRows.Row> rows)
    {
        await using var clocks = await connection.BeginBinaryImportAsync($"COPY deadline_clocks ({Columns}) FROM STDIN (FORMAT BINARY)");
        foreach (var r in rows) await WriteAsync(clocks, r);
        await clocks.CompleteAsync();
    }

    public static async Task WriteAsync(NpgsqlBinaryImporter clocks, ClockRows.Row r)
    {
        await clocks.StartRowAsync();
        await clocks.WriteAsync(r.Id, NpgsqlDbType.Uuid);
        await clocks.WriteAsync(r.SubjectType, NpgsqlDbType.Varchar);
        await clocks.WriteAsync(r.SubjectId, NpgsqlDbType.Uuid);
        await clocks.WriteAsync(r.Clock, NpgsqlDbType.Varchar);
        await clocks.WriteAsync(r.Jurisdiction, NpgsqlDbType.Varchar);
        await clocks.WriteAsync(r.Title, NpgsqlDbType.Varchar);
        await WriteNullable(clocks, r.ResponsibleUserId, NpgsqlDbType.Varchar);
        await WriteNullable(clocks, r.ParentId, NpgsqlDbType.Uuid);
        await clocks.WriteAsync(r.Suspended, NpgsqlDbType.Boolean);
        await WriteNullable(clocks, r.DueOn, NpgsqlDbType.Date);
        await WriteNullable(clocks, r.DueSoonOn, NpgsqlDbType.Date);
        await WriteNullable(clocks, r.OverdueOn, NpgsqlDbType.Date);
        await WriteNullable(clocks, r.AlertOn, NpgsqlDbType.Date);
        await WriteNullable(clocks, r.SpanFrom, NpgsqlDbType.Date);
        await WriteNullable(clocks, r.SpanTo, NpgsqlDbType.Date);
        await clocks.WriteAsync(r.DueSoonDays, NpgsqlDbType.Integer);
        await clocks.WriteAsync(r.Facts, NpgsqlDbType.Text);
        await clocks.WriteAsync(r.ComputedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz);
        await WriteNullable(clocks, r.ResponsibleName, NpgsqlDbType.Varchar);
    }

    public static async Task WriteNullable<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type) where T : struct
    {
        if (value is { } v) await importer.WriteAsync(v, type);
        else await importer.WriteNullAsync();
    }

    public static async Task WriteNullable(NpgsqlBinaryImporter importer, string? value, NpgsqlDbType type)
    {
        if (value is not null) await importer.WriteAsync(value, type);
        else await importer.WriteNullAsync();
    }

    /// <summary>A prepared INSERT of <paramref name="columns"/> into <paramref name="table"/>, its parameters in column order.</summary>
    public static SqliteCommand Insert(SqliteConnection connection, string table, string columns)
    {
        var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO {table} ({columns}) VALUES ({string.Join(", ", columns.Split(", ").Select(c => "$" + c))})";
        foreach (var c in columns.Split(", ")) command.Parameters.Add(new SqliteParameter("$" + c, null));
        return command;
    }

    public static async Task RunAsync(SqliteCommand command, object?[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
        await command.ExecuteNonQueryAsync();
    }

    public static object?[] Values(ClockRows.Row r) =>
    [
        G(r.Id), r.SubjectType, G(r.SubjectId), r.Clock, r.Jurisdiction, r.Title, r.ResponsibleUserId, r.ParentId is { } p ? G(p) : null,
        r.Suspended ? 1 : 0, D(r.DueOn), D(r.DueSoonOn), D(r.OverdueOn), D(r.AlertOn), D(r.SpanFrom), D(r.SpanTo), r.DueSoonDays,
        r.Facts, T(r.ComputedAt), r.ResponsibleName,
    ];

    /// <summary>SQLite: the rows in one transaction.</summary>
    public static async Task InsertAsync(SqliteConnection connection, IEnumerable<ClockRows.Row> rows)
    {
        await using var transaction = connection.BeginTransaction();
        await using var insert = Insert(connection, "deadline_clocks", Columns);
        insert.Transaction = transaction;
        foreach (var r in rows) await RunAsync(insert, Values(r));
        transaction.Commit();
    }

    public static string G(Guid g) => g.ToString("D");
    public static string? D(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    public static string T(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
