using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using OpenQA.Selenium;

namespace Inspections.Browser.Tests;

/// <summary>
/// The officer's evidence and fieldwork on the demo district, in the browser: a body-camera video uploaded in chunks from
/// the inspection page that survives a dropped connection and a reload and then plays; an inspection's files and record
/// linked to a case from the case page; and a random-draw inspection recorded from the draw page by the drawn pair.
/// Each checked through the API afterwards.
/// </summary>
public sealed class EvidencePageTests
{
    private BrowserHost _host = null!;

    [OneTimeSetUp]
    public async Task LoadTheDemo() => _host = new BrowserHost(await DemoLoad.IntoNewFolderAsync());

    [OneTimeTearDown]
    public async Task StopHost() => await _host.DisposeAsync();

    private Task<HttpClient> ApiAsync(string login) => Accounts.ApiAsync(_host, login, DemoLoad.Password);

    private static long Received(PageBrowser browser) =>
        long.Parse(browser.Find("#recording-progress").GetAttribute("data-received") ?? "0", CultureInfo.InvariantCulture);

    /// <summary>What the page's own address serves with the browser's sign-in cookie (a player's range request).</summary>
    private static async Task<HttpResponseMessage> WithCookieAsync(PageBrowser browser, string href, (long From, long To)? range = null)
    {
        using var handler = new HttpClientHandler { UseCookies = false };
        using var http = new HttpClient(handler);
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(browser.Url), href));
        request.Headers.Add("Cookie", string.Join("; ", browser.Driver.Manage().Cookies.AllCookies.Select(c => $"{c.Name}={c.Value}")));
        if (range is { } r) request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(r.From, r.To);
        var response = await http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    [Test]
    public async Task A_body_camera_video_is_uploaded_in_chunks_through_a_dropped_connection_and_a_reload_and_plays_on_the_page()
    {
        using var api = await ApiAsync("zhangwei");
        var inspection = (await api.GetJsonAsync("/api/inspections?limit=1")).GetProperty("items")[0];
        var inspectionId = inspection.GetProperty("id").GetString()!;
        var evidenceBefore = (await api.GetJsonAsync($"/api/inspections/{inspectionId}")).GetProperty("evidence").GetArrayLength();

        const int MiB = 1024 * 1024;
        var bytes = MediaFiles.BodyCameraMp4(12 * MiB + 12345);
        var file = Path.Combine(TestContext.CurrentContext.WorkDirectory, "执法记录仪-20261126.mp4");
        await File.WriteAllBytesAsync(file, bytes);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));

        using var browser = new PageBrowser(_host);
        browser.SignIn("zhangwei", DemoLoad.Password);
        browser.Go($"/inspections/{inspectionId}");
        Assert.That(browser.Find("#recording-upload h3").Text, Is.EqualTo("上传执法记录仪视频/录音"));
        Assert.That(browser.Find("#recording-upload").GetAttribute("data-chunk-bytes"), Is.EqualTo((2 * MiB).ToString(CultureInfo.InvariantCulture)));
        browser.Screenshots("1-inspection");

        // Each request held back 1.5 s, as on a slow mobile network, so the upload can be cut part-way.
        browser.Network(offline: false, latencyMs: 1500);
        browser.Find("#recording-file").SendKeys(file);
        browser.Type("#recording-caption", "现场检查全过程录像");
        browser.Find("#recording-start").Click();
        browser.WaitUntil(_ => Received(browser) >= 2 * MiB, "the first chunk to arrive");
        Assert.That(browser.Find("#recording-status").Text, Does.StartWith("正在上传：已上传"));
        var uploadId = browser.Find("#recording-progress").GetAttribute("data-upload")!;

        // The connection drops: the page says so and keeps trying; back online, it goes on from where the server stands.
        browser.ExpectConsole("net::ERR_INTERNET_DISCONNECTED");
        browser.Network(offline: true, latencyMs: 0);
        browser.WaitUntil(_ => browser.Find("#recording-status").GetAttribute("data-state") == "offline", "the page to notice the dropped connection");
        Assert.That(browser.Find("#recording-status").Text, Does.Contain("网络中断").And.Contain("自动重试"));
        browser.Screenshots("2-offline");
        var beforeDrop = Received(browser);
        browser.Network(offline: false, latencyMs: 1500);
        browser.WaitUntil(_ => Received(browser) > beforeDrop && Received(browser) >= 4 * MiB, "the upload to go on after the connection is back", seconds: 60);

        // The officer reloads the page part-way: the upload is listed as unfinished, with what the server holds.
        browser.Network(offline: false, latencyMs: 0);
        browser.Go($"/inspections/{inspectionId}");
        long held = -1;
        for (var stable = 0; stable < 2;)
        {
            await Task.Delay(700);
            var now = (await api.GetJsonAsync($"/api/inspections/{inspectionId}/evidence/uploads/{uploadId}")).GetProperty("receivedBytes").GetInt64();
            stable = now == held ? stable + 1 : 0;
            held = now;
        }
        Assert.That(held, Is.InRange(4L * MiB, bytes.Length - 1), "part of the file is on the server");
        browser.WaitUntil(_ => browser.Has($"#recording-pending li[data-upload='{uploadId}']"), "the unfinished upload to be listed");
        Assert.That(browser.Find($"#recording-pending li[data-upload='{uploadId}']").Text,
            Does.Contain("执法记录仪-20261126.mp4").And.Contain($"{held / (double)MiB:0.0} MB").And.Contain("从断点继续"));
        browser.Screenshots("3-unfinished-after-reload");

        // Choosing the same file again continues the same upload from the server's offset, and completes it.
        browser.Network(offline: false, latencyMs: 400);
        browser.Find("#recording-file").SendKeys(file);
        Assert.That(browser.Find("#recording-status").Text, Does.Contain("从断点继续"));
        browser.Find("#recording-start").Click();
        browser.WaitUntil(_ => browser.Find("#recording-status").GetAttribute("data-resumed-from") is not null, "the upload to resume");
        Assert.That(browser.Find("#recording-status").GetAttribute("data-resumed-from"), Is.EqualTo(held.ToString(CultureInfo.InvariantCulture)),
            "resumed from what the server holds, not from the start");
        browser.WaitUntil(_ => browser.Has("#evidence video"), "the page to show the recording after completing", seconds: 60);
        browser.Network(offline: false, latencyMs: 0);

        var upload = await api.GetJsonAsync($"/api/inspections/{inspectionId}/evidence/uploads/{uploadId}");
        Assert.That(upload.GetProperty("completed").GetBoolean(), Is.True, "the upload started before the reload is the one completed");
        var evidenceId = upload.GetProperty("evidenceId").GetString()!;
        var after = await api.GetJsonAsync($"/api/inspections/{inspectionId}");
        var stored = after.GetProperty("evidence").EnumerateArray().Single(e => e.GetProperty("id").GetString() == evidenceId);
        Assert.Multiple(() =>
        {
            Assert.That(after.GetProperty("evidence").GetArrayLength(), Is.EqualTo(evidenceBefore + 1), "one new evidence file");
            Assert.That(stored.GetProperty("sha256").GetString(), Is.EqualTo(sha256), "the server's hash is the file's");
            Assert.That(stored.GetProperty("sizeBytes").GetInt64(), Is.EqualTo(bytes.Length));
            Assert.That(stored.GetProperty("contentType").GetString(), Is.EqualTo("video/mp4"));
            Assert.That(stored.GetProperty("fileName").GetString(), Is.EqualTo("执法记录仪-20261126.mp4"));
            Assert.That(stored.GetProperty("caption").GetString(), Is.EqualTo("现场检查全过程录像"));
        });
        Assert.That(Convert.ToInt64(browser.Script("return Object.keys(localStorage).filter(k => k.startsWith('inspections.evidence-upload|')).length"),
            CultureInfo.InvariantCulture), Is.Zero, "nothing left to resume");
        Assert.That(browser.Has("#recording-pending li"), Is.False);

        // The player reads it in ranges: 206 with exactly the bytes asked for.
        var player = browser.Find($"#evidence li[data-id='{evidenceId}'] video");
        var part = await WithCookieAsync(browser, player.GetAttribute("src")!, (1000, 1999));
        Assert.That(part.StatusCode, Is.EqualTo(HttpStatusCode.PartialContent));
        Assert.That(part.Content.Headers.ContentRange?.ToString(), Is.EqualTo($"bytes 1000-1999/{bytes.Length}"));
        Assert.That(await part.Content.ReadAsByteArrayAsync(), Is.EqualTo(bytes[1000..2000]));
        browser.Screenshots("4-uploaded");
        browser.AssertNoConsoleErrors();
    }

    [Test]
    public async Task An_inspections_files_and_record_are_linked_to_a_case_from_the_case_page()
    {
        using var api = await ApiAsync("zhangwei");
        // An open case of a venue the officers have inspected.
        JsonElement? chosen = null;
        string inspectionId = "";
        foreach (var c in (await api.GetJsonAsync("/api/cases?stage=investigation&limit=50")).GetProperty("items").EnumerateArray())
        {
            if (c.GetProperty("venueId").ValueKind != JsonValueKind.String) continue;
            var inspections = (await api.GetJsonAsync($"/api/inspections?venueId={c.GetProperty("venueId").GetString()}&limit=1")).GetProperty("items");
            if (inspections.GetArrayLength() == 0) continue;
            chosen = c;
            inspectionId = inspections[0].GetProperty("id").GetString()!;
            break;
        }
        Assert.That(chosen, Is.Not.Null, "the demo has a case under investigation at an inspected venue");
        var caseId = chosen!.Value.GetProperty("id").GetString()!;

        // A recording of that inspection, uploaded through the API.
        using var upload = new MultipartFormDataContent();
        var audio = new ByteArrayContent(MediaFiles.Wav(seconds: 1));
        audio.Headers.ContentType = new("audio/wav");
        upload.Add(audio, "file", "询问录音.wav");
        upload.Add(new StringContent("现场询问录音"), "caption");
        var posted = await api.PostAsync($"/api/inspections/{inspectionId}/evidence", upload);
        Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.Created), await posted.Content.ReadAsStringAsync());
        var recordingId = JsonDocument.Parse(await posted.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        var linkedBefore = (await api.GetJsonAsync($"/api/cases/{caseId}")).GetProperty("evidence").GetArrayLength();

        using var browser = new PageBrowser(_host);
        browser.SignIn("zhangwei", DemoLoad.Password);
        browser.Go($"/cases/{caseId}");
        var item = $"#unlinked-evidence li[data-reference='{recordingId}']";
        Assert.That(browser.Has(item), Is.True, browser.BodyText);
        Assert.That(browser.Find(item).GetAttribute("data-kind"), Is.EqualTo("recording"));
        Assert.That(browser.Find(item).Text, Does.Contain("视听资料").And.Contain("询问录音.wav"));
        Assert.That(browser.Find($"{item} input[name='Link.Description']").GetAttribute("value"), Is.EqualTo("现场询问录音"));
        browser.Screenshots("1-case-unlinked");

        browser.Type($"{item} input[name='Link.Description']", "现场询问当事人的录音");
        browser.Click($"#link-{recordingId}");
        Assert.That(browser.Find("#notice").Text, Is.EqualTo("已关联证据。"), browser.BodyText);
        Assert.That(browser.Has(item), Is.False, "a linked file is no longer offered");
        Assert.That(browser.Find($"#evidence li[data-kind='recording'] audio").GetAttribute("src"), Is.Not.Empty, "it plays on the case page");

        // The inspection record itself, too.
        var record = $"#unlinked-evidence li[data-reference='{inspectionId}']";
        if (browser.Has(record))
        {
            browser.Click($"#link-{inspectionId}");
            Assert.That(browser.Has(record), Is.False);
        }
        browser.Screenshots("2-case-linked");

        var after = await api.GetJsonAsync($"/api/cases/{caseId}");
        var rows = after.GetProperty("evidence").EnumerateArray().ToList();
        var linked = rows.Single(e => e.GetProperty("reference").GetString() == recordingId);
        Assert.Multiple(() =>
        {
            Assert.That(linked.GetProperty("kind").GetString(), Is.EqualTo("recording"));
            Assert.That(linked.GetProperty("description").GetString(), Is.EqualTo("现场询问当事人的录音"));
            Assert.That(linked.GetProperty("inspectionId").GetString(), Is.EqualTo(inspectionId));
            Assert.That(rows.Any(e => e.GetProperty("kind").GetString() == "inspection" && e.GetProperty("reference").GetString() == inspectionId), Is.True);
            Assert.That(rows, Has.Count.GreaterThan(linkedBefore));
        });
        browser.AssertNoConsoleErrors();
    }

    [Test]
    public async Task The_drawn_pair_records_a_random_inspection_from_the_draw_page()
    {
        using var api = await ApiAsync("zhangwei");
        var drawn = await api.PostAsJsonAsync("/api/draws", new
        {
            name = "浏览器测试抽查", venueType = "internetCafe", licenseStatus = "licensed", count = 1,
            officers = new[] { new { userId = "zhangwei" }, new { userId = "lina" } },
        });
        Assert.That(drawn.StatusCode, Is.EqualTo(HttpStatusCode.Created), await drawn.Content.ReadAsStringAsync());
        var draw = JsonDocument.Parse(await drawn.Content.ReadAsStringAsync()).RootElement;
        var drawId = draw.GetProperty("id").GetString()!;
        var pair = draw.GetProperty("assignments")[0];
        var venueId = pair.GetProperty("venueId").GetString()!;
        string[] drawnPair = [pair.GetProperty("firstUserId").GetString()!, pair.GetProperty("secondUserId").GetString()!];
        Assert.That(drawnPair, Is.EquivalentTo(new[] { "zhangwei", "lina" }));
        var items = (await api.GetJsonAsync("/api/checklists/internetCafe")).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("code").GetString()!).ToList();

        using var browser = new PageBrowser(_host);
        browser.SignIn("zhangwei", DemoLoad.Password);
        browser.Go($"/draws/{drawId}");
        var row = $"#assignments tr[data-venue='{venueId}']";
        Assert.That(browser.Find($"{row} a.go-inspect").GetAttribute("href"), Does.EndWith($"/venues/{venueId}/inspect?drawId={drawId}"));
        browser.Screenshots("1-draw");
        browser.Click($"{row} a.go-inspect");

        Assert.That(browser.Find("#kind").GetAttribute("data-kind"), Is.EqualTo("random"));
        Assert.That(browser.Find("#kind").Text, Does.Contain("双随机").And.Contain("浏览器测试抽查"));
        Assert.That(new[] { browser.Find("#officer-0").GetAttribute("value"), browser.Find("#officer-1").GetAttribute("value") },
            Is.EqualTo(drawnPair), "the drawn pair is preselected");
        var inspectionId = AnswerCompliantAndSave(browser, items, "2-inspect-drawn");

        var recorded = await api.GetJsonAsync($"/api/inspections/{inspectionId}");
        Assert.Multiple(() =>
        {
            Assert.That(recorded.GetProperty("kind").GetString(), Is.EqualTo("random"));
            Assert.That(recorded.GetProperty("drawId").GetString(), Is.EqualTo(drawId));
            Assert.That(recorded.GetProperty("venueId").GetString(), Is.EqualTo(venueId));
            Assert.That(recorded.GetProperty("officers").EnumerateArray().Select(o => o.GetProperty("userId").GetString()),
                Is.EqualTo(drawnPair));
        });
        var assignment = (await api.GetJsonAsync($"/api/draws/{drawId}")).GetProperty("assignments")[0];
        Assert.That(assignment.GetProperty("inspectionId").GetString(), Is.EqualTo(inspectionId), "the draw shows its inspection");
        browser.Go($"/draws/{drawId}");
        Assert.That(browser.Has($"{row} a.go-inspect"), Is.False, "nothing left to inspect");
        Assert.That(browser.Find($"{row} a[href='/inspections/{inspectionId}']").Text, Does.Contain("未发现问题"));
        browser.Screenshots("3-draw-inspected");
        browser.AssertNoConsoleErrors();
    }

    /// <summary>Every item of the checklist answered compliant, the outcome "no issue", saved: the new inspection's id.</summary>
    private static string AnswerCompliantAndSave(PageBrowser browser, IEnumerable<string> items, string screenshot)
    {
        foreach (var code in items)
        {
            var label = browser.Find($"#checklist li[data-code='{code}'] label.result-compliant");
            browser.Script("arguments[0].scrollIntoView({ block: 'center' });", label);
            label.Click();
        }
        var compliant = browser.Find("#outcome input[value='compliant']");
        browser.Script("arguments[0].scrollIntoView({ block: 'center' });", compliant);
        compliant.Click();
        browser.Screenshots(screenshot);
        browser.Click("#inspect-submit");
        var path = new Uri(browser.Url).AbsolutePath;
        Assert.That(path, Does.StartWith("/inspections/"), browser.BodyText);
        return path["/inspections/".Length..];
    }

    [Test]
    public async Task A_campaign_inspection_is_recorded_from_the_venues_dossier_during_the_campaign()
    {
        using var boss = await ApiAsync("liuyang");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);
        var created = await boss.PostAsJsonAsync("/api/campaigns", new
        {
            name = "浏览器测试专项行动", startsOn = today.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            endsOn = today.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var campaignId = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        using var api = await ApiAsync("zhangwei");
        var venueId = (await api.GetJsonAsync("/api/venues?type=internetCafe&licenseStatus=licensed&limit=5")).GetProperty("items")[1].GetProperty("id").GetString()!;
        var items = (await api.GetJsonAsync("/api/checklists/internetCafe")).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("code").GetString()!).ToList();

        using var browser = new PageBrowser(_host);
        browser.SignIn("zhangwei", DemoLoad.Password);
        browser.Go($"/venues/{venueId}");
        var link = $"#item-title ~ .actions a.campaign-inspect[data-campaign='{campaignId}']";
        Assert.That(browser.Find(link).Text, Is.EqualTo("专项行动检查：浏览器测试专项行动"));
        browser.Screenshots("0-dossier");
        browser.Click(link);
        Assert.That(browser.Find("#kind input[value='campaign']").Selected, Is.True, "a campaign inspection");
        Assert.That(browser.Find("#Input_CampaignId").GetAttribute("value"), Is.EqualTo(campaignId));
        Assert.That(browser.Find("#Input_CampaignId").Displayed, Is.True, "the campaign shows with its kind");
        browser.Choose("#officer-1", "lina");
        var inspectionId = AnswerCompliantAndSave(browser, items, "1-inspect-campaign");

        var recorded = await api.GetJsonAsync($"/api/inspections/{inspectionId}");
        Assert.Multiple(() =>
        {
            Assert.That(recorded.GetProperty("kind").GetString(), Is.EqualTo("campaign"));
            Assert.That(recorded.GetProperty("campaignId").GetString(), Is.EqualTo(campaignId));
            Assert.That(recorded.GetProperty("drawId").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(recorded.GetProperty("venueId").GetString(), Is.EqualTo(venueId));
        });
        var campaign = await boss.GetJsonAsync($"/api/campaigns/{campaignId}");
        Assert.That(campaign.GetProperty("totals").GetProperty("inspections").GetInt64(), Is.EqualTo(1), "the campaign counts it");
        browser.AssertNoConsoleErrors();
    }
}
