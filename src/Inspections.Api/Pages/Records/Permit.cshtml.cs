using Inspections.Api.Auth;
using Inspections.Core.Features.Permits;
using Inspections.Core.Features.Documents;
using Inspections.Domain.Access;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Inspections.Api.Pages.Records;

/// <summary>A licence application, read-only, from the same GetPermit request as GET /api/permits/{id}.</summary>
[AllowRolesOf(typeof(GetPermit.Query))]
public sealed class PermitModel(ISender sender) : PageModel
{
    public PermitDto Permit { get; private set; } = new();

    public async Task OnGetAsync(Guid id) => Permit = await sender.Send(new GetPermit.Query(id), HttpContext.RequestAborted);

    /// <summary>受理通知书 / 补正材料通知书 / 不予受理决定书 as DOCX, from the same request as GET /api/permits/{id}/documents/{kind}.</summary>
    public async Task<IActionResult> OnGetDocumentAsync(Guid id, string? kind) =>
        Printed.File(await sender.Send(new PrintPermitDocument.Query(id, kind), HttpContext.RequestAborted));

    /// <summary>The notices the application's stage has; none for a town station, which decides no permits.</summary>
    public IReadOnlyList<Printed.Link> Documents =>
        Jurisdiction.IsTown(User.FindFirst(ClaimNames.Jurisdiction)?.Value) ? [] :
        new Printed.Link?[]
        {
            Permit.AcceptedOn is null ? null : new("受理通知书", "acceptanceNotice"),
            Permit.CorrectionItems is { Count: > 0 } ? new("补正材料通知书", "correctionNotice") : null,
            Permit.Stage == "notAccepted" ? new("不予受理决定书", "notAcceptedDecision") : null,
        }.OfType<Printed.Link>().ToList();
}
