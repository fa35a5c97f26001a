namespace Inspections.Domain.Cases;

/// <summary>How a decision ended the first instance of the case.</summary>
public enum DecisionKind
{
    Penalty,   // 处罚决定
    NoPenalty, // 不予处罚
    Transfer,  // 移送
}

/// <summary>What the party is: a venue's operator, a person or a company.</summary>
public enum PartyKind
{
    Venue,
    Person,
    Company,
}

/// <summary>Clock suspensions 不计入期限 the law names.</summary>
public enum SuspensionKind
{
    Hearing,   // 听证
    Appraisal, // 鉴定/检测
    Other,     // 其他法定不计入期间
}

/// <summary>What a piece of case evidence is 证据种类 (not the file format of an inspection photo).</summary>
public enum CaseEvidenceKind
{
    Inspection, // 检查记录
    Photo,      // 照片
    Document,   // 书证、笔录
    Recording,  // 视听资料：执法记录仪录像、录音（an inspection's video or audio file, by its id）
}

public enum ChallengeKind
{
    Reconsideration, // 行政复议
    Litigation,      // 行政诉讼
}

public enum ChallengeOutcome
{
    Upheld,  // 维持
    Changed, // 变更
    Revoked, // 撤销
}
