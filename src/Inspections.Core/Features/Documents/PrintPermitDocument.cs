using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Permits;
using Inspections.Domain.Access;
using Mediator;
using static Inspections.Core.Features.Documents.DocumentText;

namespace Inspections.Core.Features.Documents;

/// <summary>
/// The window's notices to an applicant 回执, written from the application as GET /api/permits/{id} shows it (read
/// through that request): the 受理通知书 once accepted (or deemed accepted), the 补正材料通知书 naming every missing
/// material once a correction was requested, the 不予受理决定书 with its reasons once refused at the desk. A notice
/// the application's stage does not have is a 409 saying so. Permits are the window's: stations print none.
/// </summary>
public static class PrintPermitDocument
{
    [NotForStations(StationBar.Permits)]
    [AllowedRoles(Roles.Clerk, Roles.Supervisor, Roles.Admin)]
    public sealed record Query(Guid Id, [property: OneOf<PermitDocumentKind>] string? Kind) : IQuery<DocumentFile>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(x => x.Kind).IsDocumentKind<Query, PermitDocumentKind>();
    }

    public sealed class Handler(ISender sender, DbSession db, DocumentOptions options) : IQueryHandler<Query, DocumentFile>
    {
        public async ValueTask<DocumentFile> Handle(Query query, CancellationToken ct)
        {
            var permit = await sender.Send(new GetPermit.Query(query.Id), ct);
            var authority = await DocumentAuthority.ForAsync(db, options, permit.Jurisdiction, ct);
            return Wire.Parse<PermitDocumentKind>(query.Kind!) switch
            {
                PermitDocumentKind.AcceptanceNotice => AcceptanceNotice(permit, authority),
                PermitDocumentKind.CorrectionNotice => CorrectionNotice(permit, authority),
                _ => NotAcceptedDecision(permit, authority),
            };
        }
    }

    private static DocumentFile AcceptanceNotice(PermitDto p, DocumentAuthority authority)
    {
        const string title = "受理通知书";
        if (p.AcceptedOn is not { } acceptedOn)
            throw Missing(p, title, "尚未受理", "acceptance notice");
        var doc = Start(p, authority, title)
            .Paragraph(Applied(p) + (p.AcceptedDeemed
                ? "本机关未在法定期限内一次告知需要补正的材料，根据《中华人民共和国行政许可法》第三十二条第一款第四项的规定，自收到申请材料之日起即为受理。"
                : "经审查，申请材料齐全、符合法定形式，根据《中华人民共和国行政许可法》第三十二条第一款第五项的规定，本机关决定予以受理。"))
            .Paragraph($"受理日期：{Date(acceptedOn)}。本事项法定办理时限为{Count(p.StatutoryLimitDays)}个工作日，承诺办理时限为{Count(p.PromisedLimitDays)}个工作日，"
                       + "听证、检验、检测、现场核查和专家评审所需时间不计算在内。")
            .Paragraph($"首问责任人：{p.ResponsibleName}。");
        return Finish(doc, p, authority, title, acceptedOn);
    }

    private static DocumentFile CorrectionNotice(PermitDto p, DocumentAuthority authority)
    {
        const string title = "补正材料通知书";
        if (p.CorrectionItems is not { Count: > 0 } items || p.CorrectionRequestedOn is not { } requestedOn)
            throw Missing(p, title, "未要求补正材料", "correction notice");
        var doc = Start(p, authority, title)
            .Paragraph(Applied(p) + "经审查，申请材料不齐全或者不符合法定形式。根据《中华人民共和国行政许可法》第三十二条第一款第四项的规定，"
                       + "现一次性告知你（单位）需要补正的全部材料如下：");
        var n = 0;
        foreach (var item in items) doc.Paragraph($"{++n}. {item.Name}");
        var note = p.History.LastOrDefault(s => s.ToStage == "correctionRequested")?.Note;
        if (!string.IsNullOrWhiteSpace(note)) doc.Paragraph($"说明：{note}");
        doc.Paragraph("请你（单位）按上述要求补正材料后重新提交。补正材料齐全、符合法定形式的，本机关将依法受理。")
            .Paragraph($"经办人（首问责任人）：{p.ResponsibleName}。");
        return Finish(doc, p, authority, title, requestedOn);
    }

    private static DocumentFile NotAcceptedDecision(PermitDto p, DocumentAuthority authority)
    {
        const string title = "不予受理决定书";
        if (p.Stage != "notAccepted")
            throw Missing(p, title, "未作出不予受理决定", "not-accepted decision");
        var decided = p.History.LastOrDefault(s => s.ToStage == "notAccepted");
        var options = authority.Options;
        var doc = Start(p, authority, title)
            .Paragraph(Applied(p) + $"经审查，{(p.NotAcceptedReason ?? decided?.Note ?? "").TrimEnd('。')}。"
                       + "根据《中华人民共和国行政许可法》第三十二条第一款的规定，本机关决定不予受理。")
            .Paragraph($"你（单位）如不服本决定，可以在收到本决定书之日起{Count(options.ReviewDays)}日内向{authority.Review}申请行政复议，"
                       + $"或者在{Count(options.LawsuitMonths)}个月内依法向人民法院提起行政诉讼。");
        return Finish(doc, p, authority, title, decided is null ? null : LocalDate(decided.OccurredAt));
    }

    private static DocxWriter Start(PermitDto p, DocumentAuthority authority, string title) =>
        new DocxWriter(authority.Permit, title, null)
            .Field("申请编号", p.Id.ToString())
            .Line($"{p.Applicant.Name}：");

    private static string Applied(PermitDto p) =>
        $"你（单位）于{Date(p.ReceivedOn)}提出的{p.ItemName}（{p.KindName}）申请，";

    private static DocumentFile Finish(DocxWriter doc, PermitDto p, DocumentAuthority authority, string title, DateOnly? on)
    {
        doc.SignatureLines(["申请人签收：　　　　　　　　签收日期：　　年　　月　　日"]).Seal(authority.Permit, on);
        return DocumentFile.Of(title, $"{p.Applicant.Name} {p.ItemName}", doc.ToBytes());
    }

    private static ConflictException Missing(PermitDto p, string title, string why, string titleEn) => new(
        $"该申请处于“{p.StageName}”阶段，{why}，没有{title}。",
        $"The application is at stage '{p.Stage}' and has no {titleEn} to print.");
}
