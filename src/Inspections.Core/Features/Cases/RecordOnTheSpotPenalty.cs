using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Inspections.Domain.Cases;
using Inspections.Domain.Venues;
using Mediator;

namespace Inspections.Core.Features.Cases;

/// <summary>
/// Files a penalty decided on the spot under the simplified procedure 简易程序 (行政处罚法 arts. 51-52): the
/// facts are certain, the penalty is a warning or a fine of at most ¥200 for a citizen or ¥3,000 for an
/// organisation, and the officer hands the party a numbered decision form 当场处罚决定书, which is then filed
/// with the agency (备案). It is its own record, not a case: no filing, no prior-notice stage, no 90-day limit.
/// A larger fine or any other penalty goes through the general procedure (a lead, then a case).
/// </summary>
public static class RecordOnTheSpotPenalty
{
    [NotForStations(StationBar.Cases)]
    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Command : ICommand<OnTheSpotPenaltyDto>
    {
        /// <summary>The pre-printed number of the decision form 决定书编号, unique in the jurisdiction.</summary>
        public string? DocumentNumber { get; init; }
        /// <summary>The day it was decided and handed over (Asia/Shanghai); not in the future.</summary>
        public DateOnly? DecidedOn { get; init; }
        /// <summary>Where it was decided 当场处罚地点.</summary>
        public string? Place { get; init; }
        public Guid? VenueId { get; init; }
        /// <summary>A citizen (person) or an organisation (company); the fine's cap depends on which.</summary>
        public OpenLead.PartyInput? Party { get; init; }
        public string? ViolationCode { get; init; }
        public string? Facts { get; init; }
        /// <summary>The day of the act; one discovered past the limitation of art. 36 cannot be penalised.</summary>
        public DateOnly? OccurredOn { get; init; }
        public bool? Warning { get; init; }
        /// <summary>At most 200.00 for a person, 3000.00 for an organisation (art. 51).</summary>
        public decimal? FineAmount { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.DocumentNumber).NotEmpty().MaximumLength(60).Named("决定书编号", "Decision form number");
            RuleFor(x => x.DecidedOn).NotNull().Named("决定日期", "Decision date");
            RuleFor(x => x.Place).NotEmpty().MaximumLength(400).Named("处罚地点", "Place");
            RuleFor(x => x.Party).NotNull().Named("当事人", "Party");
            RuleFor(x => x.Party!.Kind).Must(k => k is "person" or "company").When(x => x.Party is not null)
                .OverridePropertyName("Party.Kind")
                .Says("简易程序的当事人应为公民（person）或法人、其他组织（company）", "The party is a citizen (person) or an organisation (company)");
            RuleFor(x => x.Party!.Name).NotEmpty().MaximumLength(200).When(x => x.Party is not null)
                .OverridePropertyName("Party.Name").Named("当事人名称", "Party name");
            RuleFor(x => x.Party!.UnifiedSocialCreditCode)
                .Must(UnifiedSocialCreditCode.IsValid).When(x => !string.IsNullOrEmpty(x.Party?.UnifiedSocialCreditCode))
                .OverridePropertyName("Party.UnifiedSocialCreditCode")
                .Says("统一社会信用代码格式或校验位不正确", "Unified social credit code is malformed or its check character is wrong");
            RuleFor(x => x.Party!.IdNumber).MaximumLength(32).When(x => x.Party is not null)
                .OverridePropertyName("Party.IdNumber").Named("身份证件号码", "ID number");
            RuleFor(x => x.ViolationCode).NotEmpty().MaximumLength(40).Named("违法行为", "Violation");
            RuleFor(x => x.Facts).NotEmpty().MaximumLength(2000).Named("违法事实", "Facts");
            RuleFor(x => x.FineAmount).GreaterThan(0).PrecisionScale(12, 2, true).Named("罚款金额", "Fine");
            RuleFor(x => x.FineAmount)
                // Compared in yuan: a fine too large for fen in a long (the sweep sends 9223372036854775808) is over the cap, not a crash.
                .Must((x, fine) => fine <= SimplifiedProcedure.FineCapFen(x.Party!.Kind == "person" ? PartyKind.Person : PartyKind.Company) / 100m)
                .When(x => x.FineAmount > 0 && x.Party?.Kind is "person" or "company")
                .Says(
                    $"简易程序当场罚款，对公民不得超过 {SimplifiedProcedure.PersonFineCapFen / 100} 元，对法人或者其他组织不得超过 {SimplifiedProcedure.OrganisationFineCapFen / 100} 元（《行政处罚法》第五十一条）；超过的应按一般程序立案",
                    $"An on-the-spot fine is at most {SimplifiedProcedure.PersonFineCapFen / 100} yuan for a citizen and {SimplifiedProcedure.OrganisationFineCapFen / 100} yuan for an organisation (Administrative Penalty Law art. 51); more needs the general procedure");
            RuleFor(x => x.Warning).Must((x, warning) => warning == true || x.FineAmount > 0)
                .Says("简易程序只能给予警告或者罚款，至少填写一项", "The simplified procedure imposes a warning or a fine: give at least one");
        }
    }

    private static readonly Sql Taken = new("SELECT COUNT(*) FROM on_the_spot_penalties WHERE jurisdiction = @Jurisdiction AND document_number = @DocumentNumber");
    private static readonly Sql VenueJurisdiction = new("SELECT jurisdiction FROM venues WHERE id = @Id");
    private static readonly Sql Insert = new("""
        INSERT INTO on_the_spot_penalties (id, jurisdiction, document_number, venue_id, party_kind, party_name, party_credit_code,
            party_id_number, violation_code, facts, occurred_on, place, decided_on, warning, fine_fen, officer_id, officer_name,
            officer_credential, created_at)
        VALUES (@Id, @Jurisdiction, @DocumentNumber, @VenueId, @PartyKind, @PartyName, @PartyCreditCode,
            @PartyIdNumber, @ViolationCode, @Facts, @OccurredOn, @Place, @DecidedOn, @Warning, @FineFen, @OfficerId, @OfficerName,
            @OfficerCredential, @Now)
        """);

    public sealed class Handler(DbSession db, ICurrentUser user, TimeProvider clock, CaseView view) : ICommandHandler<Command, OnTheSpotPenaltyDto>
    {
        public async ValueTask<OnTheSpotPenaltyDto> Handle(Command command, CancellationToken ct)
        {
            user.EnsureCanChange(user.Jurisdiction);
            var today = await view.TodayAsync(db, ct);
            var decidedOn = command.DecidedOn!.Value;
            if (decidedOn > today)
                throw Input.Invalid(nameof(Command.DecidedOn), "决定日期不能晚于今天", "The decision date cannot be after today");
            if (command.OccurredOn is { } occurred)
            {
                if (occurred > decidedOn)
                    throw Input.Invalid(nameof(Command.OccurredOn), "违法行为发生日期不能晚于决定日期", "The act cannot have occurred after the decision");
                if (PursuitLimitation.IsPast(occurred, seriousHarm: false, decidedOn))
                    throw Input.Invalid(nameof(Command.OccurredOn),
                        $"违法行为发生于 {occurred:yyyy-MM-dd}，已超过 {PursuitLimitation.Years} 年未被发现，依《行政处罚法》第三十六条不再给予行政处罚",
                        $"The act of {occurred:yyyy-MM-dd} was not discovered within {PursuitLimitation.Years} years; under Administrative Penalty Law art. 36 it can no longer be penalised");
            }
            if (command.VenueId is { } venueId)
            {
                var venueJurisdiction = await db.QuerySingleOrDefaultAsync<string>(VenueJurisdiction, new { Id = venueId }, ct)
                    ?? throw Input.Invalid(nameof(Command.VenueId), "场所不存在", "No such venue");
                user.EnsureCanChange(venueJurisdiction);
            }
            if (await db.ExecuteScalarAsync<long>(ListViolations.Exists, new { Code = command.ViolationCode!.Trim() }, ct) == 0)
                throw Input.Invalid(nameof(Command.ViolationCode), "违法行为不在目录中", "The violation is not in the catalog");
            var number = command.DocumentNumber!.Trim();
            if (await db.ExecuteScalarAsync<long>(Taken, new { user.Jurisdiction, DocumentNumber = number }, ct) > 0)
                throw new ConflictException($"决定书编号“{number}”已登记，编号不能重复使用。", $"Decision form number '{number}' is already filed; a number is used once.");

            var now = clock.GetUtcNow();
            var id = Guid.CreateVersion7(now);
            var party = command.Party!;
            await db.ExecuteAsync(Insert, new
            {
                Id = id,
                user.Jurisdiction,
                DocumentNumber = number,
                command.VenueId,
                PartyKind = party.Kind,
                PartyName = party.Name!.Trim(),
                PartyCreditCode = Input.Clean(party.UnifiedSocialCreditCode),
                PartyIdNumber = Input.Clean(party.IdNumber),
                ViolationCode = command.ViolationCode.Trim(),
                Facts = command.Facts!.Trim(),
                command.OccurredOn,
                Place = command.Place!.Trim(),
                DecidedOn = decidedOn,
                Warning = command.Warning == true,
                FineFen = command.FineAmount > 0 ? CaseWire.Fen(command.FineAmount) : null,
                OfficerId = user.UserId,
                OfficerName = user.DisplayName,
                OfficerCredential = user.CredentialNumber,
                Now = now,
            }, ct);
            db.AuditAbout("on-the-spot-penalty", id);
            return await OnTheSpotPenalties.LoadAsync(db, user, id, ct);
        }
    }
}
