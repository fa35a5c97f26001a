using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Inspections.Api.Tests.Infrastructure;
using Inspections.Api.Tests.InspectionsFeature;

namespace Inspections.Api.Tests.Sweep;

/// <summary>
/// Makes one real row of every kind a path names, in district 510115, through the API as the README
/// does, so that the sweep's path ids reach the handlers' database code and not only a 404.
/// A step that fails is noted and its kind falls back to random ids.
/// </summary>
internal static class SweepSetup
{
    public const string Home = "510115";

    public static async Task<World> RunAsync(ApiFactory api)
    {
        var now = DateTimeOffset.UtcNow;
        var local = now.ToOffset(TimeSpan.FromHours(8));
        var world = new World { Now = now, Today = DateOnly.FromDateTime(local.DateTime) };
        var day = (int offset) => world.Today.AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        // The officers the sweep names, and a clerk to hand files to, exist as users (created through the API).
        await api.EnsureUsersAsync([.. Officers.Of(Home), new TestUser("shen", "沈窗口", ["clerk"], Home)]);
        world.Ids["user"] = Officers.ZhangSan;
        var officer = api.ZhangSanClient();
        var supervisor = api.Client("supervisor", Home);
        var clerk = api.Client("clerk", Home);
        var admin = api.Client("admin", Home);

        async Task<JsonElement?> Step(string what, Func<Task<HttpResponseMessage>> send)
        {
            var response = await send();
            var text = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode && text.Length > 0) return JsonDocument.Parse(text).RootElement.Clone();
            world.SetupNotes.Add($"{what}: {(int)response.StatusCode} {text[..Math.Min(text.Length, 200)]}");
            return null;
        }

        void Keep(string kind, JsonElement? row, string property = "id")
        {
            if (row is { ValueKind: JsonValueKind.Object } r && r.TryGetProperty(property, out var id) && id.ValueKind == JsonValueKind.String)
                world.Ids[kind] = id.GetString()!;
        }

        var venue = await Step("venue", () => officer.PostJson("/api/venues", new
        {
            name = "星空网吧", address = "温江区柳城大道 88 号", type = "internetCafe", licenseStatus = "licensed", licenseNumber = Licences.Unique("川网文 0115 号"), terminals = 120,
        }));
        Keep("venue", venue);

        Keep("draw", await Step("draw", () => officer.PostJson("/api/draws", new
        {
            name = "网吧双随机抽查", venueType = "internetCafe", count = 1,
            officers = new object[] { Officers.ZhangSanOnForm, Officers.LiSiOnForm, Officers.OnForm("wangwu") },
        })));

        Keep("campaign", await Step("campaign", () => officer.PostJson("/api/campaigns", new
        {
            name = "打击黑网吧专项行动", description = "sweep", startsOn = day(-30), endsOn = day(30),
        })));

