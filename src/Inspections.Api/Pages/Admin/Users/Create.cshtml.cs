using Inspections.Api.Auth;
using Inspections.Core.Features.Users;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Inspections.Api.Pages.Admin.Users;

/// <summary>Creates a user with an initial password (changed at first sign-in) by the CreateUser request, as POST /api/users.</summary>
[AllowRolesOf(typeof(CreateUser.Command))]
public sealed class CreateModel(ISender sender) : PageModel
{
    [BindProperty] public Form Input { get; set; } = new();

    public sealed class Form : UserForm
    {
        public string? Id { get; set; }
        public string? InitialPassword { get; set; }
    }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        var (ok, user) = await this.TrySendAsync(sender, new CreateUser.Command
        {
            Id = (Input.Id ?? "").Trim(),
            DisplayName = (Input.DisplayName ?? "").Trim(),
            Roles = Input.Roles,
            Jurisdiction = (Input.Jurisdiction ?? "").Trim(),
            CredentialNumber = UserForm.Optional(Input.CredentialNumber),
            Email = UserForm.Optional(Input.Email),
            WeComUserId = UserForm.Optional(Input.WeComUserId),
            DingTalkUserId = UserForm.Optional(Input.DingTalkUserId),
            InitialPassword = Input.InitialPassword ?? "",
        });
        if (!ok) return Page();
        TempData["Notice"] = $"已创建用户 {user.Id}（{user.DisplayName}），首次登录时须修改初始密码。";
        return Redirect("/admin/users");
    }
}
