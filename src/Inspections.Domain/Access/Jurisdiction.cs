namespace Inspections.Domain.Access;

/// <summary>
/// A jurisdiction 辖区 is a six-digit administrative-division code (GB/T 2260): two digits of
/// province, two of city, two of county/district. A code ending in "00" stands for the whole
/// level above it, so a city-level user (510100) covers every district below it (5101xx).
/// </summary>
public static class Jurisdiction
{
    public static bool IsValidCode(string? code) =>
        code is { Length: 6 } && code.All(char.IsAsciiDigit) && code != "000000";

    /// <summary>The prefix every code inside this jurisdiction starts with.</summary>
    public static string Prefix(string code)
    {
        if (!IsValidCode(code)) throw new ArgumentException($"Not an administrative-division code: {code}", nameof(code));
        if (code.EndsWith("0000", StringComparison.Ordinal)) return code[..2];
        if (code.EndsWith("00", StringComparison.Ordinal)) return code[..4];
        return code;
    }

    /// <summary>
    /// The first and last codes inside this jurisdiction. Codes are six ASCII digits, which every
    /// collation orders as numbers, so <c>jurisdiction BETWEEN First AND Last</c> selects exactly the
    /// rows <see cref="Covers"/> allows, and, unlike <c>LIKE 'prefix%'</c>, any index on jurisdiction
    /// can seek it (SQLite's case-insensitive LIKE cannot use a plain index; PostgreSQL's needs pattern ops).
    /// </summary>
    public static CodeRange Range(string code) => RangeOf(Prefix(code));

    /// <summary>Every code, for system sweeps that act on all jurisdictions.</summary>
    public static CodeRange Everywhere { get; } = RangeOf("");

    private static CodeRange RangeOf(string prefix) => new(prefix.PadRight(6, '0'), prefix.PadRight(6, '9'));

    /// <summary>True when a user of <paramref name="userCode"/> may see rows of <paramref name="rowCode"/>.</summary>
    public static bool Covers(string userCode, string rowCode) =>
        IsValidCode(rowCode) && rowCode.StartsWith(Prefix(userCode), StringComparison.Ordinal);
}

/// <summary>An inclusive range of administrative-division codes.</summary>
public readonly record struct CodeRange(string First, string Last);
