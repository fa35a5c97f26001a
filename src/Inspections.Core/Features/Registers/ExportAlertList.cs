using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Alerts;
using Inspections.Domain.Access;
using Mediator;
using MiniExcelLibs.Attributes;

namespace Inspections.Core.Features.Registers;

/// <summary>
/// The alert list 预警清单 as a spreadsheet: every alert <see cref="ListAlerts"/> lists for the same filters in the
/// caller's jurisdiction, in the same order, streamed row by row.
/// </summary>
public static class ExportAlertList
{
    public const string Title = "预警清单";

    [AllowedRoles(Roles.Officer, Roles.Clerk, Roles.Supervisor, Roles.Admin)]
    public sealed record Query : IQuery<RegisterFile>
    {
        [OneOf("dueSoon", "overdue")] public string? Kind { get; init; }
        public string? SubjectType { get; init; }
        public bool IncludeAcknowledged { get; init; }
        public bool Mine { get; init; }

        internal ListAlerts.Query Search => new() { Kind = Kind, SubjectType = SubjectType, IncludeAcknowledged = IncludeAcknowledged, Mine = Mine };
    }

    /// <summary>The list's own rules, with the same field names.</summary>
    public sealed class Validator : AbstractValidator<Query>
    {
        private static readonly ListAlerts.Validator Search = new();

        public Validator() => RuleFor(x => x).Custom((query, context) =>
        {
            foreach (var failure in Search.Validate(query.Search).Errors) context.AddFailure(failure);
        });
    }

    public sealed class Row
    {
        [ExcelColumn(Name = "序号", Width = 6)] public int No { get; init; }
        [ExcelColumn(Name = "预警类型", Width = 10)] public string Kind { get; init; } = "";
        [ExcelColumn(Name = "事项类型", Width = 16)] public string Subject { get; init; } = "";
        [ExcelColumn(Name = "事项", Width = 36)] public string Title { get; init; } = "";
        [ExcelColumn(Name = "预警内容", Width = 50)] public string Message { get; init; } = "";
        [ExcelColumn(Name = "到期日", Width = 12)] public string DueDate { get; init; } = "";
        [ExcelColumn(Name = "预警时间", Width = 17)] public string RaisedAt { get; init; } = "";
        [ExcelColumn(Name = "责任人", Width = 12)] public string Responsible { get; init; } = "";
        [ExcelColumn(Name = "已确认", Width = 8)] public string Acknowledged { get; init; } = "";
        [ExcelColumn(Name = "确认时间", Width = 17)] public string AcknowledgedAt { get; init; } = "";
        [ExcelColumn(Name = "所属辖区", Width = 16)] public string Jurisdiction { get; init; } = "";

        internal static Row Of(int no, AlertDto a, IReadOnlyDictionary<string, string> names) => new()
        {
            No = no, Kind = RegisterWords.AlertKind(a.Kind), Subject = RegisterWords.AlertSubject(a.SubjectType), Title = a.Title,
            Message = a.Message, DueDate = RegisterWords.Date(a.DueDate), RaisedAt = RegisterWords.DateTime(a.RaisedAt),
            Responsible = a.ResponsibleUserId ?? "", Acknowledged = RegisterWords.YesNo(a.AcknowledgedAt is not null),
            AcknowledgedAt = a.AcknowledgedAt is { } at ? RegisterWords.DateTime(at) : "",
            Jurisdiction = RegisterWords.Jurisdiction(names, a.Jurisdiction),
        };
    }

    public sealed class Handler(DbSession db, ICurrentUser user, TimeProvider clock) : IQueryHandler<Query, RegisterFile>
    {
        public async ValueTask<RegisterFile> Handle(Query query, CancellationToken ct)
        {
            var names = await RegisterWords.JurisdictionNamesAsync(db, ct);
            var rows = db.StreamAsync<AlertDto>(query.Search.Mine ? ListAlerts.SelectMine : ListAlerts.Select, ListAlerts.Parameters(query.Search, user, null, int.MaxValue), ct);
            return RegisterFile.Of(Title, RegisterWords.LocalDate(clock.GetUtcNow()),
                RegisterFile.Numbered(rows, (n, a) => Row.Of(n, a, names), ct));
        }
    }
}
