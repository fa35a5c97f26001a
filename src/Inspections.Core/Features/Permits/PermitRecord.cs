using Inspections.Core.Common;
using Inspections.Domain.Permits;

namespace Inspections.Core.Features.Permits;

/// <summary>A suspension read for many applications at once (queues, scans, figures).</summary>
internal sealed record PermitSuspensionOf
{
    public Guid ApplicationId { get; init; }
    public Guid Id { get; init; }
    public string Kind { get; init; } = "";
    public DateOnly StartOn { get; init; }
    public DateOnly? EndOn { get; init; }
    public string Reason { get; init; } = "";

    public SuspensionRow Row => new() { Id = Id, Kind = Kind, StartOn = StartOn, EndOn = EndOn, Reason = Reason };
}

/// <summary>The permit_applications row as stored; handlers change a copy and write it back whole.</summary>
internal sealed record PermitRecord
{
    public Guid Id { get; init; }
    public string Jurisdiction { get; init; } = "";
    public string ItemCode { get; init; } = "";
    public string ItemName { get; init; } = "";
    public string Kind { get; init; } = "";
    public string Stage { get; init; } = "";
    public string ApplicantName { get; init; } = "";
    public string? ApplicantCreditCode { get; init; }
    public string? ApplicantPhone { get; init; }
    public Guid? VenueId { get; init; }
    public int StatutoryLimitDays { get; init; }
    public int PromisedLimitDays { get; init; }
    public int CorrectionWindowDays { get; init; }
    public string Materials { get; init; } = "[]";
    public string Submitted { get; init; } = "[]";
    public string? CorrectionItems { get; init; }
    public DateOnly? CorrectionRequestedOn { get; init; }
    public string? NotAcceptedReason { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    public DateOnly ReceivedOn { get; init; }
    public DateTimeOffset? AcceptedAt { get; init; }
    public DateOnly? AcceptedOn { get; init; }
    public bool AcceptedDeemed { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }
    /// <summary>The local day of the approval or refusal; an approval starts the certificate clock (art. 44).</summary>
    public DateOnly? DecidedOn { get; init; }
    /// <summary>Working days to issue and serve the certificate after approval, copied in when approved (art. 44).</summary>
    public int? CertificateLimitDays { get; init; }
    /// <summary>The article requiring a hearing before approval (e.g. 娱乐场所管理条例 art. 10), copied in at receipt; null when none.</summary>
    public string? HearingBasis { get; init; }
    public string? RefusalReason { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public DateOnly? CompletedOn { get; init; }
    /// <summary>Whether the completion came within the promised limit, stored with it (<see cref="PermitFacts"/>); null before.</summary>
    public bool? CompletedOnTime { get; init; }
    /// <summary>Working days the completion used of the promised limit, stored with it (<see cref="PermitFacts"/>).</summary>
    public int? UsedDays { get; init; }
    public string? CertificateNumber { get; init; }
    public string ResponsibleId { get; init; } = "";
    public string ResponsibleName { get; init; } = "";
    public string HolderId { get; init; } = "";
    public string HolderName { get; init; } = "";
    public DateTimeOffset UpdatedAt { get; init; }
    public long Version { get; init; }

    public PermitStage StageValue => Wire.Parse<PermitStage>(Stage);

    public PermitKind KindValue => Wire.Parse<PermitKind>(Kind);

    public IReadOnlyList<PermitMaterial> MaterialList => PermitJson.Read<PermitMaterial>(Materials);

    public IReadOnlyList<string> SubmittedCodes => PermitJson.Read<string>(Submitted);

    /// <summary>Every listed material not yet handed in, in the list's order.</summary>
    public IReadOnlyList<PermitMaterial> Missing
    {
        get
        {
            var submitted = SubmittedCodes.ToHashSet(StringComparer.Ordinal);
            return MaterialList.Where(m => !submitted.Contains(m.Code)).ToList();
        }
    }

    /// <summary>"星空网吧 · 网吧设立审批 设立申请": what a person recognises in a queue or an alert.</summary>
    public string Title => $"{ApplicantName} · {ItemName}（{KindValue.Chinese()}）";

    internal const string Columns = """
        id, jurisdiction, item_code, item_name, kind, stage, applicant_name, applicant_credit_code, applicant_phone, venue_id,
        statutory_limit_days, promised_limit_days, correction_window_days, materials, submitted, correction_items,
        correction_requested_on, not_accepted_reason, received_at, received_on, accepted_at, accepted_on, accepted_deemed,
        decided_at, decided_on, certificate_limit_days, hearing_basis, refusal_reason, completed_at, completed_on, completed_on_time, used_days, certificate_number, responsible_id, responsible_name,
        holder_id, holder_name, updated_at, version
        """;
}
