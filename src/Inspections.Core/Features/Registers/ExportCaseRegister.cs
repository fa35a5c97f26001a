using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Cases;
using Inspections.Domain.Access;
using Inspections.Domain.Cases;
using Mediator;
using MiniExcelLibs.Attributes;

namespace Inspections.Core.Features.Registers;

/// <summary>
/// The case register 案件台账 as a spreadsheet: every case <see cref="SearchCases"/> finds for the same filters in the
/// caller's jurisdiction, newest first as the search lists them, streamed row by row.
/// </summary>
public static class ExportCaseRegister
{
    public const string Title = "案件台账";

    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Query : IQuery<RegisterFile>
    {
        [OneOf<CaseStage>] public string? Stage { get; init; }
        public bool? OpenOnly { get; init; }
        public string? OfficerId { get; init; }
        public Guid? VenueId { get; init; }
        public string? ViolationCode { get; init; }
        public DateOnly? FiledFrom { get; init; }
        public DateOnly? FiledTo { get; init; }
        public string? CaseNumber { get; init; }

        internal SearchCases.Query Search => new()
        {
            Stage = Stage, OpenOnly = OpenOnly, OfficerId = OfficerId, VenueId = VenueId, ViolationCode = ViolationCode,
            FiledFrom = FiledFrom, FiledTo = FiledTo, CaseNumber = CaseNumber,
        };
    }

    /// <summary>The search's own rules, with the same field names.</summary>
    public sealed class Validator : AbstractValidator<Query>
    {
        private static readonly SearchCases.Validator Search = new();

        public Validator() => RuleFor(x => x).Custom((query, context) =>
        {
            foreach (var failure in Search.Validate(query.Search).Errors) context.AddFailure(failure);
        });
    }

    public sealed class Row
    {
        [ExcelColumn(Name = "序号", Width = 6)] public int No { get; init; }
        [ExcelColumn(Name = "案号", Width = 26)] public string CaseNumber { get; init; } = "";
        [ExcelColumn(Name = "当事人", Width = 28)] public string PartyName { get; init; } = "";
        [ExcelColumn(Name = "违法行为", Width = 36)] public string Violation { get; init; } = "";
        [ExcelColumn(Name = "案件来源", Width = 10)] public string Source { get; init; } = "";
        [ExcelColumn(Name = "办理阶段", Width = 10)] public string Stage { get; init; } = "";
        [ExcelColumn(Name = "承办人", Width = 10)] public string Officer { get; init; } = "";
        [ExcelColumn(Name = "立案日期", Width = 12)] public string FiledOn { get; init; } = "";
        [ExcelColumn(Name = "登记日期", Width = 12)] public string CreatedOn { get; init; } = "";
        [ExcelColumn(Name = "所属辖区", Width = 16)] public string Jurisdiction { get; init; } = "";

        internal static Row Of(int no, SearchCases.CaseSummary c, IReadOnlyDictionary<string, string> names) => new()
        {
            No = no, CaseNumber = c.CaseNumber ?? "", PartyName = c.PartyName, Violation = c.ViolationName,
            Source = RegisterWords.CaseSource(c.Source), Stage = RegisterWords.CaseStage(c.Stage), Officer = c.OfficerName,
            FiledOn = RegisterWords.Date(c.FiledOn), CreatedOn = RegisterWords.Date(c.CreatedAt),
            Jurisdiction = RegisterWords.Jurisdiction(names, c.Jurisdiction),
        };
    }

    public sealed class Handler(DbSession db, ICurrentUser user, TimeProvider clock) : IQueryHandler<Query, RegisterFile>
    {
        public async ValueTask<RegisterFile> Handle(Query query, CancellationToken ct)
        {
            var names = await RegisterWords.JurisdictionNamesAsync(db, ct);
            var rows = db.StreamAsync<SearchCases.CaseSummary>(SearchCases.Select,
                SearchCases.Parameters(query.Search, user.Jurisdiction, null, int.MaxValue), ct);
            return RegisterFile.Of(Title, RegisterWords.LocalDate(clock.GetUtcNow()),
                RegisterFile.Numbered(rows, (n, c) => Row.Of(n, c, names), ct));
        }
    }
}
