using Inspections.Api.Auth;
using Inspections.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Inspections.Api.Pages.Account;

/// <summary>Signing out is a POST (with the anti-forgery token), so no link or image elsewhere can end a session.</summary>
[AllowedBeforePasswordChange]
public sealed class SignOutModel : PageModel
{
    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        await PageAuth.SignOutAsync(HttpContext);
        return Redirect(PageAuth.SignInPath + "?signedOut=true");
    }
}
