using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Cases;

namespace Inspections.Core.Features.Cases;

/// <summary>Reading and writing the cases table and its child rows, shared by the case slices.</summary>
internal static class CaseRows
{
    private static readonly Sql SelectById = new($"SELECT {CaseRecord.Columns} FROM cases WHERE id = @Id");

    /// <summary>Writes every mutable column of a changed copy, if nobody changed the row since the version read (@ReadVersion).</summary>
    private static readonly Sql Update = new("""
        UPDATE cases SET stage = @Stage, case_number = @CaseNumber, filed_at = @FiledAt, filed_on = @FiledOn,
            decision_limit_days = @DecisionLimitDays, not_filed_reason = @NotFiledReason, prior_notice_on = @PriorNoticeOn,
            rights_waived = @RightsWaived, proposed_warning = @ProposedWarning, proposed_fine_fen = @ProposedFineFen,
            proposed_confiscated_income_fen = @ProposedConfiscatedIncomeFen, proposed_confiscated_items = @ProposedConfiscatedItems,
            proposed_suspension_days = @ProposedSuspensionDays, proposed_license_revoked = @ProposedLicenseRevoked, hearing_requested_on = @HearingRequestedOn, decided_on = @DecidedOn,
            decided_at = @DecidedAt, decision_kind = @DecisionKind, warning = @Warning, fine_fen = @FineFen,
            confiscated_income_fen = @ConfiscatedIncomeFen, confiscated_items = @ConfiscatedItems,
            suspension_days = @SuspensionDays, license_revoked = @LicenseRevoked, transferred_to = @TransferredTo,
            service_limit_days = @ServiceLimitDays, served_on = @ServedOn, served_at = @ServedAt,
            service_method = @ServiceMethod, payment_limit_days = @PaymentLimitDays, fine_paid_on = @FinePaidOn,
            fine_paid_fen = @FinePaidFen, surcharge_paid_fen = @SurchargePaidFen, items_disposed = @ItemsDisposed, executed_at = @ExecutedAt,
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

    /// <summary>
    /// Writes the changed copy of <paramref name="current"/> (stale → 409). Filing dates the case: its day rows
    /// (<see cref="CaseFigureDays"/>) count it from then on.
    /// </summary>
    public static async Task SaveAsync(DbSession db, CaseRecord current, CaseRecord changed, CancellationToken ct)
    {
        var readVersion = current.Version;
        var before = changed.FiledOn != current.FiledOn ? await CaseFigureDays.ReadAsync(db, [current.Id], ct) : null;
        var rows = await db.ExecuteAsync(Update, new
        {
            changed.Id, changed.Stage, changed.CaseNumber, changed.FiledAt, changed.FiledOn, changed.DecisionLimitDays,
            changed.NotFiledReason, changed.PriorNoticeOn, changed.RightsWaived, changed.HearingRequestedOn,
            changed.ProposedWarning, changed.ProposedFineFen, changed.ProposedConfiscatedIncomeFen, changed.ProposedConfiscatedItems,
            changed.ProposedSuspensionDays, changed.ProposedLicenseRevoked,
            changed.DecidedOn, changed.DecidedAt, changed.DecisionKind, changed.Warning, changed.FineFen,
            changed.ConfiscatedIncomeFen, changed.ConfiscatedItems, changed.SuspensionDays, changed.LicenseRevoked,
            changed.TransferredTo, changed.ServiceLimitDays, changed.ServedOn, changed.ServedAt, changed.ServiceMethod,
            changed.PaymentLimitDays, changed.FinePaidOn, changed.FinePaidFen, changed.SurchargePaidFen, changed.ItemsDisposed, changed.ExecutedAt,
            changed.ClosedAt, changed.ArchivedAt, changed.WithdrawnAt, changed.WithdrawalReason, changed.UpdatedAt,
            ReadVersion = readVersion,
        }, ct);
        if (rows == 0)
        {
            var now = await db.QuerySingleOrDefaultAsync<CaseRecord>(SelectById, new { changed.Id }, ct);
            throw ConflictException.StaleVersion("案件", "case", readVersion, now?.Version);
        }
        if (before is not null)
            await CaseFigureDays.MoveAsync(db, before, before.Select(f => f with { FiledOn = changed.FiledOn }).ToList(), ct);
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
            FromStage = from is { } f ? Wire.Name(f) : null,
            ToStage = Wire.Name(to),
            ActorId = user.UserId,
            ActorName = user.DisplayName,
            ActorRole = user.Role,
            OccurredAt = now,
            CaseVersion = caseVersion,
            Note = Input.Clean(note),
        }, ct);

    /// <summary>Suspensions and extensions concern the decision limit, which runs from filing until the decision.</summary>
    public static void EnsureDecisionClockRuns(CaseRecord c, string actionZh, string actionEn)
    {
        if (!CaseStageMachine.DecisionClockRuns(c.StageValue))
            throw new ConflictException(
                $"案件处于“{c.StageValue.Chinese()}”阶段，办案期限未在计算，不能{actionZh}。",
                $"The case is at {c.StageValue.English()}; its decision limit is not running, so you cannot {actionEn}.",
                new Dictionary<string, object?> { ["currentStage"] = c.Stage });
    }

    /// <summary>Records a change to a case that is not a stage step (suspension, evidence, …): it still takes and bumps the version.</summary>
    public static Task TouchAsync(DbSession db, CaseRecord current, DateTimeOffset now, CancellationToken ct) =>
        SaveAsync(db, current, current with { UpdatedAt = now }, ct);

    /// <summary>
    /// Ends a command that records something on a case without a stage step (suspension, evidence,
    /// challenge, …): takes and bumps the case's version, names the case for the audit row, and
    /// answers with the case as it now stands.
    /// </summary>
    public static async Task<CaseDto> RecordedAsync(DbSession db, CaseView view, CaseRecord c, DateTimeOffset now, CancellationToken ct)
    {
        await TouchAsync(db, c, now, ct);
        db.AuditAbout("case", c.Id);
        return await view.ReloadAsync(db, c.Id, ct);
    }
}
