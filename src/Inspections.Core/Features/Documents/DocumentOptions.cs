namespace Inspections.Core.Features.Documents;

/// <summary>
/// Bound from "Documents": who issues the documents and the periods they tell the party of. {place} is the
/// record's city and district as the jurisdictions table names them (成都市温江区). The periods are the laws'
/// defaults (行政复议法 art. 20: sixty days; 行政诉讼法 art. 46: six months); local rules may differ.
/// </summary>
public sealed class DocumentOptions
{
    public const string Section = "Documents";

    /// <summary>Issues inspection and case documents 执法文书.</summary>
    public string EnforcementAuthority { get; set; } = "{place}文化市场综合执法大队";

    /// <summary>Issues the window's notices 受理、补正、不予受理.</summary>
    public string PermitAuthority { get; set; } = "{place}文化广电旅游局";

    /// <summary>Where an administrative review 行政复议 is asked for (the people's government at the same level).</summary>
    public string ReviewAuthority { get; set; } = "{place}人民政府";

    public int ReviewDays { get; set; } = 60;

    public int LawsuitMonths { get; set; } = 6;

    /// <summary>A fine from this amount up is a 较大数额罚款 for which the prior notice offers a hearing (行政处罚法 art. 63).</summary>
    public decimal HearingFineThreshold { get; set; } = 10_000m;

    public DocumentOptions Validated()
    {
        foreach (var (name, pattern) in new[] { ("EnforcementAuthority", EnforcementAuthority), ("PermitAuthority", PermitAuthority), ("ReviewAuthority", ReviewAuthority) })
            if (string.IsNullOrWhiteSpace(pattern)) throw new InvalidOperationException($"Documents:{name} must name an authority.");
        if (ReviewDays is < 1 or > 365) throw new InvalidOperationException("Documents:ReviewDays must be between 1 and 365.");
        if (LawsuitMonths is < 1 or > 60) throw new InvalidOperationException("Documents:LawsuitMonths must be between 1 and 60.");
        if (HearingFineThreshold < 0) throw new InvalidOperationException("Documents:HearingFineThreshold must not be negative.");
        return this;
    }
}
