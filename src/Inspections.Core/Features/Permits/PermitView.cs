using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Calendar;
using Inspections.Domain.Calendar;
using Inspections.Domain.Permits;

namespace Inspections.Core.Features.Permits;

/// <summary>Assembles the application the API shows from its row and child rows, as it stands now.</summary>
public sealed class PermitView(CalendarStore calendars, ClockOptions clockOptions, TimeProvider clock)
{
    internal static readonly Sql Suspensions = new("""
        SELECT id, kind, start_on, end_on, reason FROM permit_suspensions WHERE application_id = @Id ORDER BY start_on, id
        """);
    internal static readonly Sql Extensions = new("""
        SELECT id, days, reason, approver_name, approved_at FROM permit_extensions WHERE application_id = @Id ORDER BY approved_at, id
        """);
    private static readonly Sql History = new("""
        SELECT from_stage, to_stage, actor_id, actor_name, actor_role, occurred_at, note
        FROM permit_steps WHERE application_id = @Id ORDER BY app_version, occurred_at
        """);
    private static readonly Sql Handoffs = new("""
        SELECT from_user_id, from_user_name, to_user_id, to_user_name, message, handed_at
        FROM permit_handoffs WHERE application_id = @Id ORDER BY handed_at, id
        """);

    internal async Task<PermitDto> BuildAsync(DbSession db, PermitRecord stored, CancellationToken ct)
    {
        var id = new { stored.Id };
        var evaluator = await calendars.EvaluatorAsync(db, ct);
        var suspensions = await db.QueryAsync<SuspensionRow>(Suspensions, id, ct);
        var extensions = await db.QueryAsync<ExtensionRow>(Extensions, id, ct);
        var p = PermitClocks.Effective(stored, evaluator, clock.GetUtcNow());
        var submitted = p.SubmittedCodes.ToHashSet(StringComparer.Ordinal);
        return new PermitDto
        {
            Id = p.Id,
            Jurisdiction = p.Jurisdiction,
            ItemCode = p.ItemCode,
            ItemName = p.ItemName,
            Kind = p.Kind,
            KindName = PermitWire.Describe(p.KindValue),
            Stage = p.Stage,
            StageName = PermitWire.Describe(p.StageValue),
            AllowedNext = PermitStageMachine.AllowedNext(p.StageValue, p.KindValue).Select(Wire.Name).ToList(),
            Applicant = new PermitApplicant { Name = p.ApplicantName, UnifiedSocialCreditCode = p.ApplicantCreditCode, Phone = p.ApplicantPhone },
            VenueId = p.VenueId,
            StatutoryLimitDays = p.StatutoryLimitDays,
            HearingBasis = p.HearingBasis,
            PromisedLimitDays = p.PromisedLimitDays,
            Materials = p.MaterialList.Select(m => new MaterialDto(m.Code, m.Name, submitted.Contains(m.Code))).ToList(),
            MissingMaterials = p.Missing,
            CorrectionItems = p.CorrectionItems is null ? null : PermitJson.Read<PermitMaterial>(p.CorrectionItems),
            CorrectionRequestedOn = p.CorrectionRequestedOn,
            NotAcceptedReason = p.NotAcceptedReason,
            ReceivedAt = p.ReceivedAt,
            ReceivedOn = p.ReceivedOn,
            AcceptedAt = p.AcceptedAt,
            AcceptedOn = p.AcceptedOn,
            AcceptedDeemed = p.AcceptedDeemed,
            DecidedAt = p.DecidedAt,
            DecidedOn = p.DecidedOn,
            RefusalReason = p.RefusalReason,
            CompletedAt = p.CompletedAt,
            CompletedOn = p.CompletedOn,
            CertificateNumber = p.CertificateNumber,
            ResponsibleId = p.ResponsibleId,
            ResponsibleName = p.ResponsibleName,
            HolderId = p.HolderId,
            HolderName = p.HolderName,
            Clocks = Clocks(evaluator, p, suspensions, extensions),
            History = await db.QueryAsync<StageStep>(History, id, ct),
            Suspensions = suspensions,
            Extensions = extensions,
            Handoffs = await db.QueryAsync<PermitHandoffRow>(Handoffs, id, ct),
            UpdatedAt = p.UpdatedAt,
            Version = p.Version,
        };
    }

    internal PermitClocksDto Clocks(ClockEvaluator evaluator, PermitRecord p, IReadOnlyList<SuspensionRow> suspensions, IReadOnlyList<ExtensionRow> extensions)
    {
        var now = clock.GetUtcNow();
        var dueSoon = clockOptions.DueSoonFor("permit");
        var stage = p.StageValue;
        var atDesk = stage is PermitStage.Received;
        // Not accepted: the promised clock never started. Otherwise a finished application shows where it ended.
        return new PermitClocksDto
        {
            CorrectionWindow = atDesk ? ClockDto.Show(evaluator, PermitClocks.CorrectionWindow(p), now, 1, PermitClocks.CorrectionWording) : null,
            Promised = ClockDto.Show(evaluator, PermitClocks.Promised(p, suspensions), now, dueSoon, ClockWording.PermitPromised),
            Statutory = ClockDto.Show(evaluator, PermitClocks.Statutory(p, suspensions, extensions), now, dueSoon, ClockWording.PermitStatutory),
            Certificate = ClockDto.Show(evaluator, PermitClocks.Certificate(p), now, clockOptions.DueSoonFor("permit-certificate"), PermitClocks.CertificateWording),
        };
    }
}
