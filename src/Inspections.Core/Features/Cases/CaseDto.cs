using Inspections.Core.Features.Calendar;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Cases;

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
    public string OfficerId { get; init; } = "";
    public string OfficerName { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? FiledAt { get; init; }
    public DateOnly? FiledOn { get; init; }
    public int? DecisionLimitDays { get; init; }
    public string? NotFiledReason { get; init; }
    public DateOnly? PriorNoticeOn { get; init; }
    public bool RightsWaived { get; init; }
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
        party_credit_code, party_id_number, party_address, violation_code, facts, occurred_on, officer_id, officer_name,
        created_at, filed_at, filed_on, decision_limit_days, not_filed_reason, prior_notice_on, rights_waived,
        hearing_requested_on, decided_on, decided_at, decision_kind, warning, fine_fen, confiscated_income_fen,
        confiscated_items, suspension_days, license_revoked, transferred_to, service_limit_days, served_on, served_at,
        service_method, payment_limit_days, fine_paid_on, fine_paid_fen, items_disposed, executed_at, closed_at,
        archived_at, withdrawn_at, withdrawal_reason, updated_at, version
        """;
}

/// <summary>Reading and writing the cases table and its child rows, shared by the case slices.</summary>
internal static class CaseRows
{
    private static readonly Sql SelectById = new($"SELECT {CaseRecord.Columns} FROM cases WHERE id = @Id");

    /// <summary>Writes every mutable column of a changed copy, if nobody changed the row since <paramref name="readVersion"/>.</summary>
    private static readonly Sql Update = new("""
        UPDATE cases SET stage = @Stage, case_number = @CaseNumber, filed_at = @FiledAt, filed_on = @FiledOn,
            decision_limit_days = @DecisionLimitDays, not_filed_reason = @NotFiledReason, prior_notice_on = @PriorNoticeOn,
            rights_waived = @RightsWaived, hearing_requested_on = @HearingRequestedOn, decided_on = @DecidedOn,
            decided_at = @DecidedAt, decision_kind = @DecisionKind, warning = @Warning, fine_fen = @FineFen,
            confiscated_income_fen = @ConfiscatedIncomeFen, confiscated_items = @ConfiscatedItems,
            suspension_days = @SuspensionDays, license_revoked = @LicenseRevoked, transferred_to = @TransferredTo,
            service_limit_days = @ServiceLimitDays, served_on = @ServedOn, served_at = @ServedAt,
            service_method = @ServiceMethod, payment_limit_days = @PaymentLimitDays, fine_paid_on = @FinePaidOn,
            fine_paid_fen = @FinePaidFen, items_disposed = @ItemsDisposed, executed_at = @ExecutedAt,
            closed_at = @ClosedAt, archived_at = @ArchivedAt, withdrawn_at = @WithdrawnAt,
            withdrawal_reason = @WithdrawalReason, updated_at = @UpdatedAt, version = version + 1
        WHERE id = @Id AND version = @ReadVersion
        """);

    public static async Task<CaseRecord> LoadAsync(DbSession db, Guid id, CancellationToken ct) =>
        await db.QuerySingleOrDefaultAsync<CaseRecord>(SelectById, new { Id = id }, ct)
        ?? throw new NotFoundException("案件", "case", id);

    /// <summary>Loads a case the caller may change, at the version the caller read (stale → 409).</summary>
    public static async Task<CaseRecord> LoadForChangeAsync(DbSession db, ICurrentUser user, Guid id, long version, CancellationToken ct)
    {
        var current = await LoadAsync(db, id, ct);
        user.EnsureCanChange(current.Jurisdiction);
        if (current.Version != version) throw ConflictException.StaleVersion("案件", "case", version, current.Version);
        return current;
    }

    public static async Task SaveAsync(DbSession db, CaseRecord changed, long readVersion, CancellationToken ct)
    {
        var rows = await db.ExecuteAsync(Update, new
        {
            changed.Id, changed.Stage, changed.CaseNumber, changed.FiledAt, changed.FiledOn, changed.DecisionLimitDays,
            changed.NotFiledReason, changed.PriorNoticeOn, changed.RightsWaived, changed.HearingRequestedOn,
            changed.DecidedOn, changed.DecidedAt, changed.DecisionKind, changed.Warning, changed.FineFen,
            changed.ConfiscatedIncomeFen, changed.ConfiscatedItems, changed.SuspensionDays, changed.LicenseRevoked,
            changed.TransferredTo, changed.ServiceLimitDays, changed.ServedOn, changed.ServedAt, changed.ServiceMethod,
            changed.PaymentLimitDays, changed.FinePaidOn, changed.FinePaidFen, changed.ItemsDisposed, changed.ExecutedAt,
            changed.ClosedAt, changed.ArchivedAt, changed.WithdrawnAt, changed.WithdrawalReason, changed.UpdatedAt,
            ReadVersion = readVersion,
        }, ct);
        if (rows == 0)
        {
            var now = await db.QuerySingleOrDefaultAsync<CaseRecord>(SelectById, new { changed.Id }, ct);
            throw ConflictException.StaleVersion("案件", "case", readVersion, now?.Version);
        }
    }

    private static readonly Sql InsertStep = new("""
        INSERT INTO case_stage_history (id, case_id, from_stage, to_stage, actor_id, actor_name, actor_role, occurred_at, case_version, note)
        VALUES (@Id, @CaseId, @FromStage, @ToStage, @ActorId, @ActorName, @ActorRole, @OccurredAt, @CaseVersion, @Note)
        """);

    /// <summary>
    /// Each step is kept with who took it, when, and their note 执法全过程记录. The case version the
    /// step produced orders the steps, since several may share an instant.
    /// </summary>
    public static Task RecordStepAsync(DbSession db, ICurrentUser user, Guid caseId, long caseVersion, CaseStage? from, CaseStage to, DateTimeOffset now, string? note, CancellationToken ct) =>
        db.ExecuteAsync(InsertStep, new
        {
            Id = Guid.CreateVersion7(now),
            CaseId = caseId,
            FromStage = from is { } f ? CaseWire.Name(f) : null,
            ToStage = CaseWire.Name(to),
            ActorId = user.UserId,
            ActorName = user.DisplayName,
            ActorRole = user.Role,
            OccurredAt = now,
            CaseVersion = caseVersion,
            Note = Clean(note),
        }, ct);

    /// <summary>A field error found only against the database; answered as 400 like the validator's.</summary>
    public static FluentValidation.ValidationException FieldError(string field, string zh, string en) =>
        new([new FluentValidation.Results.ValidationFailure(field, Text.Pick(zh, en))]);

    /// <summary>Suspensions and extensions concern the decision limit, which runs from filing until the decision.</summary>
    public static void EnsureDecisionClockRuns(CaseRecord c, string actionZh, string actionEn)
    {
        if (!CaseStageMachine.DecisionClockRuns(c.StageValue))
            throw new ConflictException(
                $"案件处于“{c.StageValue.Chinese()}”阶段，办案期限未在计算，不能{actionZh}。",
                $"The case is at {c.StageValue.English()}; its decision limit is not running, so you cannot {actionEn}.",
                new Dictionary<string, object?> { ["currentStage"] = c.Stage });
    }

    public static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>Records a change to a case that is not a stage step (suspension, evidence, …): it still takes and bumps the version.</summary>
    public static Task TouchAsync(DbSession db, CaseRecord current, DateTimeOffset now, CancellationToken ct) =>
        SaveAsync(db, current with { UpdatedAt = now }, current.Version, ct);
}
