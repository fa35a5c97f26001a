using Inspections.Api.Auth;
using Inspections.Core.Features.Users;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Inspections.Api.Pages.Account;

/// <summary>
/// The API is bearer-only (a page session opens no API call): a signed-in person takes a token for their
/// scripts here, from the same IssueApiToken request as the API, and sees it once.
/// </summary>
[AllowRolesOf(typeof(IssueApiToken.Command))]
public sealed class ApiTokenModel(ISender sender) : PageModel
{
    public IssueApiToken.Result? Issued { get; private set; }

    public void OnGet() { }

    public async Task OnPostAsync()
    {
        Issued = await sender.Send(new IssueApiToken.Command(), HttpContext.RequestAborted);
        // A token shown once must not be kept by the browser's cache.
        Response.Headers.CacheControl = "no-store";
    }
}