        if (world.Id("venue") is { } venueId)
        {
            var checklist = await Step("checklist", () => officer.GetAsync("/api/checklists/internetCafe"));
            var codes = checklist?.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("code").GetString()!).ToList() ?? [];
            // a short notice issued days ago: overdue at once, so the deadline scan raises an alert
            var started = local.AddDays(-3);
            var inspection = await Step("inspection", () => officer.PostJson("/api/inspections", new
            {
                venueId, kind = "routine",
                startedAt = started.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
                endedAt = started.AddHours(1).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
                officers = new[] { Officers.ZhangSanOnForm, Officers.LiSiOnForm },
                results = codes.Select((c, i) => new { itemCode = c, result = i == 0 ? "violation" : "compliant", note = i == 0 ? "现场发现问题" : null }),
                outcome = "rectificationNotice",
                rectification = new { limitDays = 1, requirements = "立即整改" },
            }));
            Keep("inspection", inspection);
            if (world.Id("inspection") is { } inspectionId)
            {
                using var form = new MultipartFormDataContent();
                var file = new ByteArrayContent(ValidRequests.Jpeg);
                file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
                form.Add(file, "file", "现场照片.jpg");
                form.Add(new StringContent(codes.FirstOrDefault() ?? "IC-LIC"), "itemCode");
                Keep("evidence", await Step("evidence", () => officer.PostAsync($"/api/inspections/{inspectionId}/evidence", form)));
            }
        }

        var lead = new
        {
            source = "complaint", sourceReference = "举报 2026-017",
            party = new { kind = "company", name = "星空网吧经营者王某", unifiedSocialCreditCode = "91350100M000100Y43", address = "温江区柳城大道 88 号" },
            violationCode = "cafe-minors-admitted", facts = "检查发现该网吧接纳未成年人 3 名上网。", occurredOn = day(-5),
        };
        var @case = await Step("case", () => officer.PostJson("/api/cases", lead));
        Keep("case", @case);
        if (@case is { } c)
        {
            var filed = await Step("case filed", () => supervisor.PostJson($"/api/cases/{c.GetProperty("id").GetString()}/transitions",
                new { to = "filed", version = c.GetProperty("version").GetInt64(), note = "立案" }));
            if (filed is { } f)
            {
                var suspended = await Step("case suspension", () => officer.PostJson($"/api/cases/{f.GetProperty("id").GetString()}/suspensions",
                    new { version = f.GetProperty("version").GetInt64(), kind = "appraisal", startOn = day(0), reason = "送检鉴定" }));
                if (suspended?.GetProperty("suspensions") is { ValueKind: JsonValueKind.Array } s && s.GetArrayLength() > 0) Keep("suspension", s[0]);
            }
        }

        // a second case carried to a decision, so that a challenge (reconsideration) can be recorded
        var decided = await Step("case for a challenge", () => officer.PostJson("/api/cases", lead));
        foreach (var to in new[] { "filed", "investigation", "legalReview", "priorNotice", "decided" })
        {
            if (decided is not { } d) break;
            var id = d.GetProperty("id").GetString();
            decided = await Step($"case to {to}", () => supervisor.PostJson($"/api/cases/{id}/transitions", new
            {
                to, version = d.GetProperty("version").GetInt64(), note = "办理",
                priorNotice = new { noticeOn = day(0), rightsWaived = true, proposedPenalty = new { warning = true, fineAmount = 3000 } },
                decision = new { warning = true, fineAmount = 5000m },
            }));
        }
        if (decided is { } dc)
        {
            var challenged = await Step("challenge", () => supervisor.PostJson($"/api/cases/{dc.GetProperty("id").GetString()}/challenges", new
            {
                version = dc.GetProperty("version").GetInt64(), kind = "reconsideration", authority = "温江区人民政府", filedOn = day(0),
            }));
            if (challenged?.GetProperty("challenges") is { ValueKind: JsonValueKind.Array } ch && ch.GetArrayLength() > 0) Keep("challenge", ch[0]);
        }

        var items = await Step("permit items", () => clerk.GetAsync("/api/permit-items"));
        if (items is { ValueKind: JsonValueKind.Array } list && list.GetArrayLength() > 0 && list[0].TryGetProperty("code", out var code))
            world.PermitItemCode = code.GetString()!;
        Keep("permit", await Step("permit", () => clerk.PostJson("/api/permits", new
        {
            itemCode = "audio-video-retail", kind = "establish",
            applicant = new { name = "成都星空音像店", phone = "028-82711234" }, materials = new[] { "application", "business-licence" },
        })));

        var unlicensed = await Step("unlicensed campaign", () => officer.PostJson("/api/unlicensed-campaigns", new
        {
            name = "无证网吧集中整治", startsOn = day(-30), endsOn = day(30), venueTypes = new[] { "internetCafe", "gameArcade" },
        }));
        Keep("unlicensedCampaign", unlicensed);
        if (world.Id("unlicensedCampaign") is { } ucId)
            Keep("unlicensedVenue", await Step("unlicensed venue", () => officer.PostJson($"/api/unlicensed-campaigns/{ucId}/venues", new
            {
                name = "星光网吧", address = "温江区柳城街道 8 号", type = "internetCafe", operatorName = "王某", foundOn = day(0),
            })));

        await Step("deadline scan", () => admin.PostAsync("/api/alerts/scan", null));
        var alerts = await Step("alerts", () => officer.GetAsync("/api/alerts"));
        if (alerts?.GetProperty("items") is { ValueKind: JsonValueKind.Array } a && a.GetArrayLength() > 0) Keep("alert", a[0]);
        var records = await Step("accountability", () => supervisor.GetAsync("/api/permits/accountability"));
        if (records is { ValueKind: JsonValueKind.Array } r && r.GetArrayLength() > 0) Keep("accountability", r[0]);
        return world;
    }
}
