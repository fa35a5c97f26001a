namespace Inspections.Domain.Inspections;

/// <summary>Why an inspection took place. Wire values are the camelCase names.</summary>
public enum InspectionKind
{
    Routine,   // 日常检查
    Campaign,  // 专项行动
    Joint,     // 联合检查
    Complaint, // 举报核查
    Random,    // 双随机
}

/// <summary>The answer to one checklist item.</summary>
public enum ItemResult
{
    Compliant,     // 符合
    Violation,     // 违规
    NotApplicable, // 不适用
}

/// <summary>How an inspection ended 处理结果.</summary>
public enum InspectionOutcome
{
    Compliant,           // 未发现问题
    CorrectedOnSpot,     // 当场纠正
    RectificationNotice, // 责令整改通知
    CaseLead,            // 转立案（案件线索）
    Referral,            // 移送/函告其他部门
}

/// <summary>Departments that join an inspection 联合检查.</summary>
public enum JointDepartment
{
    Commerce,    // 市场监管/工商
    Fire,        // 消防
    Police,      // 公安
    Environment, // 环保
    Health,      // 卫生
}

public static class InspectionTerms
{
    public static string ChineseName(this InspectionKind kind) => kind switch
    {
        InspectionKind.Routine => "日常检查",
        InspectionKind.Campaign => "专项行动",
        InspectionKind.Joint => "联合检查",
        InspectionKind.Complaint => "举报核查",
        InspectionKind.Random => "双随机抽查",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string ChineseName(this InspectionOutcome outcome) => outcome switch
    {
        InspectionOutcome.Compliant => "未发现问题",
        InspectionOutcome.CorrectedOnSpot => "当场纠正",
        InspectionOutcome.RectificationNotice => "责令整改",
        InspectionOutcome.CaseLead => "转立案",
        InspectionOutcome.Referral => "移送其他部门",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    public static string ChineseName(this JointDepartment department) => department switch
    {
        JointDepartment.Commerce => "市场监管",
        JointDepartment.Fire => "消防",
        JointDepartment.Police => "公安",
        JointDepartment.Environment => "环保",
        JointDepartment.Health => "卫生",
        _ => throw new ArgumentOutOfRangeException(nameof(department), department, null),
    };

    /// <summary>An outcome other than "compliant" needs something to have been wrong, and "compliant" needs nothing wrong.</summary>
    public static bool FitsViolations(this InspectionOutcome outcome, int violations) =>
        outcome == InspectionOutcome.Compliant ? violations == 0 : violations > 0;
}
