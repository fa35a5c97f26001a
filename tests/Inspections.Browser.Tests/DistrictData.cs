using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Inspections.Browser.Tests;

/// <summary>
/// The first half of 2026 in districts 510115 (温江区) and 510104 (锦江区) of 成都市, built through the API
/// as the people would build it, with the host's clock moved from day to day; read on Friday 2026-07-10.
/// Overdue by then: case B, application P3, the rectification notice of 星空网吧 and the unlicensed-venue
/// notice; due soon: case D, application P4 and the notice of 飞跃网吧; 510104 has one overdue case.
/// </summary>
public sealed class DistrictData(BrowserHost host)
{
    public const string District = "510115";
    public const string OtherDistrict = "510104";
    public const string City = "510100";
    public static readonly DateTimeOffset ReadOn = new(2026, 7, 10, 10, 0, 0, TimeSpan.FromHours(8));

    private const string CreditCode = "91350100M000100Y43";
    private static readonly string[] CafeItems = ["IC-LIC", "IC-MINOR", "IC-SIGN", "IC-HOURS", "IC-ID", "IC-CONTENT", "IC-FIRE"];
    private static readonly string[] AudioVideoMaterials = ["application", "business-licence", "representative-id", "premises"];
    private static readonly string[] ToClosed = ["investigation", "legalReview", "priorNotice", "decided", "served", "executed", "closed"];

    public string CaseB { get; private set; } = "";
    public string CaseD { get; private set; } = "";
    public string P3 { get; private set; } = "";
    public string NoticeOld { get; private set; } = "";

    private void SetLocal(int month, int day, int hour = 10) =>
        host.Clock.Now = new DateTimeOffset(2026, month, day, hour, 0, 0, TimeSpan.FromHours(8));

    private DateOnly Today => DateOnly.FromDateTime(host.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);

