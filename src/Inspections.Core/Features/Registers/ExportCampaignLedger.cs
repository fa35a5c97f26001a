using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Unlicensed;
using Inspections.Domain.Access;
using Mediator;
using MiniExcelLibs.Attributes;

namespace Inspections.Core.Features.Registers;

/// <summary>
/// The campaign ledger 整治台账 of an unlicensed-venue campaign as a spreadsheet: the venues
/// <see cref="ListUnlicensedCampaignVenues"/> lists, in the same order, with the notice, the four prerequisites and
/// the outcome, streamed row by row.
/// </summary>
public static class ExportCampaignLedger
{
    public const string Title = "整治台账";

    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Query : IQuery<RegisterFile>
    {
        public Guid? CampaignId { get; init; }
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(x => x.CampaignId).NotEmpty().Named("整治行动", "Campaign");
    }

    internal sealed record CampaignVenue
    {
        public Guid Id { get; init; }
        public string VenueName { get; init; } = "";
        public string VenueType { get; init; } = "";
        public string Address { get; init; } = "";
        public string? OperatorName { get; init; }
        public string Jurisdiction { get; init; } = "";
        public DateOnly FoundOn { get; init; }
        public string? SurveyNote { get; init; }
        public DateOnly? NoticeIssuedOn { get; init; }
        public DateOnly? NoticeDueOn { get; init; }
        public string? Fire { get; init; }
        public string? Commerce { get; init; }
        public string? Environment { get; init; }
        public string? Health { get; init; }
        public string? Outcome { get; init; }
        public DateOnly? OutcomeOn { get; init; }
        public string? CertificateNumber { get; init; }
    }

    // The list's order (found_on, name, id); one row per venue with its four prerequisites side by side.
    internal static readonly Sql Select = new("""
        SELECT cv.id, v.name AS venue_name, v.venue_type, v.address, v.operator_name, v.jurisdiction, cv.found_on, cv.survey_note,
            cv.notice_issued_on, cv.notice_due_on, pf.status AS fire, pc.status AS commerce, pe.status AS environment, ph.status AS health,
            cv.outcome, cv.outcome_on, cv.certificate_number
        FROM unlicensed_campaign_venues cv JOIN venues v ON v.id = cv.venue_id
        LEFT JOIN unlicensed_prerequisites pf ON pf.campaign_venue_id = cv.id AND pf.department = 'fire'
        LEFT JOIN unlicensed_prerequisites pc ON pc.campaign_venue_id = cv.id AND pc.department = 'commerce'
        LEFT JOIN unlicensed_prerequisites pe ON pe.campaign_venue_id = cv.id AND pe.department = 'environment'
        LEFT JOIN unlicensed_prerequisites ph ON ph.campaign_venue_id = cv.id AND ph.department = 'health'
        WHERE cv.campaign_id = @CampaignId
        ORDER BY cv.found_on, v.name, cv.id
        """);

    public sealed class Row
    {
        [ExcelColumn(Name = "序号", Width = 6)] public int No { get; init; }
        [ExcelColumn(Name = "场所名称", Width = 30)] public string Name { get; init; } = "";
        [ExcelColumn(Name = "场所类型", Width = 20)] public string Type { get; init; } = "";
        [ExcelColumn(Name = "经营地址", Width = 36)] public string Address { get; init; } = "";
        [ExcelColumn(Name = "经营者", Width = 12)] public string OperatorName { get; init; } = "";
        [ExcelColumn(Name = "所在辖区", Width = 16)] public string Jurisdiction { get; init; } = "";
        [ExcelColumn(Name = "排查日期", Width = 12)] public string FoundOn { get; init; } = "";
        [ExcelColumn(Name = "排查情况", Width = 30)] public string SurveyNote { get; init; } = "";
        [ExcelColumn(Name = "整改通知日期", Width = 12)] public string NoticeIssuedOn { get; init; } = "";
        [ExcelColumn(Name = "整改期限", Width = 12)] public string NoticeDueOn { get; init; } = "";
        [ExcelColumn(Name = "消防", Width = 8)] public string Fire { get; init; } = "";
        [ExcelColumn(Name = "工商", Width = 8)] public string Commerce { get; init; } = "";
        [ExcelColumn(Name = "环保", Width = 8)] public string Environment { get; init; } = "";
        [ExcelColumn(Name = "卫生", Width = 8)] public string Health { get; init; } = "";
        [ExcelColumn(Name = "整治结果", Width = 12)] public string Outcome { get; init; } = "";
        [ExcelColumn(Name = "结果日期", Width = 12)] public string OutcomeOn { get; init; } = "";
        [ExcelColumn(Name = "证书编号", Width = 20)] public string CertificateNumber { get; init; } = "";

        internal static Row Of(int no, CampaignVenue v, IReadOnlyDictionary<string, string> names) => new()
        {
            No = no, Name = v.VenueName, Type = RegisterWords.VenueType(v.VenueType), Address = v.Address, OperatorName = v.OperatorName ?? "",
            Jurisdiction = RegisterWords.Jurisdiction(names, v.Jurisdiction), FoundOn = RegisterWords.Date(v.FoundOn), SurveyNote = v.SurveyNote ?? "",
            NoticeIssuedOn = RegisterWords.Date(v.NoticeIssuedOn), NoticeDueOn = RegisterWords.Date(v.NoticeDueOn),
            Fire = RegisterWords.Prerequisite(v.Fire), Commerce = RegisterWords.Prerequisite(v.Commerce),
            Environment = RegisterWords.Prerequisite(v.Environment), Health = RegisterWords.Prerequisite(v.Health),
            Outcome = RegisterWords.Outcome(v.Outcome), OutcomeOn = RegisterWords.Date(v.OutcomeOn), CertificateNumber = v.CertificateNumber ?? "",
        };
    }

    public sealed class Handler(DbSession db, ICurrentUser user, TimeProvider clock) : IQueryHandler<Query, RegisterFile>
    {
        public async ValueTask<RegisterFile> Handle(Query query, CancellationToken ct)
        {
            var campaign = await UnlicensedRows.VisibleCampaignAsync(db, user, query.CampaignId!.Value, ct);
            var names = await RegisterWords.JurisdictionNamesAsync(db, ct);
            var rows = db.StreamAsync<CampaignVenue>(Select, new { CampaignId = campaign.Id }, ct);
            return RegisterFile.Of($"{Title}（{Safe(campaign.Name)}）", RegisterWords.LocalDate(clock.GetUtcNow()),
                RegisterFile.Numbered(rows, (n, v) => Row.Of(n, v, names), ct));
        }

        /// <summary>What a file or sheet name cannot hold left out, at most 20 characters.</summary>
        private static string Safe(string name)
        {
            var safe = new string(name.Where(c => !Path.GetInvalidFileNameChars().Contains(c) && "\\/:*?\"<>|[]".IndexOf(c) < 0 && !char.IsControl(c)).ToArray()).Trim();
            return safe.Length > 20 ? safe[..20] : safe;
        }
    }
}
