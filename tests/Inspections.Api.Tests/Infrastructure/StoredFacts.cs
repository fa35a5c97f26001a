using Inspections.Core.Data;
using Inspections.Core.Features.Cases;
using Inspections.Core.Features.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace Inspections.Api.Tests.Infrastructure;

/// <summary>
/// The figure facts the commands store (migration 0025), and the one-time fill of rows written before it: a table's facts
/// are read as the commands wrote them, wiped as a database migrated from before 0025 would have them, filled again by
/// <see cref="FigureFacts"/>, and read back.
/// </summary>
internal static class StoredFacts
{
    /// <summary>The facts as written by the commands and as filled after being wiped, each row as "id: value, value, …".</summary>
    public static async Task<(List<string> Written, List<string> Filled, int FilledRows)> WipeAndFillAsync(ApiFactory api, string table, params string[] columns)
    {
        var factory = new DbConnectionFactory(api.Database);
        var written = await ReadAsync(factory, table, columns);
        await using (var db = new DbSession(factory))
        {
            await db.ExecuteAsync(new Sql($"UPDATE {table} SET {string.Join(", ", columns.Select(c => $"{c} = NULL"))}"), null, CancellationToken.None);
            // The day rows (migrations 0034 and 0036, after 0025) counted such rows as they stood, without the wiped facts.
            if (table == "cases") await CaseFigureDays.Table.RebuildAsync(db, CancellationToken.None);
            if (table == "permit_applications") await Inspections.Core.Features.Permits.PermitFigureDays.Table.RebuildAsync(db, CancellationToken.None);
            // Nor had any start filled them yet.
            await db.ExecuteAsync(new Sql("DELETE FROM start_steps WHERE step = @Step"), new { FigureFacts.Step }, CancellationToken.None);
        }
        var filledRows = await api.Services.GetRequiredService<FigureFacts>().BackfillAsync(factory, CancellationToken.None);
        return (written, await ReadAsync(factory, table, columns), filledRows);
    }

    private static async Task<List<string>> ReadAsync(DbConnectionFactory factory, string table, string[] columns)
    {
        await using var db = new DbSession(factory);
        var rows = await db.QueryAsync<object>(new Sql($"SELECT id, {string.Join(", ", columns)} FROM {table} ORDER BY id"), null, CancellationToken.None);
        return rows.Cast<IDictionary<string, object?>>()
            .Select(r => $"{r["id"]}: " + string.Join(", ", columns.Select(c => r[c] switch { null => "null", DBNull => "null", var v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) })))
            .ToList();
    }
}
