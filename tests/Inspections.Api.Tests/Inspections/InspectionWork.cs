using System.Net;
using Inspections.Api.Tests.Infrastructure;

namespace Inspections.Api.Tests.InspectionsFeature;

/// <summary>A recorded inspection to attach evidence to: a licensed bookshop of its own, checked by 张三 and 李四.</summary>
internal static class InspectionWork
{
    public static async Task<string> RecordInspectionAsync(this ApiFactory api, string venueName, string address, string licence, string jurisdiction = Officers.Home)
    {
        var venue = await (await api.Client("officer", jurisdiction).PostJson("/api/venues", new Dictionary<string, object?>
        {
            ["name"] = venueName + Guid.NewGuid().ToString("N")[..6], ["address"] = address, ["type"] = "bookshop",
            ["licenseStatus"] = "licensed", ["licenseNumber"] = Licences.Unique(licence),
        })).Expect(HttpStatusCode.Created);
        var results = new[] { "BK-LIC", "BK-ILLEGAL", "BK-SOURCE", "BK-FIRE" }
            .Select(c => new { itemCode = c, result = "compliant", note = (string?)null });
        var inspection = await (await api.ZhangSanClient(jurisdiction).PostJson("/api/inspections", new
        {
            venueId = venue.Str("id"),
            kind = "routine",
            startedAt = "2026-05-06T09:00:00+08:00",
            endedAt = "2026-05-06T09:30:00+08:00",
            officers = new[] { Officers.ZhangSanOnForm, Officers.LiSiOnForm },
            results,
            outcome = "compliant",
        })).Expect(HttpStatusCode.Created);
        return inspection.Str("id");
    }
}
