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

    /// <summary>True when a user of <paramref name="userCode"/> may see rows of <paramref name="rowCode"/>.</summary>
    public static bool Covers(string userCode, string rowCode) =>
        IsValidCode(rowCode) && rowCode.StartsWith(Prefix(userCode), StringComparison.Ordinal);
}
