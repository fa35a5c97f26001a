using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Cases;
using Inspections.Domain.Access;
using Mediator;
using static Inspections.Core.Features.Documents.DocumentText;

namespace Inspections.Core.Features.Documents;

/// <summary>
/// A penalty case's documents, written from the record as GET /api/cases/{id} shows it (read through that request):
/// the 立案审批表, the 行政处罚事先告知书 once the prior notice is recorded, the 行政处罚决定书 once a penalty is decided.
/// A document the case's stage does not have yet is a 409 saying so. Cases are the brigade's: stations print none.
/// </summary>
public static class PrintCaseDocument
{
    [NotForStations(StationBar.Cases)]
    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Query(Guid Id, [property: OneOf<CaseDocumentKind>] string? Kind) : IQuery<DocumentFile>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(x => x.Kind).IsDocumentKind<Query, CaseDocumentKind>();
    }

    public sealed class Handler(ISender sender, DbSession db, DocumentOptions options, CaseOptions cases) : IQueryHandler<Query, DocumentFile>
    {
        public async ValueTask<DocumentFile> Handle(Query query, CancellationToken ct)
        {
            var record = await sender.Send(new GetCase.Query(query.Id), ct);
            var authority = await DocumentAuthority.ForAsync(db, options, record.Jurisdiction, ct);
            return Wire.Parse<CaseDocumentKind>(query.Kind!) switch
            {
                CaseDocumentKind.FilingApproval => FilingApproval(record, authority),
                CaseDocumentKind.PriorNotice => PriorNotice(record, authority, cases),
                _ => Decision(record, authority, cases),
            };
        }
    }

    private static DocumentFile FilingApproval(CaseDto c, DocumentAuthority authority)
    {
        const string title = "立案审批表";
        var approval = c.History.LastOrDefault(s => s.ToStage is "filed" or "notFiled");
        var opinion = c.FiledOn is { } filed ? $"同意立案。审批人：{approval?.ActorName}　{Date(filed)}"
            : c.NotFiledReason is { } reason ? $"不予立案。理由：{reason}　审批人：{approval?.ActorName}　{Date(approval is null ? null : LocalDate(approval.OccurredAt))}"
            : "审批人签名：　　　　　　　　年　　月　　日";
        var doc = new DocxWriter(authority.Enforcement, title, c.CaseNumber)
            .Table([3, 9], null,
            [
                ["案件来源", SourceName(c.Source) + (string.IsNullOrWhiteSpace(c.SourceReference) ? "" : $"（{c.SourceReference}）")],
                ["当事人", c.Party.Name],
                [c.Party.IdNumber is { Length: > 0 } ? "身份证号码" : "统一社会信用代码", c.Party.IdNumber ?? c.Party.UnifiedSocialCreditCode ?? ""],
                ["地址", c.Party.Address ?? ""],
                ["案由", $"涉嫌{c.Violation.Name}"],
                ["违法行为发生日期", c.OccurredOn is { } on ? Date(on) : ""],
                ["简要案情", c.Facts],
                ["违法依据", c.Violation.LegalBasis],
                ["处罚依据", c.Violation.PenaltyBasis],
                ["承办人意见", $"建议立案调查。承办人：{c.OfficerName}　{Date(LocalDate(c.CreatedAt))}"],
                ["审批意见", opinion],
            ]);
        return DocumentFile.Of(title, c.CaseNumber ?? c.Party.Name, doc.ToBytes());
    }

    private static DocumentFile PriorNotice(CaseDto c, DocumentAuthority authority, CaseOptions cases)
    {
        const string title = "行政处罚事先告知书";
        if (c.PriorNoticeOn is not { } noticeOn)
            throw new ConflictException($"本案处于“{c.StageName}”阶段，尚未事先告知，没有{title}。",
                $"The case is at stage '{c.Stage}' and has no prior notice recorded, so there is no prior notice to print.");
        var days = $"{Count(cases.HearingRequestDays)}个工作日";
        // What the notice proposes 拟作出的行政处罚 (art. 44); a notice recorded before it was kept says only that a penalty is intended.
        var penalties = c.ProposedPenalty is { } proposed ? Penalties(proposed) : [];
        var doc = new DocxWriter(authority.Enforcement, title, c.CaseNumber)
            .Line($"{c.Party.Name}：")
            .Paragraph($"经查，{c.Facts.TrimEnd('。')}。")
            .Paragraph(Evidence(c))
            .Paragraph($"你（单位）的上述行为违反了{Cite(c.Violation.LegalBasis)}的规定，依据{Cite(c.Violation.PenaltyBasis)}的规定，"
                       + (penalties.Count > 0 ? $"本机关拟对你（单位）作出如下行政处罚：{string.Join("；", penalties)}。" : "本机关拟对你（单位）作出行政处罚。"))
            .Paragraph($"根据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，你（单位）有权进行陈述和申辩。"
                       + $"如需陈述、申辩，请于收到本告知书之日起{days}内向本机关提出，逾期视为放弃陈述、申辩的权利。");
        if (c.ProposedPenalty is { } p ? HearingApplies(p, authority.Options) : HearingApplies(c.Decision, authority.Options))
            doc.Paragraph($"根据《中华人民共和国行政处罚法》第六十三条、第六十四条的规定，对较大数额罚款、没收较大数额违法所得、"
                          + $"责令停产停业、吊销许可证件等行政处罚，你（单位）有权要求听证。如要求听证，请于收到本告知书之日起{days}内向本机关提出，"
                          + "逾期视为放弃听证的权利。");
        doc.SignatureLines(["当事人签收：　　　　　　　　签收日期：　　年　　月　　日"])
            .Seal(authority.Enforcement, noticeOn);
        return DocumentFile.Of(title, c.CaseNumber ?? c.Party.Name, doc.ToBytes());
    }

    private static DocumentFile Decision(CaseDto c, DocumentAuthority authority, CaseOptions cases)
    {
        const string title = "行政处罚决定书";
        if (c.Decision is not { Kind: "penalty" } decision)
            throw new ConflictException(c.Decision?.Kind switch
                {
                    "noPenalty" => $"本案作出的是不予处罚决定，没有{title}。",
                    "transfer" => $"本案已移送{c.Decision.TransferredTo}，没有{title}。",
                    _ => $"本案处于“{c.StageName}”阶段，尚未作出行政处罚决定，没有{title}。",
                },
                $"The case at stage '{c.Stage}' has no penalty decision, so there is no decision to print.");
        var payable = decision.FineAmount > 0 || decision.ConfiscatedIncome > 0;
        var options = authority.Options;
        var doc = new DocxWriter(authority.Enforcement, title, c.CaseNumber)
            .Field("当事人", c.Party.Name)
            .Field(c.Party.IdNumber is { Length: > 0 } ? "身份证号码" : "统一社会信用代码", c.Party.IdNumber ?? c.Party.UnifiedSocialCreditCode ?? "")
            .Field("地址", c.Party.Address ?? "")
            .Paragraph($"当事人{c.Party.Name}涉嫌{c.Violation.Name}一案，本机关于{Date(c.FiledOn)}立案调查"
                       + (c.PriorNoticeOn is { } notice ? $"，于{Date(notice)}向当事人送达了行政处罚事先告知书，告知了拟作出行政处罚的事实、理由、依据及当事人依法享有的陈述、申辩和要求听证的权利" : "")
                       + (c.HearingRequestedOn is { } hearing ? $"。当事人于{Date(hearing)}提出听证申请，本机关依法举行了听证" : c.RightsWaived ? "。当事人放弃陈述、申辩和听证的权利" : "")
                       + "。本案现已审查终结。")
            .Paragraph($"经查，{c.Facts.TrimEnd('。')}。")
            .Paragraph(Evidence(c))
            .Paragraph($"本机关认为，当事人的上述行为违反了{Cite(c.Violation.LegalBasis)}的规定。依据{Cite(c.Violation.PenaltyBasis)}的规定，本机关决定对当事人作出如下行政处罚：");
        var n = 0;
        foreach (var penalty in Penalties(decision)) doc.Paragraph($"{Ordinal(++n)}{penalty}；");
        if (payable)
            doc.Paragraph($"当事人应当自收到本决定书之日起{Count(cases.PaymentLimitDays)}日内，持本决定书到指定银行或者通过电子支付系统缴纳罚没款。"
                          + "到期不缴纳罚款的，本机关可以每日按罚款数额的百分之三加处罚款。");
        doc.Paragraph($"当事人如不服本处罚决定，可以在收到本决定书之日起{Count(options.ReviewDays)}日内向{authority.Review}申请行政复议，"
                      + $"或者在{Count(options.LawsuitMonths)}个月内依法向人民法院提起行政诉讼。行政复议和行政诉讼期间，本决定不停止执行，法律另有规定的除外。"
                      + "逾期不申请行政复议、不提起行政诉讼又不履行本决定的，本机关将依法申请人民法院强制执行。")
            .Seal(authority.Enforcement, decision.DecidedOn);
        return DocumentFile.Of(title, c.CaseNumber ?? c.Party.Name, doc.ToBytes());
    }

    /// <summary>The provision a basis names, without the text the catalogue quotes after it ("《条例》第二十一条：……" → "《条例》第二十一条").</summary>
    private static string Cite(string basis) => basis.Split('：', 2)[0].Trim().TrimEnd('。');

    private static string Evidence(CaseDto c) => c.Evidence.Count == 0
        ? "以上事实有现场检查记录等证据证实。"
        : $"以上事实有下列证据证实：{string.Join("；", c.Evidence.Select((e, i) => $"{i + 1}. {e.Description ?? EvidenceKindName(e.Kind)}（{e.Reference}）"))}。";

    private static List<string> Penalties(CaseDecision? d) => d is null ? [] : Penalties(new CaseProposedPenalty
    {
        Warning = d.Warning, FineAmount = d.FineAmount, ConfiscatedIncome = d.ConfiscatedIncome, ConfiscatedItems = d.ConfiscatedItems,
        SuspensionDays = d.SuspensionDays, LicenseRevoked = d.LicenseRevoked,
    });

    private static List<string> Penalties(CaseProposedPenalty d)
    {
        var list = new List<string>();
        if (d.Warning) list.Add("警告");
        if (d.FineAmount > 0) list.Add($"罚款{Money(d.FineAmount.Value)}");
        if (d.ConfiscatedIncome > 0) list.Add($"没收违法所得{Money(d.ConfiscatedIncome.Value)}");
        if (!string.IsNullOrWhiteSpace(d.ConfiscatedItems)) list.Add($"没收{d.ConfiscatedItems}");
        if (d.SuspensionDays > 0) list.Add($"责令停业整顿{Count(d.SuspensionDays.Value)}日");
        if (d.LicenseRevoked) list.Add("吊销许可证");
        return list;
    }

    /// <summary>The hearing right is told where the penalty may be a heavy one; before the decision that is not yet known, so it is told.</summary>
    private static bool HearingApplies(CaseDecision? d, DocumentOptions options) =>
        d is not { Kind: "penalty" } || d.FineAmount >= options.HearingFineThreshold || d.ConfiscatedIncome >= options.HearingFineThreshold
        || d.SuspensionDays > 0 || d.LicenseRevoked;

    /// <summary>The proposed penalty is a heavy one (large fine or confiscation, suspension, revocation): the notice tells the hearing right.</summary>
    private static bool HearingApplies(CaseProposedPenalty p, DocumentOptions options) =>
        p.FineAmount >= options.HearingFineThreshold || p.ConfiscatedIncome >= options.HearingFineThreshold || p.SuspensionDays > 0 || p.LicenseRevoked;

    private static string SourceName(string source) => source switch
    {
        "inspection" => "检查发现",
        "complaint" => "举报",
        "referral" => "移送",
        "mayorsMailbox" => "区长信箱",
        "petition" => "信访",
        "superiorAssignment" => "上级交办",
        _ => source,
    };

    private static string EvidenceKindName(string kind) => kind switch
    {
        "inspection" => "现场检查记录",
        "photo" => "照片",
        "document" => "书证、笔录",
        _ => kind,
    };
}
