using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Calendar;
using Inspections.Domain.Calendar;
using Inspections.Domain.Cases;

namespace Inspections.Core.Features.Cases;

/// <summary>Assembles the case the API shows from its row and child rows.</summary>
public sealed class CaseView(CalendarStore calendars, ClockOptions clockOptions, CaseOptions caseOptions, TimeProvider clock)
{
    private static readonly Sql Violation = new("""
        SELECT code, name, legal_basis, penalty_basis FROM violation_catalog WHERE code = @Code
        """);
    private static readonly Sql History = new("""
        SELECT from_stage, to_stage, actor_id, actor_name, actor_role, occurred_at, note
        FROM case_stage_history WHERE case_id = @Id ORDER BY case_version
        """);
    internal static readonly Sql Suspensions = new("""
        SELECT id, kind, start_on, end_on, reason FROM case_suspensions WHERE case_id = @Id ORDER BY start_on, id
        """);
    internal static readonly Sql Extensions = new("""
        SELECT id, days, reason, approver_name, approved_at FROM case_extensions WHERE case_id = @Id ORDER BY approved_at, id
        """);
    private static readonly Sql Evidence = new("""
        SELECT id, kind, reference, description, added_at, added_by FROM case_evidence WHERE case_id = @Id ORDER BY added_at, id
        """);
    private static readonly Sql EvidenceFile = new("""
        SELECT inspection_id, content_type, file_name FROM inspection_evidence WHERE id = @Id
        """);
    private static readonly Sql Challenges = new("""
        SELECT id, kind, authority, filed_on, outcome, decided_on, note FROM case_challenges WHERE case_id = @Id ORDER BY filed_on, id
        """);
    private static readonly Sql Referrals = new("""
        SELECT id, department, reason, sent_on FROM case_referrals WHERE case_id = @Id ORDER BY sent_on, id
        """);

    /// <summary>The case as it stands after a change made in this request.</summary>
    internal async Task<CaseDto> ReloadAsync(DbSession db, Guid id, CancellationToken ct) =>
        await BuildAsync(db, await CaseRows.LoadAsync(db, id, ct), ct);

    /// <summary>Today in the deadline time zone: dates people enter are checked against it.</summary>
    internal async Task<DateOnly> TodayAsync(DbSession db, CancellationToken ct) =>
        (await calendars.EvaluatorAsync(db, ct)).LocalDate(clock.GetUtcNow());

    internal async Task<CaseDto> BuildAsync(DbSession db, CaseRecord c, CancellationToken ct)
    {
        var id = new { c.Id };
        var violation = await db.QuerySingleOrDefaultAsync<CaseViolation>(Violation, new { Code = c.ViolationCode }, ct) ?? new CaseViolation { Code = c.ViolationCode };
        var suspensions = await db.QueryAsync<SuspensionRow>(Suspensions, id, ct);
        var extensions = await db.QueryAsync<ExtensionRow>(Extensions, id, ct);
        var evaluator = await calendars.EvaluatorAsync(db, ct);
        var stage = c.StageValue;
        return new CaseDto
        {
            Id = c.Id,
            Jurisdiction = c.Jurisdiction,
            Stage = c.Stage,
            StageName = CaseWire.Describe(stage),
            AllowedNext = CaseStageMachine.AllowedNext(stage).Select(Wire.Name).ToList(),
            CaseNumber = c.CaseNumber,
            Source = c.Source,
            SourceReference = c.SourceReference,
            InspectionId = c.InspectionId,
            VenueId = c.VenueId,
            Party = new CaseParty
            {
                Kind = c.PartyKind, Name = c.PartyName, UnifiedSocialCreditCode = c.PartyCreditCode,
                IdNumber = c.PartyIdNumber, Address = c.PartyAddress,
            },
            Violation = violation,
            Facts = c.Facts,
            OccurredOn = c.OccurredOn,
            EndedOn = c.EndedOn,
            SeriousHarm = c.SeriousHarm,
            LimitationEndsOn = (c.EndedOn ?? c.OccurredOn) is { } last ? PursuitLimitation.LastDay(last, c.SeriousHarm) : null,
            OfficerId = c.OfficerId,
            OfficerName = c.OfficerName,
            CreatedAt = c.CreatedAt,
            FiledAt = c.FiledAt,
            FiledOn = c.FiledOn,
            NotFiledReason = c.NotFiledReason,
            PriorNoticeOn = c.PriorNoticeOn,
            RightsWaived = c.RightsWaived,
            ProposedPenalty = c.PriorNoticeOn is null || c.ProposedWarning is null ? null : new CaseProposedPenalty
            {
                Warning = c.ProposedWarning == true,
                FineAmount = CaseWire.Yuan(c.ProposedFineFen),
                ConfiscatedIncome = CaseWire.Yuan(c.ProposedConfiscatedIncomeFen),
                ConfiscatedItems = c.ProposedConfiscatedItems,
                SuspensionDays = c.ProposedSuspensionDays,
                LicenseRevoked = c.ProposedLicenseRevoked == true,
            },
            HearingRequestedOn = c.HearingRequestedOn,
            Decision = c.DecidedAt is { } decidedAt ? new CaseDecision
            {
                Kind = c.DecisionKind ?? "",
                DecidedAt = decidedAt,
                DecidedOn = c.DecidedOn ?? evaluator.LocalDate(decidedAt),
                Warning = c.Warning,
                FineAmount = CaseWire.Yuan(c.FineFen),
                ConfiscatedIncome = CaseWire.Yuan(c.ConfiscatedIncomeFen),
                ConfiscatedItems = c.ConfiscatedItems,
                SuspensionDays = c.SuspensionDays,
                LicenseRevoked = c.LicenseRevoked,
                TransferredTo = c.TransferredTo,
            } : null,
            ServedAt = c.ServedAt,
            ServiceMethod = c.ServiceMethod,
            FinePaidOn = c.FinePaidOn,
            FinePaidAmount = CaseWire.Yuan(c.FinePaidFen),
            LateSurcharge = Surcharge(evaluator, c),
            ItemsDisposed = c.ItemsDisposed,
            ExecutedAt = c.ExecutedAt,
            ClosedAt = c.ClosedAt,
            ArchivedAt = c.ArchivedAt,
            WithdrawnAt = c.WithdrawnAt,
            WithdrawalReason = c.WithdrawalReason,
            Clocks = Clocks(evaluator, c, suspensions, extensions),
            History = await db.QueryAsync<StageStep>(History, id, ct),
            Suspensions = suspensions,
            Extensions = extensions,
            Evidence = await EvidenceAsync(db, c.Id, ct),
            Challenges = await db.QueryAsync<ChallengeRow>(Challenges, id, ct),
            Referrals = await db.QueryAsync<ReferralRow>(Referrals, id, ct),
            UpdatedAt = c.UpdatedAt,
            Version = c.Version,
        };
    }

