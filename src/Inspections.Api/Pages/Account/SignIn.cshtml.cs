using Inspections.Api.Auth;
using Inspections.Api.Infrastructure;
using Inspections.Core.Features.Users;
using Mediator;
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
public sealed class SignInModel(ISender sender) : PageModel
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

    public async Task<IActionResult> OnPostAsync()
    {
        var (sent, result) = await this.TrySendAsync(sender, new SignIn.Command
        {
            LoginName = (Input.LoginName ?? "").Trim(),
            Password = Input.Password ?? "",
        });
        if (!sent) return Page();
        switch (result.Outcome)
        {
            case "ok" when result.User is { } user:
                var principal = PageAuth.Principal(user, result.MustChangePassword);
                var back = PageAuth.LocalOrHome(ReturnUrl);
                var next = result.MustChangePassword ? $"{PageAuth.ChangePasswordPath}?returnUrl={Uri.EscapeDataString(back)}"
                    : back == "/" ? Show.HomeOf(principal) : back;
                await PageAuth.SignInAsync(HttpContext, principal, next);
                return Redirect(next);
            case "locked" when result.LockedUntil is { } until:
                Message = $"账户已锁定，请于 {Show.Beijing(until):HH:mm} 后再试";
                break;
            case "inactive":
                // Said only to someone who gave the right password, as the API says it.
                Message = "账号已停用，请联系系统管理员";
                break;
            default:
                // A wrong name and a wrong password read alike: the page never says which logins exist.
                Message = "用户名或密码错误";
                break;
        }
        return Page();
    }
}
