namespace Inspections.Core.Features.Alerts;

/// <summary>Bound from "Alerts": escalation and delivery of alerts.</summary>
public sealed class AlertOptions
{
    public const string Section = "Alerts";

    /// <summary>An item overdue by more than this many working days is escalated once to the leadership.</summary>
    public int EscalateAfterWorkingDays { get; set; } = 5;

    /// <summary>The address people open the system at; messages link to items under it (e.g. https://zhifa.example.gov.cn).</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5000";

    /// <summary>Attempts per message before it is given up (status "failed").</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>The wait after the first failed attempt; each further failure doubles it.</summary>
    public int FirstRetrySeconds { get; set; } = 30;

    /// <summary>
    /// How long a sender holds the messages it claimed before another server may take them over. A message in flight
    /// has its claim renewed every third of this, and its send stops before the claim could run out.
    /// </summary>
    public int ClaimSeconds { get; set; } = 120;

    /// <summary>Seconds an HTTP channel or the SMTP server may take to answer (the send is stopped then, and tried again later).</summary>
    public int SendTimeoutSeconds { get; set; } = 15;

    /// <summary>E-mail: the SMTP server and the sender address.</summary>
    public string SmtpHost { get; set; } = "";
    public int SmtpPort { get; set; } = 25;
    public bool SmtpStartTls { get; set; }
    public string? SmtpUser { get; set; }
    public string? SmtpPassword { get; set; }
    public string MailFrom { get; set; } = "inspections@localhost";

    public AlertOptions Validated()
    {
        if (EscalateAfterWorkingDays < 1) throw new InvalidOperationException("Alerts:EscalateAfterWorkingDays must be at least 1.");
        if (!Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out _)) throw new InvalidOperationException("Alerts:PublicBaseUrl must be an absolute URL.");
        if (MaxAttempts < 1 || FirstRetrySeconds < 0 || ClaimSeconds < 1 || SendTimeoutSeconds < 1) throw new InvalidOperationException("Alerts: delivery settings out of range.");
        return this;
    }

    /// <summary>The page of an alert's item, absolute.</summary>
    public string LinkTo(string subjectType, Guid subjectId)
    {
        var path = subjectType switch
        {
            "case" => $"/cases/{subjectId}",
            "permit" or "application" => $"/permits/{subjectId}",
            "inspection" or "notice" or "rectification" => $"/inspections/{subjectId}",
            _ => "/",
        };
        return PublicBaseUrl.TrimEnd('/') + path;
    }
}
