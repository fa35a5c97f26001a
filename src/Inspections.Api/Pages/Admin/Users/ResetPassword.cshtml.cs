using Inspections.Api.Auth;
using Inspections.Core.Features.Users;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Inspections.Api.Pages.Admin.Users;

/// <summary>Sets a new password the user must change at next sign-in, by the ResetPassword request.</summary>
[AllowRolesOf(typeof(ResetPassword.Command))]
public sealed class ResetPasswordModel(ISender sender) : PageModel
{
    [BindProperty] public Form Input { get; set; } = new();

    [FromRoute(Name = "id")] public string UserId { get; set; } = "";

    public bool Done { get; private set; }

    public sealed class Form
    {
        public string? NewPassword { get; set; }
    }

    public async Task OnGetAsync() => await sender.Send(new GetUser.Query(UserId), HttpContext.RequestAborted);

    public async Task OnPostAsync()
    {
        var (ok, _) = await this.TrySendAsync(sender, new ResetPassword.Command { Id = UserId, NewPassword = Input.NewPassword ?? "" });
        Done = ok;
    }
}
