using Inspections.Api.Auth;
using Inspections.Api.Infrastructure;
using Inspections.Core.Features.Users;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Inspections.Api.Pages.Account;

/// <summary>
/// Changes the signed-in user's own password with the ChangePassword request. A user who must change the
/// initial password lands here before any other page; once changed, the session no longer says so.
/// </summary>
[AllowedBeforePasswordChange]
public sealed class ChangePasswordModel(ISender sender) : PageModel
{
    [BindProperty] public Form Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public bool MustChange => User.MustChangePassword();
    public bool Changed { get; private set; }

    public sealed class Form
    {
        public string? CurrentPassword { get; set; }
        public string? NewPassword { get; set; }
        public string? ConfirmPassword { get; set; }
    }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        // Typing the new password twice guards against a typo no one could sign in with; the rules on the password are the request's.
        if (!string.Equals(Input.NewPassword, Input.ConfirmPassword, StringComparison.Ordinal))
            ModelState.AddModelError("Input.ConfirmPassword", "两次输入的新密码不一致");
        var (ok, user) = await this.TrySendAsync(sender, new ChangePassword.Command
        {
            CurrentPassword = Input.CurrentPassword ?? "",
            NewPassword = Input.NewPassword ?? "",
        });
        if (!ok) return Page();

        // The change ends sessions of the old password (the user's version moved on): this one continues at the new version.
        var principal = PageAuth.Principal(user, mustChangePassword: user.MustChangePassword);
        var next = PageAuth.LocalOrHome(ReturnUrl) is "/" ? Show.HomeOf(principal) : PageAuth.LocalOrHome(ReturnUrl);
        await PageAuth.SignInAsync(HttpContext, principal, MustChange ? next : PageAuth.ChangePasswordPath);
        if (MustChange) return Redirect(next);
        Changed = true;
        Input = new Form();
        return Page();
    }
}
