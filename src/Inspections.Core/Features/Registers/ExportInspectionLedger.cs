using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Inspections;
using Inspections.Core.Features.Jurisdictions;
using Inspections.Core.Features.Venues;
using Inspections.Domain.Access;
using Inspections.Domain.Inspections;
using Mediator;
using MiniExcelLibs.Attributes;

namespace Inspections.Core.Features.Registers;

/// <summary>
/// The inspection ledger 检查台账 as a spreadsheet: every inspection <see cref="SearchInspections"/> finds for the
/// same filters (same jurisdiction scoping and roles), newest first as the search lists them, streamed row by row.
/// </summary>
public static class ExportInspectionLedger
{
    public const string Title = "检查台账";

    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Query : IQuery<RegisterFile>
    {
        public Guid? VenueId { get; init; }
        public string? Officer { get; init; }
        public DateOnly? From { get; init; }
        public DateOnly? To { get; init; }
        [OneOf<InspectionKind>] public string? Kind { get; init; }
        [OneOf<InspectionOutcome>] public string? Outcome { get; init; }
        public Guid? CampaignId { get; init; }
        public bool? LeadsPending { get; init; }
        public string? Jurisdiction { get; init; }

        internal SearchInspections.Query Search => new()
        {
            VenueId = VenueId, Officer = Officer, From = From, To = To, Kind = Kind, Outcome = Outcome,
            CampaignId = CampaignId, LeadsPending = LeadsPending, Jurisdiction = Jurisdiction,
        };
    }

    /// <summary>The search's own rules, with the same field names.</summary>
    public sealed class Validator : AbstractValidator<Query>
    {
        private static readonly SearchInspections.Validator Search = new();

        public Validator() => RuleFor(x => x).Custom((query, context) =>
        {
            foreach (var failure in Search.Validate(query.Search).Errors) context.AddFailure(failure);
        });
    }

    public sealed class Row
    {
        [ExcelColumn(Name = "序号", Width = 6)] public int No { get; init; }
        [ExcelColumn(Name = "检查日期", Width = 12)] public string Date { get; init; } = "";
        [ExcelColumn(Name = "开始时间", Width = 17)] public string StartedAt { get; init; } = "";
        [ExcelColumn(Name = "结束时间", Width = 17)] public string EndedAt { get; init; } = "";
        [ExcelColumn(Name = "场所名称", Width = 30)] public string VenueName { get; init; } = "";
        [ExcelColumn(Name = "场所类型", Width = 20)] public string VenueType { get; init; } = "";
        [ExcelColumn(Name = "检查类型", Width = 12)] public string Kind { get; init; } = "";
        [ExcelColumn(Name = "处理结果", Width = 14)] public string Outcome { get; init; } = "";
        [ExcelColumn(Name = "违规项数", Width = 8)] public int Violations { get; init; }
        [ExcelColumn(Name = "整改期限", Width = 12)] public string RectificationDueOn { get; init; } = "";
        [ExcelColumn(Name = "转立案线索", Width = 10)] public string CaseLead { get; init; } = "";
        [ExcelColumn(Name = "责令停业", Width = 10)] public string VenueClosed { get; init; } = "";
        [ExcelColumn(Name = "所属辖区", Width = 16)] public string Jurisdiction { get; init; } = "";

        internal static Row Of(int no, SearchInspections.InspectionSummaryDto i, IReadOnlyDictionary<string, string> names) => new()
        {
            No = no, Date = RegisterWords.Date(i.StartedAt), StartedAt = RegisterWords.DateTime(i.StartedAt), EndedAt = RegisterWords.DateTime(i.EndedAt),
            VenueName = i.VenueName, VenueType = RegisterWords.VenueType(i.VenueType), Kind = RegisterWords.InspectionKind(i.Kind),
            Outcome = RegisterWords.InspectionOutcome(i.Outcome), Violations = i.Violations,
            RectificationDueOn = RegisterWords.Date(i.RectificationDueOn), CaseLead = RegisterWords.YesNo(i.CaseLead),
            VenueClosed = RegisterWords.YesNo(i.VenueClosed), Jurisdiction = RegisterWords.Jurisdiction(names, i.Jurisdiction),
        };
    }

    public sealed class Handler(DbSession db, ICurrentUser user, TimeProvider clock) : IQueryHandler<Query, RegisterFile>
    {
        public async ValueTask<RegisterFile> Handle(Query query, CancellationToken ct)
        {
            var scope = query.Jurisdiction ?? user.Jurisdiction;
            user.EnsureCanSee(scope);
            if (query.Jurisdiction is not null) await JurisdictionRows.EnsureKnownAsync(db, nameof(Query.Jurisdiction), query.Jurisdiction, ct);
            if (query.VenueId is { } venueId) user.EnsureCanSee((await VenueRow.LoadAsync(db, venueId, ct)).Jurisdiction);
            var names = await RegisterWords.JurisdictionNamesAsync(db, ct);
            var rows = db.StreamAsync<SearchInspections.InspectionSummaryDto>(SearchInspections.Select(query.Search),
                SearchInspections.Parameters(query.Search, scope, null, int.MaxValue), ct);
            return RegisterFile.Of(Title, RegisterWords.LocalDate(clock.GetUtcNow()),
                RegisterFile.Numbered(rows, (n, i) => Row.Of(n, i, names), ct));
        }
    }
}
