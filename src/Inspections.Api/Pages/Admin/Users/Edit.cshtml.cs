using Inspections.Api.Auth;
using Inspections.Core.Features.Users;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Inspections.Api.Pages.Admin.Users;

/// <summary>
/// Changes a user's name, roles, jurisdiction, credential and whether they may sign in, by the UpdateUser
/// request with the version the form was read at: someone else's change in between is a 409, said plainly.
/// </summary>
[AllowRolesOf(typeof(UpdateUser.Command))]
public sealed class EditModel(ISender sender) : PageModel
{
    public const string Stale = "该用户已被他人修改，请刷新后重试";

    [BindProperty] public Form Input { get; set; } = new();

    [FromRoute(Name = "id")] public string UserId { get; set; } = "";

    public sealed class Form : UserForm
    {
        public bool Active { get; set; }
        public long Version { get; set; }
    }

    public async Task OnGetAsync()
    {
        var user = await sender.Send(new GetUser.Query(UserId), HttpContext.RequestAborted);
        Input = new Form
        {
            DisplayName = user.DisplayName, Roles = [.. user.Roles], Jurisdiction = user.Jurisdiction,
            CredentialNumber = user.CredentialNumber, Email = user.Email, WeComUserId = user.WeComUserId, DingTalkUserId = user.DingTalkUserId,
            Active = user.Active, Version = user.Version,
        };
    }

    public async Task<IActionResult> OnPostAsync()
    {
        // A tick box sends "true" or nothing; anything else is an error beside it, and the box is drawn from the
        // model (a checkbox cannot show a value that is not a yes or a no).
        if (ModelState.TryGetValue("Input.Active", out var active) && active.Errors.Count > 0)
        {
            ModelState.Remove("Input.Active");
            ModelState.AddModelError("Input.Active", "“启用”只能勾选或不勾选");
        }
        var (ok, user) = await this.TrySendAsync(sender, new UpdateUser.Command
        {
            Id = UserId,
            DisplayName = (Input.DisplayName ?? "").Trim(),
            Roles = Input.Roles,
            Jurisdiction = (Input.Jurisdiction ?? "").Trim(),
            CredentialNumber = UserForm.Optional(Input.CredentialNumber),
            Email = UserForm.Optional(Input.Email),
            WeComUserId = UserForm.Optional(Input.WeComUserId),
            DingTalkUserId = UserForm.Optional(Input.DingTalkUserId),
            Active = Input.Active,
            Version = Input.Version,
        }, conflict: Stale);
        if (!ok) return Page();
        TempData["Notice"] = user.Active ? $"已保存用户 {user.Id} 的修改。" : $"已保存，用户 {user.Id} 已停用。";
        return Redirect($"/admin/users/{Uri.EscapeDataString(user.Id)}/edit");
    }
}
