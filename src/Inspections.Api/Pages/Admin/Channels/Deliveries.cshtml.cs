using Inspections.Api.Auth;
using Inspections.Core.Features.Alerts;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Inspections.Api.Pages.Admin.Channels;

/// <summary>The recent messages and each attempt to send them (channel, time, status, error), by the ListDeliveries request as GET /api/alerts/deliveries.</summary>
[AllowRolesOf(typeof(ListDeliveries.Query))]
public sealed class DeliveriesModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }

    public IReadOnlyList<DeliveryDto> Deliveries { get; private set; } = [];

    public static readonly IReadOnlyList<(string Status, string Name)> Statuses = [("pending", "待发送"), ("sent", "已发送"), ("failed", "已放弃")];

    public static string StatusName(string status) => Statuses.FirstOrDefault(s => s.Status == status).Name ?? status;

    public async Task OnGetAsync()
    {
        var (ok, list) = await this.TrySendAsync(sender, new ListDeliveries.Query { Status = string.IsNullOrEmpty(Status) ? null : Status, Limit = 100 }, prefix: "");
        if (ok) Deliveries = list;
        else Response.StatusCode = StatusCodes.Status400BadRequest;
    }
}
