using Inspections.Domain.Cases;

namespace Inspections.Core.Features.Cases;

/// <summary>The cases row as stored (money in fen); handlers change a copy and write it back whole.</summary>
internal sealed record CaseRecord
{
    public Guid Id { get; init; }
    public string Jurisdiction { get; init; } = "";
    public string Stage { get; init; } = "";
    public string? CaseNumber { get; init; }
    public string Source { get; init; } = "";
    public string? SourceReference { get; init; }
    public Guid? InspectionId { get; init; }
    public Guid? VenueId { get; init; }
    public string PartyKind { get; init; } = "";
    public string PartyName { get; init; } = "";
    public string? PartyCreditCode { get; init; }
    public string? PartyIdNumber { get; init; }
    public string? PartyAddress { get; init; }
    public string ViolationCode { get; init; } = "";
    public string Facts { get; init; } = "";
    public DateOnly? OccurredOn { get; init; }
    public DateOnly? EndedOn { get; init; }
    public bool SeriousHarm { get; init; }
    public string OfficerId { get; init; } = "";
    public string OfficerName { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? FiledAt { get; init; }
    public DateOnly? FiledOn { get; init; }
    public int? DecisionLimitDays { get; init; }
    public string? NotFiledReason { get; init; }
    public DateOnly? PriorNoticeOn { get; init; }
    public bool RightsWaived { get; init; }
    public bool? ProposedWarning { get; init; }
    public long? ProposedFineFen { get; init; }
    public long? ProposedConfiscatedIncomeFen { get; init; }
    public string? ProposedConfiscatedItems { get; init; }
    public int? ProposedSuspensionDays { get; init; }
    public bool? ProposedLicenseRevoked { get; init; }
    public DateOnly? HearingRequestedOn { get; init; }
    public DateOnly? DecidedOn { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }
    public string? DecisionKind { get; init; }
    public bool Warning { get; init; }
    public long? FineFen { get; init; }
    public long? ConfiscatedIncomeFen { get; init; }
    public string? ConfiscatedItems { get; init; }
    public int? SuspensionDays { get; init; }
    public bool LicenseRevoked { get; init; }
    public string? TransferredTo { get; init; }
    public int? ServiceLimitDays { get; init; }
    public DateOnly? ServedOn { get; init; }
    public DateTimeOffset? ServedAt { get; init; }
    public string? ServiceMethod { get; init; }
    public int? PaymentLimitDays { get; init; }
    public DateOnly? FinePaidOn { get; init; }
    public long? FinePaidFen { get; init; }
    public long? SurchargePaidFen { get; init; }
    public string? ItemsDisposed { get; init; }
    public DateTimeOffset? ExecutedAt { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    public DateTimeOffset? ArchivedAt { get; init; }
    public DateTimeOffset? WithdrawnAt { get; init; }
    public string? WithdrawalReason { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public long Version { get; init; }

    public CaseStage StageValue => CaseWire.Stage(Stage);

    internal const string Columns = """
        id, jurisdiction, stage, case_number, source, source_reference, inspection_id, venue_id, party_kind, party_name,
        party_credit_code, party_id_number, party_address, violation_code, facts, occurred_on, ended_on, serious_harm, officer_id, officer_name,
        created_at, filed_at, filed_on, decision_limit_days, not_filed_reason, prior_notice_on, rights_waived,
        proposed_warning, proposed_fine_fen, proposed_confiscated_income_fen, proposed_confiscated_items, proposed_suspension_days,
        proposed_license_revoked, hearing_requested_on, decided_on, decided_at, decision_kind, warning, fine_fen, confiscated_income_fen,
        confiscated_items, suspension_days, license_revoked, transferred_to, service_limit_days, served_on, served_at,
        service_method, payment_limit_days, fine_paid_on, fine_paid_fen, surcharge_paid_fen, items_disposed, executed_at, closed_at,
        archived_at, withdrawn_at, withdrawal_reason, updated_at, version
        """;
}
