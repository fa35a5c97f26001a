using Inspections.Api.Auth;
using Inspections.Core.Features.Cases;
using Inspections.Core.Features.Documents;
using Inspections.Domain.Access;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Inspections.Api.Pages.Records;

/// <summary>A case, read-only, from the same GetCase request as GET /api/cases/{id}.</summary>
[AllowRolesOf(typeof(GetCase.Query))]
public sealed class CaseModel(ISender sender) : PageModel
{
    public CaseDto Case { get; private set; } = new();

    public async Task OnGetAsync(Guid id) => Case = await sender.Send(new GetCase.Query(id), HttpContext.RequestAborted);

    /// <summary>立案审批表 / 行政处罚事先告知书 / 行政处罚决定书 as DOCX, from the same request as GET /api/cases/{id}/documents/{kind}.</summary>
    public async Task<IActionResult> OnGetDocumentAsync(Guid id, string? kind) =>
        Printed.File(await sender.Send(new PrintCaseDocument.Query(id, kind), HttpContext.RequestAborted));

    /// <summary>The documents the case's stage has; none for a town station, whose users do not handle cases.</summary>
    public IReadOnlyList<Printed.Link> Documents =>
        Jurisdiction.IsTown(User.FindFirst(ClaimNames.Jurisdiction)?.Value) ? [] :
        new Printed.Link?[]
        {
            new("立案审批表", "filingApproval"),
            Case.PriorNoticeOn is null ? null : new("行政处罚事先告知书", "priorNotice"),
            Case.Decision is { Kind: "penalty" } ? new("行政处罚决定书", "decision") : null,
        }.OfType<Printed.Link>().ToList();
}
