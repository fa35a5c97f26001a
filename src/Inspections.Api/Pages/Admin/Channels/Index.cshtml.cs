using Inspections.Api.Auth;
using Inspections.Core.Features.Alerts;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Inspections.Api.Pages.Admin.Channels;

/// <summary>
/// The channels alerts are sent through 通知渠道, with a form to add one (CreateNotificationChannel, as POST
/// /api/notification-channels) and buttons to disable, enable (UpdateNotificationChannel) and delete
/// (DeleteNotificationChannel) each, with the version the page was read at.
/// </summary>
[AllowRolesOf(typeof(ListNotificationChannels.Query))]
public sealed class IndexModel(ISender sender) : PageModel
{
    public const string Stale = "该渠道已被他人修改，请刷新后重试";

    [BindProperty] public ChannelForm Input { get; set; } = new() { Kind = "wecom" };

    public IReadOnlyList<NotificationChannelDto> Channels { get; private set; } = [];

    public async Task OnGetAsync() => Channels = await sender.Send(new ListNotificationChannels.Query(), HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAsync()
    {
        var (ok, channel) = await this.TrySendAsync(sender, new CreateNotificationChannel.Command
        {
            Kind = Input.Kind, Name = (Input.Name ?? "").Trim(), Target = (Input.Target ?? "").Trim(),
            Secret = string.IsNullOrEmpty(Input.Secret) ? null : Input.Secret,
        });
        if (!ok) return await AgainAsync();
        TempData["Notice"] = $"已添加通知渠道“{channel.Name}”。";
        return Redirect("/admin/channels");
    }

    /// <summary>Disables an enabled channel, enables a disabled one.</summary>
    public async Task<IActionResult> OnPostToggleAsync(Guid id, long version)
    {
        if (!ModelState.IsValid) return await AgainAsync();
        var channel = (await sender.Send(new ListNotificationChannels.Query(), HttpContext.RequestAborted)).FirstOrDefault(c => c.Id == id);
        if (channel is null)
        {
            ModelState.AddModelError("", "没有这个通知渠道，可能已被删除");
            return await AgainAsync();
        }
        var (ok, changed) = await this.TrySendAsync(sender, new UpdateNotificationChannel.Command
        {
            Id = id, Kind = channel.Kind, Name = channel.Name, Target = channel.Target, Enabled = !channel.Enabled, Version = version,
        }, prefix: "", conflict: Stale);
        if (!ok) return await AgainAsync();
        TempData["Notice"] = changed.Enabled ? $"已启用“{changed.Name}”。" : $"已停用“{changed.Name}”，不再向其发送新消息。";
        return Redirect("/admin/channels");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, long version)
    {
        if (!ModelState.IsValid) return await AgainAsync();
        var (ok, deleted) = await this.TrySendAsync(sender, new DeleteNotificationChannel.Command { Id = id, Version = version }, prefix: "", conflict: Stale);
        if (!ok) return await AgainAsync();
        TempData["Notice"] = $"已删除“{deleted.Name}”，其待发送的消息不再发送。";
        return Redirect("/admin/channels");
    }

    /// <summary>The page again with what went wrong, and the list as it is now (400: the form was not taken).</summary>
    private async Task<IActionResult> AgainAsync()
    {
        await OnGetAsync();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
