using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Inspections;
using Inspections.Core.Features.Venues;
using Inspections.Domain.Access;
using Inspections.Domain.Inspections;
using Inspections.Domain.Venues;
using Mediator;
using static Inspections.Core.Features.Documents.DocumentText;

namespace Inspections.Core.Features.Documents;

/// <summary>
/// An inspection's documents, written from the record as GET /api/inspections/{id} shows it (read through that
/// request, so whoever may not read the inspection gets no document): the 现场检查笔录 of every inspection and the
/// 责令整改通知书 of one that issued a rectification notice. Stations print them too: the inspection is their work.
/// </summary>
public static class PrintInspectionDocument
{
    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Query(Guid Id, [property: OneOf<InspectionDocumentKind>] string? Kind) : IQuery<DocumentFile>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(x => x.Kind).IsDocumentKind<Query, InspectionDocumentKind>();
    }

    public sealed class Handler(ISender sender, DbSession db, DocumentOptions options) : IQueryHandler<Query, DocumentFile>
    {
        public async ValueTask<DocumentFile> Handle(Query query, CancellationToken ct)
        {
            var inspection = await sender.Send(new GetInspection.Query(query.Id), ct);
            var venue = await sender.Send(new GetVenue.Query(inspection.VenueId), ct);
            var authority = await DocumentAuthority.ForAsync(db, options, inspection.Jurisdiction, ct);
            return Wire.Parse<InspectionDocumentKind>(query.Kind!) switch
            {
                InspectionDocumentKind.RectificationNotice => RectificationNotice(inspection, venue, authority.Enforcement),
                _ => InspectionRecord(inspection, venue, authority.Enforcement),
            };
        }
    }

    private static DocumentFile RectificationNotice(InspectionDto inspection, VenueDto venue, string authority)
    {
        const string title = "责令整改通知书";
        if (inspection.RectificationIssuedOn is not { } issuedOn)
            throw new ConflictException($"该检查的处理结果为“{OutcomeName(inspection.Outcome)}”，未下达责令整改通知，没有{title}。",
                "This inspection issued no rectification notice, so there is no rectification notice to print.");
        var doc = new DocxWriter(authority, title, null)
            .Line($"{venue.Name}（{Operator(venue)}）：")
            .Paragraph($"{Date(LocalDate(inspection.StartedAt))}，本机关执法人员{Officers(inspection)}对你单位经营场所（{venue.Address}）"
                       + $"进行{KindName(inspection.Kind)}，发现你单位存在下列问题：");
        var n = 0;
        foreach (var item in inspection.Results.Where(r => r.Result == "violation"))
            doc.Paragraph($"{Ordinal(++n)}检查项目“{item.Text}”不符合要求{(string.IsNullOrWhiteSpace(item.Note) ? "" : $"：{item.Note.TrimEnd('。')}")}。"
                          + (string.IsNullOrWhiteSpace(item.LegalBasis) ? "" : $"依据：{item.LegalBasis.TrimEnd('。')}。"));
        doc.Paragraph($"现责令你单位自本通知书下达之日起{Count(inspection.RectificationLimitDays ?? 0)}日内，即于{Date(inspection.RectificationDueOn)}前整改完毕。"
                      + $"整改要求：{inspection.RectificationRequirements}。")
            .Paragraph("整改期满后本机关将进行复查。逾期不整改或者整改不符合要求的，本机关将依法予以处理。")
            .SignatureLines(inspection.Officers.Select(o => $"执法人员签名：　　　　　　执法证号：{o.CredentialNumber}")
                .Append("当事人签收：　　　　　　　　签收日期：　　年　　月　　日"))
            .Seal(authority, issuedOn);
        return DocumentFile.Of(title, venue.Name, doc.ToBytes());
    }

    private static DocumentFile InspectionRecord(InspectionDto inspection, VenueDto venue, string authority)
    {
        const string title = "现场检查笔录";
        var doc = new DocxWriter(authority, title, null)
            .Field("检查时间", $"{DateTime(inspection.StartedAt)}至{(LocalDate(inspection.EndedAt) == LocalDate(inspection.StartedAt) ? Time(inspection.EndedAt) : DateTime(inspection.EndedAt))}")
            .Field("检查地点", inspection.Location ?? venue.Address)
            .Field("被检查单位", $"{venue.Name}（{VenueTypeName(venue.Type)}）")
            .Field("地址", venue.Address)
            .Field("经营者/法定代表人", Operator(venue))
            .Field("许可证号", venue.LicenseNumber ?? "无")
            .Field("检查类型", KindName(inspection.Kind) + (inspection.JointDepartments.Count == 0 ? ""
                : $"（联合{string.Join("、", inspection.JointDepartments.Select(DepartmentName))}）"))
            .Field("执法人员", string.Join("、", inspection.Officers.Select(o => $"{o.Name}（执法证号：{o.CredentialNumber}）")))
            .Paragraph("执法人员向当事人出示了执法证件，表明了身份，告知当事人有申请执法人员回避的权利和如实回答询问、协助调查的义务。")
            .Line("检查情况：", bold: true)
            .Table([1, 6, 2, 4], ["序号", "检查项目", "结果", "说明"],
                inspection.Results.Select((r, i) => (IReadOnlyList<string>)[(i + 1).ToString(), r.Text, ResultName(r.Result), r.Note ?? ""]));
        if (inspection.Seizures.Count > 0)
            doc.Line("收缴、查扣物品：", bold: true)
                .Table([1, 8, 3], ["序号", "物品", "数量"],
                    inspection.Seizures.Select((s, i) => (IReadOnlyList<string>)[(i + 1).ToString(), s.Item, $"{s.Quantity}{s.Unit}"]));
        doc.Field("处理结果", OutcomeName(inspection.Outcome) + (inspection.RectificationDueOn is { } due
                ? $"：责令于{Date(due)}前整改（{inspection.RectificationRequirements}）" : ""))
            .Field("备注", inspection.Notes ?? "")
            .SignatureLines(inspection.Officers.Select(o => $"执法人员签名：　　　　　　执法证号：{o.CredentialNumber}")
                .Append($"记录人：{inspection.RecordedByName}")
                .Append("当事人意见：以上笔录经本人核对，与事实相符。")
                .Append("当事人签名：　　　　　　　　日期：　　年　　月　　日"));
        return DocumentFile.Of(title, $"{venue.Name} {LocalDate(inspection.StartedAt):yyyy-MM-dd}", doc.ToBytes());
    }

    private static string Operator(VenueDto venue) =>
        string.Join("；", new[] { venue.OperatorName is { Length: > 0 } o ? $"经营者：{o}" : null,
                venue.LegalRepresentative is { Length: > 0 } l ? $"法定代表人：{l}" : null,
                venue.UnifiedSocialCreditCode is { Length: > 0 } c ? $"统一社会信用代码：{c}" : null }
            .OfType<string>().DefaultIfEmpty("经营者未登记"));

    private static string Officers(InspectionDto inspection) =>
        string.Join("、", inspection.Officers.Select(o => $"{o.Name}（执法证号：{o.CredentialNumber}）"));

    private static string KindName(string kind) => Wire.TryParse<InspectionKind>(kind, out var k) ? k.ChineseName() : kind;
    private static string OutcomeName(string outcome) => Wire.TryParse<InspectionOutcome>(outcome, out var o) ? o.ChineseName() : outcome;
    private static string DepartmentName(string d) => Wire.TryParse<JointDepartment>(d, out var j) ? j.ChineseName() : d;
    private static string VenueTypeName(string type) => Wire.TryParse<VenueType>(type, out var t) ? t.ChineseName() : type;

    private static string ResultName(string result) => result switch
    {
        "compliant" => "符合",
        "violation" => "违规",
        "notApplicable" => "不适用",
        _ => result,
    };
}