    private static async Task<JsonElement> Expect(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<string> VenueAsync(string name, string type, string status, string jurisdiction = District) =>
        (await Expect(await host.Api("officer", jurisdiction).PostAsJsonAsync("/api/venues", new Dictionary<string, object?>
        {
            ["name"] = name, ["address"] = "柳城大道 " + name, ["type"] = type, ["licenseStatus"] = status,
            ["licenseNumber"] = status == "licensed" ? "证 " + name : null,
        }), HttpStatusCode.Created)).GetProperty("id").GetString()!;

    private async Task<string> InspectAsync(string venue, string outcome, Dictionary<string, object?>? extra = null, string jurisdiction = District)
    {
        var start = host.Clock.GetUtcNow().AddHours(-1);
        var body = new Dictionary<string, object?>
        {
            ["venueId"] = venue, ["kind"] = "routine", ["startedAt"] = start, ["endedAt"] = start.AddMinutes(30),
            ["officers"] = jurisdiction == District
                ? new[]
                {
                    new { userId = Users.ZhangSan, name = "张三", credentialNumber = "51011500123" },
                    new { userId = Users.LiSi, name = "李四", credentialNumber = "51011500124" },
                }
                : new[]
                {
                    new { userId = Users.ZhouWu, name = "周五", credentialNumber = "51010400201" },
                    new { userId = Users.WuLiu, name = "吴六", credentialNumber = "51010400202" },
                },
            ["results"] = CafeItems.Select(c => new Dictionary<string, object?>
            {
                ["itemCode"] = c, ["result"] = outcome != "compliant" && c == "IC-MINOR" ? "violation" : "compliant",
                ["note"] = outcome != "compliant" && c == "IC-MINOR" ? "发现未成年人上网" : null,
            }).ToList(),
            ["outcome"] = outcome,
        };
        foreach (var (k, v) in extra ?? []) body[k] = v;
        var recorder = jurisdiction == District
            ? host.Api("officer", jurisdiction, Users.ZhangSan, "51011500123", "张三")
            : host.Api("officer", jurisdiction, Users.ZhouWu, "51010400201", "周五");
        return (await Expect(await recorder.PostAsJsonAsync("/api/inspections", body), HttpStatusCode.Created)).GetProperty("id").GetString()!;
    }

    private object Sections() => new
    {
        priorNotice = new { noticeOn = Today.ToString("yyyy-MM-dd"), rightsWaived = true, proposedPenalty = new { warning = true, fineAmount = 3000 } },
        hearing = new { requestedOn = Today.ToString("yyyy-MM-dd") },
        decision = new { warning = true, fineAmount = 5000m, transferredTo = "温江区市场监督管理局" },
        service = new { method = "直接送达" },
        execution = new { finePaidOn = Today.ToString("yyyy-MM-dd"), finePaidAmount = 5000m },
    };

    private async Task<JsonElement> CaseAsync(string jurisdiction, params string[] path)
    {
        var c = await Expect(await host.Api("officer", jurisdiction).PostAsJsonAsync("/api/cases", new
        {
            source = "complaint",
            party = new { kind = "company", name = "星空网吧经营者王某", unifiedSocialCreditCode = CreditCode, address = "温江区柳城大道 88 号" },
            violationCode = "cafe-minors-admitted",
            facts = "检查发现该网吧接纳未成年人上网。",
            occurredOn = "2026-01-02",
        }), HttpStatusCode.Created);
        return await StepsAsync(c, jurisdiction, path);
    }

    private async Task<JsonElement> StepsAsync(JsonElement c, string jurisdiction, params string[] path)
    {
        foreach (var to in path)
        {
            var body = new Dictionary<string, object?> { ["to"] = to, ["version"] = c.GetProperty("version").GetInt64(), ["note"] = "办理" };
            foreach (var p in JsonSerializer.SerializeToElement(Sections()).EnumerateObject()) body[p.Name] = p.Value;
            c = await Expect(await host.Api("supervisor", jurisdiction).PostAsJsonAsync($"/api/cases/{c.GetProperty("id").GetString()}/transitions", body),
                HttpStatusCode.OK);
        }
        return c;
    }

    private async Task<JsonElement> PermitAsync(HttpClient clerk, string item, string kind, params string[] materials) =>
        await Expect(await clerk.PostAsJsonAsync("/api/permits", new
        {
            itemCode = item, kind,
            applicant = new { name = "成都星空文化有限公司", unifiedSocialCreditCode = CreditCode, phone = "028-82711234" },
            materials,
        }), HttpStatusCode.Created);

    private static async Task<JsonElement> PermitStepAsync(HttpClient clerk, JsonElement p, string to, object? extra = null)
    {
        var body = new Dictionary<string, object?> { ["to"] = to, ["version"] = p.GetProperty("version").GetInt64() };
        if (extra is not null)
            foreach (var f in JsonSerializer.SerializeToElement(extra).EnumerateObject()) body[f.Name] = f.Value;
        return await Expect(await clerk.PostAsJsonAsync($"/api/permits/{p.GetProperty("id").GetString()}/transitions", body), HttpStatusCode.OK);
    }

    public async Task BuildAsync()
    {
        // The people first, before the half year begins: inspections name their officers, the window its clerks.
        SetLocal(1, 2);
        await Accounts.CreateAsync(host, Users.ZhangSan, "张三", "officer", District, "51011500123");
        await Accounts.CreateAsync(host, Users.LiSi, "李四", "officer", District, "51011500124");
        await Accounts.CreateAsync(host, Users.Jia, "甲窗口", "clerk", District);
        await Accounts.CreateAsync(host, Users.Yi, "乙窗口", "clerk", District);
        await Accounts.CreateAsync(host, Users.ZhouWu, "周五", "officer", OtherDistrict, "51010400201");
        await Accounts.CreateAsync(host, Users.WuLiu, "吴六", "officer", OtherDistrict, "51010400202");

        SetLocal(1, 5);
        var star = await VenueAsync("星空网吧", "internetCafe", "licensed");
        var leap = await VenueAsync("飞跃网吧", "internetCafe", "licensed");
        var black = await VenueAsync("无名黑网吧", "internetCafe", "unlicensed");
        await VenueAsync("新华书店", "bookshop", "licensed");
        var jinjiang = await VenueAsync("锦江网吧", "internetCafe", "licensed", OtherDistrict);
        var e = await CaseAsync(District, "filed");

        SetLocal(2, 2);
        await CaseAsync(OtherDistrict, "filed");

        SetLocal(3, 2, 18);
        await InspectAsync(star, "compliant");
        SetLocal(3, 3, 18);
        NoticeOld = await InspectAsync(star, "rectificationNotice", new() { ["rectification"] = new { limitDays = 15, requirements = "清退未成年人" } });
        SetLocal(3, 4, 18);
        await InspectAsync(black, "caseLead", new()
        {
            ["kind"] = "joint", ["jointDepartments"] = new[] { "commerce" }, ["caseLeadDescription"] = "无证经营互联网上网服务",
            ["seizures"] = new[] { new { item = "电脑主机", quantity = 10, unit = "台" } }, ["venueClosed"] = true,
        });
        var officer = host.Api("officer", District);
        var campaign = (await Expect(await officer.PostAsJsonAsync("/api/unlicensed-campaigns", new
        {
            name = "无证网吧集中整治", startsOn = "2026-03-01", endsOn = "2026-05-31", venueTypes = new[] { "internetCafe" },
        }), HttpStatusCode.Created)).GetProperty("id").GetString();
        var found = await Expect(await officer.PostAsJsonAsync($"/api/unlicensed-campaigns/{campaign}/venues", new { venueId = black, foundOn = "2026-03-04" }),
            HttpStatusCode.Created);

        SetLocal(3, 5);
        await CaseAsync(District, ["filed", .. ToClosed]);
        await Expect(await officer.PostAsJsonAsync($"/api/unlicensed-campaigns/{campaign}/venues/{found.GetProperty("id").GetString()}/notice", new
        {
            version = found.GetProperty("version").GetInt64(), issuedOn = "2026-03-05", limitDays = 15, requirements = "停止无证经营，限期办理许可",
        }), HttpStatusCode.OK);

        SetLocal(3, 6);
        CaseB = (await CaseAsync(District, "filed")).GetProperty("id").GetString()!;

        SetLocal(3, 9);
        var jia = host.Api("clerk", District, Users.Jia, name: "甲窗口");
        var yi = host.Api("clerk", District, Users.Yi, name: "乙窗口");
        await PermitStepAsync(jia, await PermitAsync(jia, "commercial-performance", "filing", "filing-form", "performer-list", "programme", "venue-agreement"),
            "completed");

        SetLocal(3, 10);
        var p2 = await PermitStepAsync(yi, await PermitAsync(yi, "audio-video-retail", "establish", AudioVideoMaterials), "accepted");
        await CaseAsync(OtherDistrict, ["filed", .. ToClosed]);

        SetLocal(3, 12, 18);
        await InspectAsync(jinjiang, "compliant", jurisdiction: OtherDistrict);

        SetLocal(3, 20);
        await PermitStepAsync(yi, await PermitStepAsync(yi, p2, "approved"), "completed", new { certificateNumber = "川音零 0115-002" });

        SetLocal(4, 10);
        await StepsAsync(e, District, ToClosed);
        await CaseAsync(District, ["filed", .. ToClosed]);

        SetLocal(4, 15);
        CaseD = (await CaseAsync(District, "filed")).GetProperty("id").GetString()!;

        SetLocal(6, 1);
        P3 = (await PermitStepAsync(jia, await PermitAsync(jia, "audio-video-retail", "establish", AudioVideoMaterials), "accepted"))
            .GetProperty("id").GetString()!;

        SetLocal(7, 6);
        await PermitStepAsync(yi, await PermitAsync(yi, "printing-copying", "establish",
            "application", "business-licence", "representative-id", "premises", "equipment"), "accepted");

        SetLocal(7, 9, 18);
        await InspectAsync(leap, "rectificationNotice", new() { ["rectification"] = new { limitDays = 4, requirements = "悬挂禁止未成年人进入标志" } });

        host.Clock.Now = ReadOn;
    }
}

/// <summary>The people of the tests, with their login names (user ids).</summary>
public static class Users
{
    public const string ZhangSan = "zhangsan";
    public const string LiSi = "lisi";
    public const string Jia = "jia";
    public const string Yi = "yi";
    public const string ZhouWu = "zhouwu";
    public const string WuLiu = "wuliu";
}
