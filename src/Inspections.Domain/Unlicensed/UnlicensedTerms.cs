using Inspections.Domain.Inspections;

namespace Inspections.Domain.Unlicensed;

/// <summary>How an unlicensed venue's rectification 无证无照经营整治 ended. Wire values are the camelCase names.</summary>
public enum VenueOutcome
{
    Licensed,            // 办证（关联许可申请）
    GuidanceCertificate, // 发放灵活就业促创业辅导证
    Banned,              // 取缔
    Referred,            // 函告/移送其他部门
}

/// <summary>Where a joint department's prerequisite 前置条件 stands.</summary>
public enum PrerequisiteStatus
{
    Pending,  // 待审核
    Approved, // 已通过
    Refused,  // 未通过
}

/// <summary>Mobilisation 宣传动员 events.</summary>
public enum MobilisationKind
{
    Meeting,   // 业主座谈会
    Publicity, // 宣传活动
}

public static class UnlicensedTerms
{
    /// <summary>
    /// The departments whose approval a venue needs before it can be licensed: fire safety 消防,
    /// commerce 工商/市场监管, environment 环保, health 卫生. Police sits on joint office days but
    /// sets no prerequisite.
    /// </summary>
    public static readonly IReadOnlyList<JointDepartment> PrerequisiteDepartments =
        [JointDepartment.Fire, JointDepartment.Commerce, JointDepartment.Environment, JointDepartment.Health];

    /// <summary>
    /// A venue is licensed only once every prerequisite department has approved; a refusal or an
    /// answer still pending leaves guidance, banning or referral as the ways out.
    /// </summary>
    public static bool MayBeLicensed(IEnumerable<PrerequisiteStatus> prerequisites)
    {
        var all = prerequisites.ToList();
        return all.Count == PrerequisiteDepartments.Count && all.All(s => s == PrerequisiteStatus.Approved);
    }
}
