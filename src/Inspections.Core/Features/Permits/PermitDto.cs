using Inspections.Core.Features.Calendar;
using Inspections.Core.Common;

namespace Inspections.Core.Features.Permits;

/// <summary>An application as the API shows it: its facts, where it stands and what may come next, its clocks and its records.</summary>
public sealed record PermitDto
{
    public Guid Id { get; init; }
    public string Jurisdiction { get; init; } = "";
    public string ItemCode { get; init; } = "";
    public string ItemName { get; init; } = "";
    public string Kind { get; init; } = "";
    public string KindName { get; init; } = "";
    public string Stage { get; init; } = "";
    public string StageName { get; init; } = "";
    public IReadOnlyList<string> AllowedNext { get; init; } = [];
    public PermitApplicant Applicant { get; init; } = new();
    public Guid? VenueId { get; init; }
    public int StatutoryLimitDays { get; init; }     // 法定时限
    /// <summary>The article requiring a hearing before approval (娱乐场所管理条例 art. 10), whose time is not counted (行政许可法 art. 45); null when none.</summary>
    public string? HearingBasis { get; init; }
    public int PromisedLimitDays { get; init; }      // 承诺时限
    public IReadOnlyList<MaterialDto> Materials { get; init; } = [];
    public IReadOnlyList<PermitMaterial> MissingMaterials { get; init; } = [];
    public IReadOnlyList<PermitMaterial>? CorrectionItems { get; init; } // 一次性告知补正材料
    public DateOnly? CorrectionRequestedOn { get; init; }
    public string? NotAcceptedReason { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    public DateOnly ReceivedOn { get; init; }
    public DateTimeOffset? AcceptedAt { get; init; }
    public DateOnly? AcceptedOn { get; init; }
    /// <summary>Accepted by law because no correction notice went out in time (行政许可法 art. 32).</summary>
    public bool AcceptedDeemed { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }
    public DateOnly? DecidedOn { get; init; }
    public string? RefusalReason { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public DateOnly? CompletedOn { get; init; }
    public string? CertificateNumber { get; init; }
    public string ResponsibleId { get; init; } = "";   // 首问责任人
    public string ResponsibleName { get; init; } = "";
    public string HolderId { get; init; } = "";        // where the file is now
    public string HolderName { get; init; } = "";
    public PermitClocksDto Clocks { get; init; } = new();
    public IReadOnlyList<StageStep> History { get; init; } = [];
    public IReadOnlyList<SuspensionRow> Suspensions { get; init; } = [];
    public IReadOnlyList<ExtensionRow> Extensions { get; init; } = [];
    public IReadOnlyList<PermitHandoffRow> Handoffs { get; init; } = [];
    public DateTimeOffset UpdatedAt { get; init; }
    public long Version { get; init; }
}

public sealed record PermitApplicant
{
    public string Name { get; init; } = "";
    public string? UnifiedSocialCreditCode { get; init; }
    public string? Phone { get; init; }
}

/// <summary>One item of the materials list 申请材料 as snapshotted at receipt.</summary>
public sealed record PermitMaterial(string Code, string Name);

public sealed record MaterialDto(string Code, string Name, bool Submitted);

/// <summary>
/// The correction window 补正告知期限 while the application waits at the desk; the promised 承诺时限
/// and statutory 法定时限 limits once it is accepted; the certificate limit 发证送达期限 once approved (art. 44).
/// </summary>
public sealed record PermitClocksDto
{
    public ClockDto? CorrectionWindow { get; init; }
    public ClockDto? Promised { get; init; }
    public ClockDto? Statutory { get; init; }
    public ClockDto? Certificate { get; init; }
}

/// <summary>去向留言: who passed the file to whom, when and why.</summary>
public sealed record PermitHandoffRow
{
    public string FromUserId { get; init; } = "";
    public string FromUserName { get; init; } = "";
    public string ToUserId { get; init; } = "";
    public string ToUserName { get; init; } = "";
    public string Message { get; init; } = "";
    public DateTimeOffset HandedAt { get; init; }
}
