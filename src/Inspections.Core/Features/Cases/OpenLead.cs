using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Users;
using Inspections.Domain.Access;
using Inspections.Domain.Cases;
using Inspections.Domain.Venues;
using Mediator;

namespace Inspections.Core.Features.Cases;

/// <summary>
/// Records a lead 案件线索 in the caller's jurisdiction: where it came from, the party, the
/// suspected violation and the facts, and who carries it (the recorder, or an officer they name). A
/// supervisor then files it 立案 or refuses filing.
/// </summary>
public static class OpenLead
{
    public sealed record PartyInput([property: OneOf<PartyKind>] string? Kind, string? Name, string? UnifiedSocialCreditCode, string? IdNumber, string? Address);

    [NotForStations(StationBar.Cases)]
    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Command : ICommand<CaseDto>
    {
        [OneOf<CaseSource>] public string? Source { get; init; }
        /// <summary>The complaint's or letter's own number, e.g. 区长信箱 2026-031.</summary>
        public string? SourceReference { get; init; }
        /// <summary>The inspection that found it, when the source is an inspection.</summary>
        public Guid? InspectionId { get; init; }
        public Guid? VenueId { get; init; }
        public PartyInput? Party { get; init; }
        public string? ViolationCode { get; init; }
        public string? Facts { get; init; }
        /// <summary>The day of the act 违法行为发生之日 (Asia/Shanghai); with <see cref="EndedOn"/> it decides the limitation of art. 36.</summary>
        public DateOnly? OccurredOn { get; init; }
        /// <summary>For a continuing act 连续或继续状态, the day it ended 行为终了之日; the two-year limitation runs from it (行政处罚法 art. 36).</summary>
        public DateOnly? EndedOn { get; init; }
        /// <summary>
        /// The act endangered citizens' life, health or financial safety and had harmful consequences
        /// 涉及公民生命健康安全、金融安全且有危害后果: the limitation is five years instead of two (art. 36).
        /// </summary>
        public bool? SeriousHarm { get; init; }
        /// <summary>
        /// The officer who carries the case 承办人, by login: an active officer of the caller's jurisdiction.
        /// Left out, it is whoever records the lead.
        /// </summary>
        public string? OfficerId { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Source).NotEmpty().Named("案件来源", "Source")
                .DependentRules(() => RuleFor(x => x.Source).Must(s => Wire.TryParse<CaseSource>(s, out _))
                    .Says($"未知的案件来源，可选值：{Wire.Allowed<CaseSource>()}", $"Unknown source; allowed: {Wire.Allowed<CaseSource>()}"));
            RuleFor(x => x.SourceReference).MaximumLength(200).Named("来源编号", "Source reference");
            RuleFor(x => x.InspectionId).NotNull()
                .When(x => Wire.TryParse<CaseSource>(x.Source, out var s) && s == CaseSource.Inspection)
                .Says("来源为检查的线索须注明检查记录", "A lead from an inspection names the inspection");
            RuleFor(x => x.Party).NotNull().Named("当事人", "Party");
            RuleFor(x => x.Party!.Kind).Must(k => Wire.TryParse<PartyKind>(k, out _)).When(x => x.Party is not null)
                .OverridePropertyName("Party.Kind")
                .Says($"当事人类型应为：{Wire.Allowed<PartyKind>()}", $"Party kind must be one of: {Wire.Allowed<PartyKind>()}");
            RuleFor(x => x.Party!.Name).NotEmpty().MaximumLength(200).When(x => x.Party is not null && x.Party.Kind != "venue")
                .OverridePropertyName("Party.Name").Named("当事人名称", "Party name");
            RuleFor(x => x.Party!.Name).MaximumLength(200).When(x => x.Party is not null)
                .OverridePropertyName("Party.Name").Named("当事人名称", "Party name");
            RuleFor(x => x.VenueId).NotNull().When(x => x.Party?.Kind == "venue")
                .Says("当事人为场所时须选择场所", "A venue party needs the venue");
            RuleFor(x => x.Party!.UnifiedSocialCreditCode)
                .Must(UnifiedSocialCreditCode.IsValid).When(x => !string.IsNullOrEmpty(x.Party?.UnifiedSocialCreditCode))
                .OverridePropertyName("Party.UnifiedSocialCreditCode")
                .Says("统一社会信用代码格式或校验位不正确", "Unified social credit code is malformed or its check character is wrong");
            RuleFor(x => x.Party!.UnifiedSocialCreditCode).NotEmpty().When(x => x.Party?.Kind == "company")
                .OverridePropertyName("Party.UnifiedSocialCreditCode")
                .Says("当事人为单位时须填写统一社会信用代码", "A company party needs its unified social credit code");
            RuleFor(x => x.Party!.IdNumber).MaximumLength(32).When(x => x.Party is not null)
                .OverridePropertyName("Party.IdNumber").Named("身份证件号码", "ID number");
            RuleFor(x => x.Party!.Address).MaximumLength(400).When(x => x.Party is not null)
                .OverridePropertyName("Party.Address").Named("当事人地址", "Party address");
            RuleFor(x => x.ViolationCode).NotEmpty().MaximumLength(40).Named("违法行为", "Violation");
            RuleFor(x => x.Facts).NotEmpty().MaximumLength(4000).Named("违法事实", "Facts");
            RuleFor(x => x.OfficerId).MaximumLength(100).Named("承办人", "Case officer");
            RuleFor(x => x.EndedOn).GreaterThanOrEqualTo(x => x.OccurredOn!.Value).When(x => x.OccurredOn is not null && x.EndedOn is not null)
                .Says("行为终了日期不能早于违法行为发生日期", "The act cannot end before it began");
        }
    }

    private static readonly Sql Insert = new("""
        INSERT INTO cases (id, jurisdiction, stage, source, source_reference, inspection_id, venue_id, party_kind, party_name,
            party_credit_code, party_id_number, party_address, violation_code, facts, occurred_on, ended_on, serious_harm, officer_id, officer_name,
            venue_type, created_at, rights_waived, warning, license_revoked, updated_at, version)
        VALUES (@Id, @Jurisdiction, 'lead', @Source, @SourceReference, @InspectionId, @VenueId, @PartyKind, @PartyName,
            @PartyCreditCode, @PartyIdNumber, @PartyAddress, @ViolationCode, @Facts, @OccurredOn, @EndedOn, @SeriousHarm, @OfficerId, @OfficerName,
            @VenueType, @Now, @False, @False, @False, @Now, 1)
        """);

    private static readonly Sql Venue = new("""
        SELECT jurisdiction, name, operator_name, unified_social_credit_code, address, venue_type FROM venues WHERE id = @Id
        """);

    private sealed record VenueFacts
    {
        public string Jurisdiction { get; init; } = "";
        public string Name { get; init; } = "";
        public string? OperatorName { get; init; }
        public string? UnifiedSocialCreditCode { get; init; }
        public string Address { get; init; } = "";
        /// <summary>Kept with the case (cases.venue_type) for the closure rate by venue type; <see cref="Venues.UpdateVenue"/> keeps it current.</summary>
        public string? VenueType { get; init; }
    }

    public sealed class Handler(DbSession db, ICurrentUser user, TimeProvider clock, CaseView view) : ICommandHandler<Command, CaseDto>
    {
        public async ValueTask<CaseDto> Handle(Command command, CancellationToken ct)
        {
            user.EnsureCanChange(user.Jurisdiction);
            EnsureWithinLimitation(command, await view.TodayAsync(db, ct));
            var party = command.Party!;
            VenueFacts? venue = null;
            if (command.VenueId is { } venueId)
            {
                venue = await db.QuerySingleOrDefaultAsync<VenueFacts>(Venue, new { Id = venueId }, ct)
                    ?? throw Input.Invalid(nameof(Command.VenueId), "场所不存在", "No such venue");
                user.EnsureCanChange(venue.Jurisdiction);
            }
            if (command.InspectionId is { } inspectionId)
            {
                var found = await AddCaseEvidence.InspectionJurisdictionAsync(db, inspectionId, ct)
                    ?? throw Input.Invalid(nameof(Command.InspectionId), "检查记录不存在", "No such inspection");
                user.EnsureCanSee(found);
            }
            if (await db.ExecuteScalarAsync<long>(ListViolations.Exists, new { Code = command.ViolationCode!.Trim() }, ct) == 0)
                throw Input.Invalid(nameof(Command.ViolationCode), "违法行为不在目录中", "The violation is not in the catalog");
            var officer = Input.Clean(command.OfficerId) is { } officerId
                ? await NamedUsers.RequireAsync(db, user, nameof(Command.OfficerId), officerId, NamedUsers.Officer, ct)
                : new NamedUser(user.UserId, user.DisplayName, user.Jurisdiction, user.CredentialNumber);

            var now = clock.GetUtcNow();
            var id = Guid.CreateVersion7(now);
            await db.ExecuteAsync(Insert, new
            {
                Id = id,
                user.Jurisdiction,
                command.Source,
                SourceReference = Input.Clean(command.SourceReference),
                command.InspectionId,
                command.VenueId,
                PartyKind = party.Kind,
                PartyName = Input.Clean(party.Name) ?? venue?.OperatorName ?? venue!.Name,
                PartyCreditCode = Input.Clean(party.UnifiedSocialCreditCode) ?? venue?.UnifiedSocialCreditCode,
                PartyIdNumber = Input.Clean(party.IdNumber),
                PartyAddress = Input.Clean(party.Address) ?? venue?.Address,
                ViolationCode = command.ViolationCode.Trim(),
                Facts = command.Facts!.Trim(),
                command.OccurredOn,
                command.EndedOn,
                SeriousHarm = command.SeriousHarm ?? false,
                OfficerId = officer.Id,
                OfficerName = officer.DisplayName,
                venue?.VenueType,
                Now = now,
                False = false,
            }, ct);
            await CaseRows.RecordStepAsync(db, user, id, 1, null, CaseStage.Lead, now, Wire.Name(Enum.Parse<CaseSource>(command.Source!, ignoreCase: true)), ct);
            db.AuditAbout("case", id);
            return await view.BuildAsync(db, await CaseRows.LoadAsync(db, id, ct), ct);
        }

        /// <summary>
        /// Recording the lead is when the violation is discovered 发现. Dates of the act lie in the past, and an act
        /// past its limitation (行政处罚法 art. 36: two years from the act or its end, five for serious harm) can no
        /// longer be penalised, so no case is opened for it.
        /// </summary>
        private static void EnsureWithinLimitation(Command command, DateOnly today)
        {
            if (command.OccurredOn > today)
                throw Input.Invalid(nameof(Command.OccurredOn), "违法行为发生日期不能晚于今天", "The act cannot have occurred after today");
            if (command.EndedOn > today)
                throw Input.Invalid(nameof(Command.EndedOn), "行为终了日期不能晚于今天", "The act cannot have ended after today");
            if ((command.EndedOn ?? command.OccurredOn) is not { } last) return;
            var serious = command.SeriousHarm ?? false;
            if (!PursuitLimitation.IsPast(last, serious, today)) return;
            var lastDay = PursuitLimitation.LastDay(last, serious);
            var years = serious ? PursuitLimitation.SeriousHarmYears : PursuitLimitation.Years;
            throw Input.Invalid(command.EndedOn is null ? nameof(Command.OccurredOn) : nameof(Command.EndedOn),
                $"违法行为{(command.EndedOn is null ? "发生" : "终了")}于 {last:yyyy-MM-dd}，至今已超过 {years} 年（{lastDay:yyyy-MM-dd} 届满）未被发现，依《行政处罚法》第三十六条不再给予行政处罚，不能立案",
                $"The act {(command.EndedOn is null ? "occurred" : "ended")} on {last:yyyy-MM-dd} and was not discovered within {years} years (by {lastDay:yyyy-MM-dd}); under Administrative Penalty Law art. 36 it can no longer be penalised");
        }
    }
}