    /// <summary>The case's evidence; a photo or recording with the inspection file it names (for the page's players and pictures).</summary>
    private static async Task<IReadOnlyList<EvidenceRow>> EvidenceAsync(DbSession db, Guid caseId, CancellationToken ct)
    {
        var rows = await db.QueryAsync<EvidenceRow>(Evidence, new { Id = caseId }, ct);
        var result = new List<EvidenceRow>(rows.Count);
        foreach (var row in rows)
        {
            if (row.Kind is "photo" or "recording" && Guid.TryParse(row.Reference, out var fileId)
                && await db.QuerySingleOrDefaultAsync<EvidenceFileRow>(EvidenceFile, new { Id = fileId }, ct) is { } file)
                result.Add(row with { InspectionId = file.InspectionId, ContentType = file.ContentType, FileName = file.FileName });
            else
                result.Add(row);
        }
        return result;
    }

    private sealed record EvidenceFileRow
    {
        public Guid InspectionId { get; init; }
        public string ContentType { get; init; } = "";
        public string FileName { get; init; } = "";
    }

    private CaseSurcharge? Surcharge(ClockEvaluator evaluator, CaseRecord c)
    {
        var on = c.FinePaidOn ?? evaluator.LocalDate(c.WithdrawnAt ?? clock.GetUtcNow());
        if (CaseClocks.Surcharge(c, evaluator, on) is not { } s) return null;
        var amount = CaseWire.Yuan(s.Fen) ?? 0m;
        var explanation = s.DaysLate == 0
            ? $"缴款期限至 {s.PaymentDueDate:yyyy-MM-dd}，{(c.FinePaidOn is null ? "截至" : "已于")} {s.On:yyyy-MM-dd}{(c.FinePaidOn is null ? "未逾期" : "按期缴纳")}，无加处罚款"
            : $"缴款期限至 {s.PaymentDueDate:yyyy-MM-dd}，{(c.FinePaidOn is null ? "截至" : "于")} {s.On:yyyy-MM-dd}{(c.FinePaidOn is null ? "已逾期" : "缴纳，逾期")} {s.DaysLate} 日，"
              + $"依《行政处罚法》第七十二条每日按罚款数额的 {LateSurcharge.PercentPerDay}% 加处罚款 {amount:0.00} 元"
              + (s.Fen == c.FineFen ? "（已达罚款数额上限）" : "");
        return new CaseSurcharge
        {
            PaymentDueDate = s.PaymentDueDate, AsOf = s.On, DaysLate = s.DaysLate, PercentPerDay = LateSurcharge.PercentPerDay,
            Amount = amount, Cap = CaseWire.Yuan(c.FineFen) ?? 0m, PaidAmount = CaseWire.Yuan(c.SurchargePaidFen), Explanation = explanation,
        };
    }

    private static bool WaitsOnParty(CaseRecord c) => c.StageValue == CaseStage.PriorNotice && !c.RightsWaived;

    private CaseClocksDto Clocks(ClockEvaluator evaluator, CaseRecord c, IReadOnlyList<SuspensionRow> suspensions, IReadOnlyList<ExtensionRow> extensions)
    {
        var now = clock.GetUtcNow();
        var dueSoon = clockOptions.DueSoonFor("case");
        // A withdrawn case's limits stop mattering: show where they stood when it was withdrawn.
        var asOf = c.WithdrawnAt ?? now;
        var paidAt = c.FinePaidOn is { } paid
            ? new DateTimeOffset(paid.ToDateTime(TimeOnly.MinValue), evaluator.TimeZone.GetUtcOffset(paid.ToDateTime(TimeOnly.MinValue)))
            : (DateTimeOffset?)null;
        return new CaseClocksDto
        {
            // The party's period shows while the case waits on it; a waiver or the next step ends it.
            Statement = WaitsOnParty(c)
                ? ClockDto.Show(evaluator, CaseClocks.Statement(c, caseOptions.HearingRequestDays), asOf, clockOptions.DueSoonFor("case-statement"), CaseClocks.StatementWording)
                : null,
            Decision = ClockDto.Show(evaluator, CaseClocks.Decision(c, suspensions, extensions), asOf, dueSoon, ClockWording.PenaltyCase),
            Service = ClockDto.Show(evaluator, CaseClocks.Service(c, c.ServedAt), asOf, clockOptions.DueSoonFor("case-service"), CaseClocks.ServiceWording),
            Payment = ClockDto.Show(evaluator, CaseClocks.Payment(c, paidAt), asOf, clockOptions.DueSoonFor("case-payment"), CaseClocks.PaymentWording),
        };
    }

}
