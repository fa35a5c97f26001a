namespace Inspections.Benchmarks;

/// <summary>
/// The few expressions the province generator's statements write differently on PostgreSQL and SQLite: a series of
/// row numbers, deterministic ids, days and instants counted from 2025-01-01 (Asia/Shanghai), booleans, and a cheap
/// hash that spreads rows over districts, stages and days the same way on both databases (integer arithmetic only).
/// Row i of a table always becomes the same row, so a statement can be read twice and the benchmark's baselines can
/// name rows by their number.
/// </summary>
internal sealed class ProvinceSql(bool postgres)
{
    public bool Postgres => postgres;

    /// <summary>Day 0 of the generated history; every day is a number of days after it.</summary>
    public static readonly DateOnly Day0 = new(2025, 1, 1);

    /// <summary>"WITH s(i) AS (…)" over 0 … n−1, to put before an INSERT … SELECT … FROM s.</summary>
    public string Series(long n) => postgres
        ? $"WITH s(i) AS (SELECT generate_series(0::bigint, {n}::bigint - 1))"
        : $"WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i + 1 < {n})";

    /// <summary>
    /// A hash of <paramref name="x"/> in 0 … mod−1, different for each salt. The multiplicative step alone is affine in x, so
    /// two salts' hashes differed by a constant and, reduced by moduli that divide one another, were functions of each other
    /// (every case lead fell in four districts); the product of its two halves added afterwards makes the salts independent.
    /// Every intermediate stays below 2^63 on both databases.
    /// </summary>
    public static string H(string x, int salt, long mod)
    {
        var t = $"((({x}) * 2654435761 + {salt * 1_000_003L}) % 4294967291)";
        return $"((({t} + ({t} % 65536) * ({t} / 65536)) % 4294967291 * 40503 + {salt}) % 4294967291 % {mod})";
    }

    /// <summary>A version-7-shaped id: the table's series number and the row number, lower-case as SQLite stores ids.</summary>
    public string Id(int series, string x) => postgres
        ? $"CAST('{series:x8}-0000-7000-8000-' || lpad(to_hex(({x})::bigint), 12, '0') AS uuid)"
        : $"printf('{series:x8}-0000-7000-8000-%012x', {x})";

    /// <summary>The same id as C# builds it.</summary>
    public static Guid IdOf(int series, long x) => Guid.Parse($"{series:x8}-0000-7000-8000-{x:x12}");

    public string Day(string dayNo) => postgres ? $"(DATE '2025-01-01' + ({dayNo})::int)" : $"date('2025-01-01', ({dayNo}) || ' days')";

    /// <summary>The instant <paramref name="minutes"/> after local (UTC+8) midnight of day <paramref name="dayNo"/>.</summary>
    public string At(string dayNo, string minutes) => postgres
        ? $"(TIMESTAMPTZ '2024-12-31 16:00:00+00' + make_interval(days => ({dayNo})::int, mins => ({minutes})::int))"
        : $"strftime('%Y-%m-%dT%H:%M:%S.0000000Z', '2024-12-31 16:00:00', ({dayNo}) || ' days', ({minutes}) || ' minutes')";

    public string Bool(string condition) => postgres ? $"({condition})" : $"(CASE WHEN {condition} THEN 1 ELSE 0 END)";

    public string True => postgres ? "TRUE" : "1";

    public string False => postgres ? "FALSE" : "0";

    public string Text(string x) => postgres ? $"(({x})::text)" : $"CAST({x} AS TEXT)";

    public string Pad2(string x) => postgres ? $"lpad(({x})::text, 2, '0')" : $"printf('%02d', {x})";

    /// <summary>The first working day on or after day <paramref name="dayNo"/> (a natural-day limit's roll-forward).</summary>
    public static string NextWork(string dayNo) => $"(SELECT next_work FROM bench_days WHERE dayno = {dayNo})";

    /// <summary>How many working days there are from day 0 up to and including day <paramref name="dayNo"/>.</summary>
    public static string WorkIndex(string dayNo) => $"(SELECT widx FROM bench_days WHERE dayno = {dayNo})";

    /// <summary>The working day whose <see cref="WorkIndex"/> is <paramref name="index"/>.</summary>
    public static string WorkDay(string index) => $"(SELECT dayno FROM bench_days WHERE widx = {index} AND is_work = 1)";

    /// <summary>The local date of a stored instant, as the figures read it.</summary>
    public string LocalDate(string instant) => postgres
        ? $"CAST(({instant}) AT TIME ZONE 'Asia/Shanghai' AS date)"
        : $"date({instant}, '+8 hours')";
}
