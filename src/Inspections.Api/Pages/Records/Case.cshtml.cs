using Inspections.Api.Auth;
using Inspections.Core.Features.Cases;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Inspections.Api.Pages.Records;

/// <summary>A case, read-only, from the same GetCase request as GET /api/cases/{id}.</summary>
[AllowRolesOf(typeof(GetCase.Query))]
public sealed class CaseModel(ISender sender) : PageModel
{
    public CaseDto Case { get; private set; } = new();

    public async Task OnGetAsync(Guid id) => Case = await sender.Send(new GetCase.Query(id), HttpContext.RequestAborted);
}
