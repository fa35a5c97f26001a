using Inspections.Domain.Cases;

namespace Inspections.Core.Features.Cases;

/// <summary>
/// Bound from "Cases": the statutory limits (行政处罚法 defaults; local rules may differ) and the
/// case-number pattern of each agency, keyed by jurisdiction, with a default for the rest.
/// </summary>
public sealed class CaseOptions
{
    public const string Section = "Cases";

    /// <summary>Decision within this many natural days of filing (art. 60).</summary>
    public int DecisionLimitDays { get; set; } = 90;

    /// <summary>A hearing request within this many working days of the prior notice (art. 64; art. 85 makes 五日 working days).</summary>
    public int HearingRequestDays { get; set; } = 5;

    /// <summary>Service of the decision within this many working days (art. 61; art. 85 makes 七日 working days).</summary>
    public int ServiceLimitDays { get; set; } = 7;

    /// <summary>Fine paid within this many natural days of service (art. 67); an end on a rest day moves to the next working day.</summary>
    public int PaymentLimitDays { get; set; } = 15;

    /// <summary>{agency} is the jurisdiction code, so agencies without their own pattern never share numbers.</summary>
    public string DefaultNumberPattern { get; set; } = "{agency}文执罚〔{year}〕{seq}号";

    /// <summary>Per jurisdiction, e.g. "510115": "温文执罚〔{year}〕{seq}号".</summary>
    public Dictionary<string, string> NumberPatterns { get; set; } = new(StringComparer.Ordinal);

    public string NumberPatternFor(string jurisdiction) =>
        NumberPatterns.TryGetValue(jurisdiction, out var p) && !string.IsNullOrWhiteSpace(p) ? p : DefaultNumberPattern;

    /// <summary>Refuses at start what would later produce duplicate or malformed numbers.</summary>
    public CaseOptions Validated()
    {
        foreach (var (agency, pattern) in NumberPatterns.Append(new("default", DefaultNumberPattern)))
        {
            if (!CaseNumberPattern.IsValid(pattern))
                throw new InvalidOperationException($"Cases:NumberPatterns:{agency} '{pattern}' must contain {{year}} and {{seq}}.");
        }
        var shared = NumberPatterns.GroupBy(p => p.Value, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1 && !g.Key.Contains(CaseNumberPattern.Agency, StringComparison.Ordinal));
        if (shared is not null)
            throw new InvalidOperationException($"Agencies {string.Join(", ", shared.Select(s => s.Key))} share the case-number pattern '{shared.Key}'; their numbers would collide.");
        foreach (var (name, days) in new[] { ("DecisionLimitDays", DecisionLimitDays), ("HearingRequestDays", HearingRequestDays), ("ServiceLimitDays", ServiceLimitDays), ("PaymentLimitDays", PaymentLimitDays) })
        {
            if (days is < 1 or > Domain.Calendar.DeadlineClock.MaxDays)
                throw new InvalidOperationException($"Cases:{name} must be between 1 and {Domain.Calendar.DeadlineClock.MaxDays}.");
        }
        return this;
    }
}
