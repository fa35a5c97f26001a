namespace Inspections.Domain.Cases;

/// <summary>Stages of the general procedure 一般程序 of a penalty case 行政处罚案件.</summary>
public enum CaseStage
{
    Lead,           // 线索
    NotFiled,       // 不予立案 (terminal)
    Filed,          // 立案
    Investigation,  // 调查取证
    LegalReview,    // 法制审核
    PriorNotice,    // 事先告知
    Hearing,        // 听证
    Decided,        // 处罚决定
    NoPenalty,      // 不予处罚
    Transferred,    // 移送
    Served,         // 送达
    Executed,       // 执行
    Closed,         // 结案
    Archived,       // 归档
    Withdrawn,      // 撤销立案 (terminal)
}

/// <summary>Where a case can come from 案件来源.</summary>
public enum CaseSource
{
    Inspection,         // 检查发现
    Complaint,          // 举报
    Referral,           // 移送
    MayorsMailbox,      // 区长信箱
    Petition,           // 信访
    SuperiorAssignment, // 上级交办
}

public static class CaseStageNames
{
    public static string Chinese(this CaseStage stage) => stage switch
    {
        CaseStage.Lead => "线索",
        CaseStage.NotFiled => "不予立案",
        CaseStage.Filed => "立案",
        CaseStage.Investigation => "调查取证",
        CaseStage.LegalReview => "法制审核",
        CaseStage.PriorNotice => "事先告知",
        CaseStage.Hearing => "听证",
        CaseStage.Decided => "处罚决定",
        CaseStage.NoPenalty => "不予处罚",
        CaseStage.Transferred => "移送",
        CaseStage.Served => "送达",
        CaseStage.Executed => "执行",
        CaseStage.Closed => "结案",
        CaseStage.Archived => "归档",
        CaseStage.Withdrawn => "撤销立案",
        _ => stage.ToString(),
    };

    public static string English(this CaseStage stage) => stage switch
    {
        CaseStage.NotFiled => "not filed",
        CaseStage.LegalReview => "legal review",
        CaseStage.PriorNotice => "prior notice",
        CaseStage.NoPenalty => "no penalty",
        _ => stage.ToString().ToLowerInvariant(),
    };
}
