using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Inspections.Domain.Permits;
using Mediator;
using MiniExcelLibs.Attributes;

namespace Inspections.Core.Features.Registers;

/// <summary>
/// The window ledger 窗口受理台账: every application of the caller's jurisdiction (all stages, open or closed) by
/// stage, kind and receipt period (Beijing dates, inclusive), in the order received, streamed row by row.
/// </summary>
public static class ExportWindowLedger
{
    public const string Title = "窗口受理台账";

    [AllowedRoles(Roles.Clerk, Roles.Supervisor, Roles.Admin)]
    public sealed record Query : IQuery<RegisterFile>
    {
        [OneOf<PermitStage>] public string? Stage { get; init; }
        [OneOf<PermitKind>] public string? Kind { get; init; }
        /// <summary>Received on or after (收件日期起).</summary>
        public DateOnly? From { get; init; }
        /// <summary>Received on or before (收件日期止).</summary>
        public DateOnly? To { get; init; }
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(x => x.Stage).Must(Wire.IsValid<PermitStage>).When(x => x.Stage is not null)
                .Says($"未知的办理阶段，可选值：{Wire.Allowed<PermitStage>()}", $"Unknown stage; allowed: {Wire.Allowed<PermitStage>()}");
            RuleFor(x => x.Kind).Must(Wire.IsValid<PermitKind>).When(x => x.Kind is not null)
                .Says($"未知的申请类型，可选值：{Wire.Allowed<PermitKind>()}", $"Unknown kind; allowed: {Wire.Allowed<PermitKind>()}");
            RuleFor(x => x.To).GreaterThanOrEqualTo(x => x.From).When(x => x.From is not null && x.To is not null)
                .Says("结束日期不能早于开始日期", "The period ends before it starts");
        }
    }

    internal sealed record Application
    {
        public Guid Id { get; init; }
        public string Jurisdiction { get; init; } = "";
        public string ItemName { get; init; } = "";
        public string Kind { get; init; } = "";
        public string Stage { get; init; } = "";
        public string ApplicantName { get; init; } = "";
        public string? ApplicantCreditCode { get; init; }
        public DateOnly ReceivedOn { get; init; }
        public DateOnly? AcceptedOn { get; init; }
        public int StatutoryLimitDays { get; init; }
        public int PromisedLimitDays { get; init; }
        public DateOnly? CompletedOn { get; init; }
        public string? CertificateNumber { get; init; }
        public string ResponsibleName { get; init; } = "";
    }

    // Optional filters are switched by integer flags: PostgreSQL cannot type a bare "@p IS NULL" for a date.
    internal static readonly Sql Select = new("""
        SELECT p.id, p.jurisdiction, p.item_name, p.kind, p.stage, p.applicant_name, p.applicant_credit_code, p.received_on,
            p.accepted_on, p.statutory_limit_days, p.promised_limit_days, p.completed_on, p.certificate_number, p.responsible_name
        FROM permit_applications p
        WHERE p.jurisdiction BETWEEN @JurisdictionFirst AND @JurisdictionLast
          AND (@Stage IS NULL OR p.stage = @Stage)
          AND (@Kind IS NULL OR p.kind = @Kind)
          AND (@HasFrom = 0 OR p.received_on >= @From)
          AND (@HasTo = 0 OR p.received_on <= @To)
        ORDER BY p.received_at, p.id
        """);

    public sealed class Row
    {
        [ExcelColumn(Name = "序号", Width = 6)] public int No { get; init; }
        [ExcelColumn(Name = "收件日期", Width = 12)] public string ReceivedOn { get; init; } = "";
        [ExcelColumn(Name = "申请人", Width = 28)] public string Applicant { get; init; } = "";
        [ExcelColumn(Name = "统一社会信用代码", Width = 22)] public string CreditCode { get; init; } = "";
        [ExcelColumn(Name = "许可事项", Width = 30)] public string Item { get; init; } = "";
        [ExcelColumn(Name = "申请类型", Width = 10)] public string Kind { get; init; } = "";
        [ExcelColumn(Name = "办理阶段", Width = 10)] public string Stage { get; init; } = "";
        [ExcelColumn(Name = "受理日期", Width = 12)] public string AcceptedOn { get; init; } = "";
        [ExcelColumn(Name = "法定时限（工作日）", Width = 10)] public int StatutoryLimitDays { get; init; }
        [ExcelColumn(Name = "承诺时限（工作日）", Width = 10)] public int PromisedLimitDays { get; init; }
        [ExcelColumn(Name = "办结日期", Width = 12)] public string CompletedOn { get; init; } = "";
        [ExcelColumn(Name = "许可证号", Width = 22)] public string CertificateNumber { get; init; } = "";
        [ExcelColumn(Name = "承办人", Width = 10)] public string Responsible { get; init; } = "";
        [ExcelColumn(Name = "所属辖区", Width = 16)] public string Jurisdiction { get; init; } = "";

        internal static Row Of(int no, Application p, IReadOnlyDictionary<string, string> names) => new()
        {
            No = no, ReceivedOn = RegisterWords.Date(p.ReceivedOn), Applicant = p.ApplicantName, CreditCode = p.ApplicantCreditCode ?? "",
            Item = p.ItemName, Kind = RegisterWords.PermitKind(p.Kind), Stage = RegisterWords.PermitStage(p.Stage),
            AcceptedOn = RegisterWords.Date(p.AcceptedOn), StatutoryLimitDays = p.StatutoryLimitDays, PromisedLimitDays = p.PromisedLimitDays,
            CompletedOn = RegisterWords.Date(p.CompletedOn), CertificateNumber = p.CertificateNumber ?? "", Responsible = p.ResponsibleName,
            Jurisdiction = RegisterWords.Jurisdiction(names, p.Jurisdiction),
        };
    }

    public sealed class Handler(DbSession db, ICurrentUser user, TimeProvider clock) : IQueryHandler<Query, RegisterFile>
    {
        public async ValueTask<RegisterFile> Handle(Query query, CancellationToken ct)
        {
            var names = await RegisterWords.JurisdictionNamesAsync(db, ct);
            var rows = db.StreamAsync<Application>(Select, new
            {
                JurisdictionFirst = Jurisdiction.Range(user.Jurisdiction).First,
                JurisdictionLast = Jurisdiction.Range(user.Jurisdiction).Last,
                query.Stage,
                query.Kind,
                HasFrom = query.From is null ? 0 : 1,
                From = query.From ?? DateOnly.MinValue,
                HasTo = query.To is null ? 0 : 1,
                To = query.To ?? DateOnly.MaxValue,
            }, ct);
            return RegisterFile.Of(Title, RegisterWords.LocalDate(clock.GetUtcNow()),
                RegisterFile.Numbered(rows, (n, p) => Row.Of(n, p, names), ct));
        }
    }
}
