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
    public string OfficerId { get; init; } = "";
    public string OfficerName { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? FiledAt { get; init; }
    public DateOnly? FiledOn { get; init; }
    public string? NotFiledReason { get; init; }
    public DateOnly? PriorNoticeOn { get; init; }
    public bool RightsWaived { get; init; }
    public DateOnly? HearingRequestedOn { get; init; }
    public CaseDecision? Decision { get; init; }
    public DateTimeOffset? ServedAt { get; init; }
    public string? ServiceMethod { get; init; }
    public DateOnly? FinePaidOn { get; init; }
    public decimal? FinePaidAmount { get; init; }
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

/// <summary>Decision limit 办案期限, service limit 送达期限 and payment limit 缴款期限, once each applies.</summary>
public sealed record CaseClocksDto
{
    public ClockDto? Decision { get; init; }
    public ClockDto? Service { get; init; }
    public ClockDto? Payment { get; init; }
}

public sealed record EvidenceRow
{
    public Guid Id { get; init; }
    public string Kind { get; init; } = "";
    public string Reference { get; init; } = "";
    public string? Description { get; init; }
    public DateTimeOffset AddedAt { get; init; }
    public string AddedBy { get; init; } = "";
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
