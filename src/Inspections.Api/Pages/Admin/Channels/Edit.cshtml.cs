using Inspections.Api.Auth;
using Inspections.Core.Common;
using Inspections.Core.Features.Alerts;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Inspections.Api.Pages.Admin.Channels;

/// <summary>Changes a channel by the UpdateNotificationChannel request, with the version the form was read at (stale → said plainly).</summary>
[AllowRolesOf(typeof(UpdateNotificationChannel.Command))]
public sealed class EditModel(ISender sender) : PageModel
{
    [BindProperty] public Form Input { get; set; } = new();

    [FromRoute(Name = "id")] public Guid ChannelId { get; set; }

    public bool HasSecret { get; private set; }

    public sealed class Form : ChannelForm
    {
        public bool ClearSecret { get; set; }
        public bool Enabled { get; set; }
        public long Version { get; set; }
    }

    private async Task<NotificationChannelDto> LoadAsync() =>
        (await sender.Send(new ListNotificationChannels.Query(), HttpContext.RequestAborted)).FirstOrDefault(c => c.Id == ChannelId)
        ?? throw new NotFoundException("通知渠道", "notification channel", ChannelId.ToString());

    public async Task OnGetAsync()
    {
        var channel = await LoadAsync();
        HasSecret = channel.HasSecret;
        Input = new Form { Kind = channel.Kind, Name = channel.Name, Target = channel.Target, Enabled = channel.Enabled, Version = channel.Version };
    }

    public async Task<IActionResult> OnPostAsync()
    {
        HasSecret = (await LoadAsync()).HasSecret;
        foreach (var box in new[] { "Input.Enabled", "Input.ClearSecret" })
            if (ModelState.TryGetValue(box, out var state) && state.Errors.Count > 0)
            {
                ModelState.Remove(box);
                ModelState.AddModelError(box, "只能勾选或不勾选");
            }
        var (ok, channel) = await this.TrySendAsync(sender, new UpdateNotificationChannel.Command
        {
            Id = ChannelId, Kind = Input.Kind, Name = (Input.Name ?? "").Trim(), Target = (Input.Target ?? "").Trim(),
            Secret = string.IsNullOrEmpty(Input.Secret) ? null : Input.Secret, ClearSecret = Input.ClearSecret,
            Enabled = Input.Enabled, Version = Input.Version,
        }, conflict: IndexModel.Stale);
        if (!ok)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        TempData["Notice"] = $"已保存通知渠道“{channel.Name}”。";
        return Redirect("/admin/channels");
    }
}
