using Inspections.Core.Data;
using Inspections.Domain.Calendar;
using Inspections.Domain.Cases;

namespace Inspections.Core.Features.Cases;

/// <summary>
/// Case numbers 案号: one counter row per agency and year, created if missing without raising a
/// unique violation (which would abort a PostgreSQL transaction), then incremented and read back in
/// the filing's transaction. The increment's row lock makes concurrent filings queue, so numbers
/// are never shared; a filing that rolls back takes its increment with it, so none is skipped.
/// </summary>
internal static class CaseNumbers
{
    private static readonly Sql EnsureCounter = new(d => d.InsertIfAbsent("case_number_counters",
        "jurisdiction, year, last_seq", "@Jurisdiction, @Year, 0", "jurisdiction", "year"));
    private static readonly Sql Increment = new("""
        UPDATE case_number_counters SET last_seq = last_seq + 1 WHERE jurisdiction = @Jurisdiction AND year = @Year
        """);
    private static readonly Sql Read = new("""
        SELECT last_seq FROM case_number_counters WHERE jurisdiction = @Jurisdiction AND year = @Year
        """);

    public static async Task<string> NextAsync(DbSession db, CaseOptions options, string jurisdiction, int year, CancellationToken ct)
    {
        var key = new { Jurisdiction = jurisdiction, Year = year };
        await db.ExecuteAsync(EnsureCounter, key, ct);
        await db.ExecuteAsync(Increment, key, ct);
        var sequence = await db.ExecuteScalarAsync<long>(Read, key, ct);
        return CaseNumberPattern.Render(options.NumberPatternFor(jurisdiction), jurisdiction, year, sequence);
    }
}
