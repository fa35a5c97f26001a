namespace Inspections.Core.Features.Documents;

/// <summary>A generated document: its Chinese file name and the DOCX bytes.</summary>
public sealed record DocumentFile(string FileName, byte[] Content)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <summary>"行政处罚决定书（温文执罚〔2026〕1号）.docx", with what a file name cannot hold left out.</summary>
    public static DocumentFile Of(string title, string subject, byte[] content)
    {
        var invalid = Path.GetInvalidFileNameChars().Concat(['\\', '/', ':', '*', '?', '"', '<', '>', '|']).ToHashSet();
        var safe = new string(subject.Where(c => !invalid.Contains(c) && !char.IsControl(c)).ToArray()).Trim();
        if (safe.Length > 60) safe = safe[..60];
        return new DocumentFile(safe.Length == 0 ? $"{title}.docx" : $"{title}（{safe}）.docx", content);
    }
}

/// <summary>The documents of an inspection: 责令整改通知书 and 现场检查笔录.</summary>
public enum InspectionDocumentKind
{
    RectificationNotice, // 责令整改通知书
    InspectionRecord,    // 现场检查笔录
}

/// <summary>The documents of a penalty case: 立案审批表, 行政处罚事先告知书 and 行政处罚决定书.</summary>
public enum CaseDocumentKind
{
    FilingApproval, // 立案审批表
    PriorNotice,    // 行政处罚事先告知书
    Decision,       // 行政处罚决定书
}

/// <summary>The window's notices to the applicant: 受理通知书, 补正材料通知书 and 不予受理决定书.</summary>
public enum PermitDocumentKind
{
    AcceptanceNotice,    // 受理通知书
    CorrectionNotice,    // 补正材料通知书
    NotAcceptedDecision, // 不予受理决定书
}
