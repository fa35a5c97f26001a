using Inspections.Domain.Calendar;

namespace Inspections.Core.Features.Permits;

/// <summary>Bound from "Permits": the window's statutory defaults (行政许可法; local rules may differ).</summary>
public sealed class PermitOptions
{
    public const string Section = "Permits";

    /// <summary>Working days after receipt within which a correction notice must go out, else the application counts as accepted on receipt (art. 32).</summary>
    public int CorrectionWindowDays { get; set; } = 5;

    /// <summary>Working days a supervisor may add to the statutory limit, once (art. 42: 20 + 10).</summary>
    public int ExtensionDays { get; set; } = 10;

    /// <summary>
    /// Working days after an approval within which the certificate is issued and served (行政许可法 art. 44:
    /// 十日, working days by art. 82). Copied into the application when it is approved.
    /// </summary>
    public int CertificateLimitDays { get; set; } = 10;

    public PermitOptions Validated()
    {
        foreach (var (name, days) in new[] { ("CorrectionWindowDays", CorrectionWindowDays), ("ExtensionDays", ExtensionDays), ("CertificateLimitDays", CertificateLimitDays) })
        {
            if (days is < 1 or > DeadlineClock.MaxDays)
                throw new InvalidOperationException($"Permits:{name} must be between 1 and {DeadlineClock.MaxDays}.");
        }
        return this;
    }
}
