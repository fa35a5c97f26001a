namespace Inspections.Domain.Permits;

/// <summary>Where a permit application 行政许可申请 stands at the window.</summary>
public enum PermitStage
{
    Received,            // 收件
    CorrectionRequested, // 补正（一次性告知）
    NotAccepted,         // 不予受理 (terminal)
    Accepted,            // 受理
    UnderReview,         // 审查
    Suspended,           // 中止（听证、检验检测、现场核查、专家评审）
    Approved,            // 准予许可
    Refused,             // 不予许可
    Completed,           // 办结 (terminal)
}

/// <summary>What the applicant asks for 申请类型.</summary>
public enum PermitKind
{
    Establish,        // 设立
    Change,           // 变更
    Renewal,          // 延续
    AnnualInspection, // 年检
    Filing,           // 备案
    Cancellation,     // 注销
}

/// <summary>Periods not counted towards the limits (行政许可法 art. 45).</summary>
public enum PermitSuspensionKind
{
    Hearing,        // 听证
    Testing,        // 检验、检测
    SiteInspection, // 现场核查
    ExpertReview,   // 专家评审
}

public static class PermitNames
{
    public static string Chinese(this PermitStage stage) => stage switch
    {
        PermitStage.Received => "收件",
        PermitStage.CorrectionRequested => "补正",
        PermitStage.NotAccepted => "不予受理",
        PermitStage.Accepted => "受理",
        PermitStage.UnderReview => "审查",
        PermitStage.Suspended => "中止",
        PermitStage.Approved => "准予许可",
        PermitStage.Refused => "不予许可",
        PermitStage.Completed => "办结",
        _ => stage.ToString(),
    };

    public static string English(this PermitStage stage) => stage switch
    {
        PermitStage.CorrectionRequested => "correction requested",
        PermitStage.NotAccepted => "not accepted",
        PermitStage.UnderReview => "under review",
        _ => stage.ToString().ToLowerInvariant(),
    };

    public static string Chinese(this PermitKind kind) => kind switch
    {
        PermitKind.Establish => "设立",
        PermitKind.Change => "变更",
        PermitKind.Renewal => "延续",
        PermitKind.AnnualInspection => "年检",
        PermitKind.Filing => "备案",
        PermitKind.Cancellation => "注销",
        _ => kind.ToString(),
    };

    public static string Chinese(this PermitSuspensionKind kind) => kind switch
    {
        PermitSuspensionKind.Hearing => "听证",
        PermitSuspensionKind.Testing => "检验检测",
        PermitSuspensionKind.SiteInspection => "现场核查",
        PermitSuspensionKind.ExpertReview => "专家评审",
        _ => kind.ToString(),
    };
}
