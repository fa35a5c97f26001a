namespace Inspections.Domain.Access;

/// <summary>
/// A jurisdiction 辖区 is an administrative-division code. Six digits (GB/T 2260): two of province,
/// two of city, two of county/district; a code ending in "00" stands for the whole level above it,
/// so a city-level user (510100) covers every district below it (5101xx). Nine digits: a town or
/// street 乡镇/街道 — its district's six digits and three of its own, never "000" (the statistical
/// division code's first nine digits; its last three, the villages, are not used here). Province
/// digits "00" name no province, so no code starts with them and every code's parent is a code.
/// </summary>
public static class Jurisdiction
{
    public static bool IsValidCode(string? code) => code is { Length: 6 or 9 } && IsValidCode(code.AsSpan());

    // On the span: checked for every row a user may see, without a copy of the code or an enumerator.
    private static bool IsValidCode(ReadOnlySpan<char> code) => code.Length switch
    {
        6 => !code.ContainsAnyExceptInRange('0', '9') && !code.StartsWith("00"),
        9 => IsValidCode(code[..6]) && !code[6..].ContainsAnyExceptInRange('0', '9') && !code.Slice(4, 2).SequenceEqual("00") && !code[6..].SequenceEqual("000"),
        _ => false,
    };

    /// <summary>A town or street 乡镇（街道）: nine digits below a district.</summary>
    public static bool IsTown(string? code) => code is { Length: 9 } && IsValidCode(code);

    public static JurisdictionLevel Level(string code)
    {
        EnsureValid(code);
        if (code.Length == 9) return JurisdictionLevel.Town;
        if (code.EndsWith("0000", StringComparison.Ordinal)) return JurisdictionLevel.Province;
        if (code.EndsWith("00", StringComparison.Ordinal)) return JurisdictionLevel.City;
        return JurisdictionLevel.District;
    }

    /// <summary>The node directly above: town → district, district → city, city → province; a province has none.</summary>
    public static string? Parent(string code) => Level(code) switch
    {
        JurisdictionLevel.Town => code[..6],
        JurisdictionLevel.District => code[..4] + "00",
        JurisdictionLevel.City => code[..2] + "0000",
        _ => null,
    };

    /// <summary>The prefix every code inside this jurisdiction starts with.</summary>
    public static string Prefix(string code)
    {
        var length = PrefixLength(code);
        return length == code.Length ? code : code[..length];
    }

    private static int PrefixLength(string code) => Level(code) switch
    {
        JurisdictionLevel.Province => 2,
        JurisdictionLevel.City => 4,
        _ => code.Length,
    };

    /// <summary>
    /// The first and last codes inside this jurisdiction: a town is only itself, a district is itself
    /// and its towns, a city or province everything below it, towns included. Codes are six or nine
    /// ASCII digits, which every collation orders digit by digit with a code before its own
    /// extensions, so <c>jurisdiction BETWEEN First AND Last</c> selects exactly the rows
    /// <see cref="Covers"/> allows (510115 → '510115'..'510115999'; 510100 → '510100'..'510199999'),
    /// and, unlike <c>LIKE 'prefix%'</c>, any index on jurisdiction can seek it (SQLite's
    /// case-insensitive LIKE cannot use a plain index; PostgreSQL's needs pattern ops).
    /// </summary>
    public static CodeRange Range(string code) =>
        Level(code) == JurisdictionLevel.Town ? new CodeRange(code, code) : RangeOf(Prefix(code));

    /// <summary>Every code, for system sweeps that act on all jurisdictions.</summary>
    public static CodeRange Everywhere { get; } = RangeOf("");

    private static CodeRange RangeOf(string prefix) => new(prefix.PadRight(6, '0'), prefix.PadRight(9, '9'));

    /// <summary>True when a user of <paramref name="userCode"/> may see rows of <paramref name="rowCode"/>: their node and everything below it.</summary>
    // On the spans: a city's or province's prefix is not copied for every row it may see.
    public static bool Covers(string userCode, string rowCode) =>
        IsValidCode(rowCode) && rowCode.AsSpan().StartsWith(userCode.AsSpan(0, PrefixLength(userCode)), StringComparison.Ordinal);

    /// <summary>
    /// The rows a user of <paramref name="userCode"/> may change: a district's enforcement brigade acts
    /// on the district and all of its towns, a town's station on its town, and a city or province only
    /// on rows of its own code (it oversees the districts but does not act in their place).
    /// </summary>
    public static CodeRange Changeable(string userCode) => Level(userCode) switch
    {
        JurisdictionLevel.District or JurisdictionLevel.Town => Range(userCode),
        _ => new CodeRange(userCode, userCode),
    };

    /// <summary>True when a user of <paramref name="userCode"/> may change rows of <paramref name="rowCode"/> (see <see cref="Changeable"/>).</summary>
    public static bool MayChange(string userCode, string rowCode) =>
        IsValidCode(userCode) && IsValidCode(rowCode) && Level(userCode) switch
        {
            JurisdictionLevel.District or JurisdictionLevel.Town => Covers(userCode, rowCode),
            _ => string.Equals(userCode, rowCode, StringComparison.Ordinal),
        };

    private static void EnsureValid(string code)
    {
        if (!IsValidCode(code)) throw new ArgumentException($"Not an administrative-division code: {code}", nameof(code));
    }
}

/// <summary>Where a node sits in the tree 省 → 市 → 区（县） → 乡镇（街道）.</summary>
public enum JurisdictionLevel
{
    Province,
    City,
    District,
    Town,
}

/// <summary>An inclusive range of administrative-division codes.</summary>
public readonly record struct CodeRange(string First, string Last)
{
    /// <summary>Whether the code lies in the range by ordinal comparison, as <c>BETWEEN</c> does in the databases.</summary>
    public bool Contains(string code) =>
        string.CompareOrdinal(First, code) <= 0 && string.CompareOrdinal(code, Last) <= 0;
}
