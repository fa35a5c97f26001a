using Inspections.Api.Auth;
using Inspections.Core.Features.Permits;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Inspections.Api.Pages.Records;

/// <summary>A licence application, read-only, from the same GetPermit request as GET /api/permits/{id}.</summary>
[AllowRolesOf(typeof(GetPermit.Query))]
public sealed class PermitModel(ISender sender) : PageModel
{
    public PermitDto Permit { get; private set; } = new();

    public async Task OnGetAsync(Guid id) => Permit = await sender.Send(new GetPermit.Query(id), HttpContext.RequestAborted);
}
