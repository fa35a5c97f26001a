namespace Inspections.Domain.Cases;

/// <summary>
/// An agency's case-number pattern 案号格式, e.g. "温文执罚〔{year}〕{seq}号". {year} is the filing
/// year and {seq} the sequence within agency and year; both are required so that numbers never repeat.
/// {agency} (the jurisdiction code) keeps the default pattern apart between agencies.
/// </summary>
public static class CaseNumberPattern
{
    public const string Year = "{year}";
    public const string Sequence = "{seq}";
    public const string Agency = "{agency}";

    public static bool IsValid(string? pattern) =>
        pattern is { Length: > 0 and <= 60 }
        && pattern.Contains(Year, StringComparison.Ordinal)
        && pattern.Contains(Sequence, StringComparison.Ordinal);

    public static string Render(string pattern, string agency, int year, long sequence)
    {
        if (!IsValid(pattern)) throw new ArgumentException($"Case-number pattern '{pattern}' needs {Year} and {Sequence}.", nameof(pattern));
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        return pattern
            .Replace(Agency, agency, StringComparison.Ordinal)
            .Replace(Year, year.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace(Sequence, sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }
}
