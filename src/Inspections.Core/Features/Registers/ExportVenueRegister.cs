using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Jurisdictions;
using Inspections.Core.Features.Venues;
using Inspections.Domain.Access;
using Inspections.Domain.Venues;
using Mediator;
using MiniExcelLibs.Attributes;

namespace Inspections.Core.Features.Registers;

/// <summary>
/// The venue register 场所台账 as a spreadsheet: every venue <see cref="SearchVenues"/> finds for the same filters
/// (same jurisdiction scoping and roles), in the same order, all pages at once, streamed row by row.
/// </summary>
public static class ExportVenueRegister
{
    public const string Title = "场所台账";

    [AllowedRoles(Roles.Officer, Roles.Clerk, Roles.Supervisor, Roles.Admin)]
    public sealed record Query : IQuery<RegisterFile>
    {
        [OneOf<VenueType>] public string? Type { get; init; }
        [OneOf<LicenseStatus>] public string? LicenseStatus { get; init; }
        public string? Name { get; init; }
        public string? Jurisdiction { get; init; }

        internal SearchVenues.Query Search => new() { Type = Type, LicenseStatus = LicenseStatus, Name = Name, Jurisdiction = Jurisdiction };
    }

    /// <summary>The search's own rules, with the same field names.</summary>
    public sealed class Validator : AbstractValidator<Query>
    {
        private static readonly SearchVenues.Validator Search = new();

        public Validator() => RuleFor(x => x).Custom((query, context) =>
        {
            foreach (var failure in Search.Validate(query.Search).Errors) context.AddFailure(failure);
        });
    }

    public sealed class Row
    {
        [ExcelColumn(Name = "序号", Width = 6)] public int No { get; init; }
        [ExcelColumn(Name = "场所名称", Width = 30)] public string Name { get; init; } = "";
        [ExcelColumn(Name = "场所类型", Width = 20)] public string Type { get; init; } = "";
        [ExcelColumn(Name = "证照状态", Width = 10)] public string LicenseStatus { get; init; } = "";
        [ExcelColumn(Name = "许可证号", Width = 22)] public string LicenseNumber { get; init; } = "";
        [ExcelColumn(Name = "许可证有效期至", Width = 14)] public string LicenseValidUntil { get; init; } = "";
        [ExcelColumn(Name = "经营地址", Width = 36)] public string Address { get; init; } = "";
        [ExcelColumn(Name = "经营者", Width = 12)] public string OperatorName { get; init; } = "";
        [ExcelColumn(Name = "法定代表人", Width = 12)] public string LegalRepresentative { get; init; } = "";
        [ExcelColumn(Name = "统一社会信用代码", Width = 22)] public string CreditCode { get; init; } = "";
        [ExcelColumn(Name = "所属辖区", Width = 16)] public string Jurisdiction { get; init; } = "";
        [ExcelColumn(Name = "终端数", Width = 8)] public int? Terminals { get; init; }
        [ExcelColumn(Name = "包房数", Width = 8)] public int? Rooms { get; init; }
        [ExcelColumn(Name = "登记日期", Width = 12)] public string RegisteredOn { get; init; } = "";

        internal static Row Of(int no, VenueDto v, IReadOnlyDictionary<string, string> names) => new()
        {
            No = no, Name = v.Name, Type = RegisterWords.VenueType(v.Type), LicenseStatus = RegisterWords.LicenseStatus(v.LicenseStatus),
            LicenseNumber = v.LicenseNumber ?? "", LicenseValidUntil = RegisterWords.Date(v.LicenseValidUntil), Address = v.Address,
            OperatorName = v.OperatorName ?? "", LegalRepresentative = v.LegalRepresentative ?? "", CreditCode = v.UnifiedSocialCreditCode ?? "",
            Jurisdiction = RegisterWords.Jurisdiction(names, v.Jurisdiction), Terminals = v.Terminals, Rooms = v.Rooms,
            RegisteredOn = RegisterWords.Date(v.CreatedAt),
        };
    }

    public sealed class Handler(DbSession db, ICurrentUser user, TimeProvider clock) : IQueryHandler<Query, RegisterFile>
    {
        public async ValueTask<RegisterFile> Handle(Query query, CancellationToken ct)
        {
            var scope = query.Jurisdiction ?? user.Jurisdiction;
            user.EnsureCanSee(scope);
            if (query.Jurisdiction is not null) await JurisdictionRows.EnsureKnownAsync(db, nameof(Query.Jurisdiction), query.Jurisdiction, ct);
            var names = await RegisterWords.JurisdictionNamesAsync(db, ct);
            var rows = db.StreamAsync<VenueDto>(SearchVenues.SelectRange, SearchVenues.Parameters(query.Search, scope, null, int.MaxValue), ct);
            return RegisterFile.Of(Title, RegisterWords.LocalDate(clock.GetUtcNow()),
                RegisterFile.Numbered(rows, (n, v) => Row.Of(n, v, names), ct));
        }
    }
}
