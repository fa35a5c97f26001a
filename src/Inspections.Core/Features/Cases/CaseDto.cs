using Inspections.Core.Features.Calendar;
using Inspections.Core.Common;

namespace Inspections.Core.Features.Cases;

/// <summary>A case as the API shows it: its facts, its stage and what may come next, its clocks and its records.</summary>
public sealed record CaseDto
{
    public Guid Id { get; init; }
    public string Jurisdiction { get; init; } = "";
    public string Stage { get; init; } = "";
    public string StageName { get; init; } = "";
    public IReadOnlyList<string> AllowedNext { get; init; } = [];
    public string? CaseNumber { get; init; }            // 案号
    public string Source { get; init; } = "";
    public string? SourceReference { get; init; }
    public Guid? InspectionId { get; init; }
    public Guid? VenueId { get; init; }
    public CaseParty Party { get; init; } = new();
    public CaseViolation Violation { get; init; } = new();
    public string Facts { get; init; } = "";
    public DateOnly? OccurredOn { get; init; }
    /// <summary>The day a continuing act ended 行为终了之日, when it was one.</summary>
    public DateOnly? EndedOn { get; init; }
    /// <summary>Harm to life, health or financial safety: five years' limitation instead of two (行政处罚法 art. 36).</summary>
    public bool SeriousHarm { get; init; }
    /// <summary>The last day the act could be discovered and still penalised (art. 36); null when the act's date is not known.</summary>
    public DateOnly? LimitationEndsOn { get; init; }
    public string OfficerId { get; init; } = "";
    public string OfficerName { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? FiledAt { get; init; }
    public DateOnly? FiledOn { get; init; }
    public string? NotFiledReason { get; init; }
    public DateOnly? PriorNoticeOn { get; init; }
    public bool RightsWaived { get; init; }
    /// <summary>The penalty proposed in the prior notice 拟作出的行政处罚 (行政处罚法 art. 44), once the notice is recorded.</summary>
    public CaseProposedPenalty? ProposedPenalty { get; init; }
    public DateOnly? HearingRequestedOn { get; init; }
    public CaseDecision? Decision { get; init; }
    public DateTimeOffset? ServedAt { get; init; }
    public string? ServiceMethod { get; init; }
    public DateOnly? FinePaidOn { get; init; }
    public decimal? FinePaidAmount { get; init; }
    /// <summary>The late-payment surcharge 加处罚款 owed (3% of the fine a day after the payment limit, at most the fine; art. 72), once a fine is served.</summary>
    public CaseSurcharge? LateSurcharge { get; init; }
    public string? ItemsDisposed { get; init; }
    public DateTimeOffset? ExecutedAt { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    public DateTimeOffset? ArchivedAt { get; init; }
    public DateTimeOffset? WithdrawnAt { get; init; }
    public string? WithdrawalReason { get; init; }
    public CaseClocksDto Clocks { get; init; } = new();
    public IReadOnlyList<StageStep> History { get; init; } = [];
    public IReadOnlyList<SuspensionRow> Suspensions { get; init; } = [];
    public IReadOnlyList<ExtensionRow> Extensions { get; init; } = [];
    public IReadOnlyList<EvidenceRow> Evidence { get; init; } = [];
    public IReadOnlyList<ChallengeRow> Challenges { get; init; } = [];
    public IReadOnlyList<ReferralRow> Referrals { get; init; } = [];
    public DateTimeOffset UpdatedAt { get; init; }
    public long Version { get; init; }
}

public sealed record CaseParty
{
    public string Kind { get; init; } = "";
    public string Name { get; init; } = "";
    public string? UnifiedSocialCreditCode { get; init; } // 统一社会信用代码
    public string? IdNumber { get; init; }
    public string? Address { get; init; }
}

public sealed record CaseViolation
{
    public string Code { get; init; } = "";
    public string Name { get; init; } = "";
    public string LegalBasis { get; init; } = "";    // 违法依据
    public string PenaltyBasis { get; init; } = "";  // 处罚依据
}

public sealed record CaseDecision
{
    public string Kind { get; init; } = "";
    public DateTimeOffset DecidedAt { get; init; }
    public DateOnly DecidedOn { get; init; }
    public bool Warning { get; init; }
    public decimal? FineAmount { get; init; }
    public decimal? ConfiscatedIncome { get; init; }  // 没收违法所得
    public string? ConfiscatedItems { get; init; }    // 没收物品
    public int? SuspensionDays { get; init; }         // 责令停业整顿天数
    public bool LicenseRevoked { get; init; }         // 吊销许可证
    public string? TransferredTo { get; init; }
}

/// <summary>The penalty the prior notice tells the party the authority intends to impose 拟作出的行政处罚.</summary>
public sealed record CaseProposedPenalty
{
    public bool Warning { get; init; }
    public decimal? FineAmount { get; init; }
    public decimal? ConfiscatedIncome { get; init; }  // 没收违法所得
    public string? ConfiscatedItems { get; init; }    // 没收物品
    public int? SuspensionDays { get; init; }         // 责令停业整顿天数
    public bool LicenseRevoked { get; init; }         // 吊销许可证
}

/// <summary>
/// The party's statement period 陈述申辩及听证申请期限 (while the case waits on it), decision limit 办案期限,
/// service limit 送达期限 and payment limit 缴款期限, once each applies.
/// </summary>
public sealed record CaseClocksDto
{
    public ClockDto? Statement { get; init; }
    public ClockDto? Decision { get; init; }
    public ClockDto? Service { get; init; }
    public ClockDto? Payment { get; init; }
}

/// <summary>
/// 加处罚款 (行政处罚法 art. 72): as of the payment day, or today while unpaid. <c>Amount</c> is what is owed on
/// <c>AsOf</c>; <c>PaidAmount</c> what was paid with the fine at execution.
/// </summary>
public sealed record CaseSurcharge
{
    public DateOnly PaymentDueDate { get; init; }
    public DateOnly AsOf { get; init; }
    public int DaysLate { get; init; }
    public int PercentPerDay { get; init; }
    public decimal Amount { get; init; }
    public decimal Cap { get; init; }
    public decimal? PaidAmount { get; init; }
    public string Explanation { get; init; } = "";
}

public sealed record EvidenceRow
{
    public Guid Id { get; init; }
    public string Kind { get; init; } = "";
    public string Reference { get; init; } = "";
    public string? Description { get; init; }
    public DateTimeOffset AddedAt { get; init; }
    public string AddedBy { get; init; } = "";
    /// <summary>For a photo or recording: the inspection whose file it is, the file's type and name.</summary>
    public Guid? InspectionId { get; init; }
    public string? ContentType { get; init; }
    public string? FileName { get; init; }
}

public sealed record ChallengeRow
{
    public Guid Id { get; init; }
    public string Kind { get; init; } = "";
    public string Authority { get; init; } = "";
    public DateOnly FiledOn { get; init; }
    public string? Outcome { get; init; }
    public DateOnly? DecidedOn { get; init; }
    public string? Note { get; init; }
}

public sealed record ReferralRow
{
    public Guid Id { get; init; }
    public string Department { get; init; } = "";
    public string Reason { get; init; } = "";
    public DateOnly SentOn { get; init; }
}
