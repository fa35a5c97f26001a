using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using OpenQA.Selenium;

namespace Inspections.Browser.Tests;

/// <summary>
/// The officer's day on a tablet (768px): a 现场检查 recorded on the demo district from the venue's dossier, with the
/// checklist, a second officer, a photo from the camera input, a violation and a rectification notice whose DOCX
/// downloads; then a lead opened from that inspection, carried by the officer and the section head through filing,
/// investigation, legal review, prior notice with the proposed penalty and the decision, each step's page offering
/// only the steps the procedure allows; the records checked through the API afterwards.
/// </summary>
public sealed class InspectionCasePageTests
{
    private const int TabletWidth = 768;
    private const int TabletHeight = 1024;

    private BrowserHost _host = null!;

    [OneTimeSetUp]
    public async Task LoadTheDemo() => _host = new BrowserHost(await DemoLoad.IntoNewFolderAsync());

    [OneTimeTearDown]
    public async Task StopHost() => await _host.DisposeAsync();

    private async Task<HttpClient> ApiAsync(string login)
    {
        var api = new HttpClient { BaseAddress = new Uri(_host.BaseUrl) };
        api.DefaultRequestHeaders.Authorization = new("Bearer", await Accounts.TokenAsync(_host, login, DemoLoad.Password));
        return api;
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient api, string path)
    {
        var response = await api.GetAsync(path);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), path);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    /// <summary>The page as the tablet shows it: the first screen and the whole length, at 768px.</summary>
    private static void TabletShots(PageBrowser browser, string name)
    {
        var folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots", TestContext.CurrentContext.Test.MethodName ?? "test");
        Directory.CreateDirectory(folder);
        browser.Viewport(TabletWidth, TabletHeight);
        Save(browser, Path.Combine(folder, $"{name}-{TabletWidth}x{TabletHeight}.png"));
        var height = Convert.ToInt32(browser.Script("return Math.ceil(document.documentElement.scrollHeight)"), System.Globalization.CultureInfo.InvariantCulture);
        if (height > TabletHeight + 20)
        {
            browser.Viewport(TabletWidth, Math.Min(height, 8000));
            Save(browser, Path.Combine(folder, $"{name}-{TabletWidth}-full.png"));
        }
        var overflow = Convert.ToInt64(browser.Script("return document.documentElement.scrollWidth - document.documentElement.clientWidth"),
            System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(overflow, Is.LessThanOrEqualTo(1), $"{name} at {TabletWidth}px is {overflow}px wider than the screen");
        browser.Viewport(TabletWidth, TabletHeight);
    }

    private static void Save(PageBrowser browser, string file)
    {
        ((ITakesScreenshot)browser.Driver).GetScreenshot().SaveAsFile(file);
        TestContext.AddTestAttachment(file);
    }

    /// <summary>A finger on the element: scrolled to the middle of the screen (clear of the sticky save bar), then tapped.</summary>
    private static void Tap(PageBrowser browser, string css)
    {
        var element = browser.Find(css);
        browser.Script("arguments[0].scrollIntoView({ block: 'center' });", element);
        element.Click();
    }

    /// <summary>The steps the case page offers as forms, and those it says wait for a section head.</summary>
    private static (string[] Forms, string[] Allowed) Offered(PageBrowser browser) =>
        (browser.FindAll("form.step-form[data-step]").Select(f => f.GetAttribute("data-step")!).ToArray(),
         browser.Find("#steps").GetAttribute("data-allowed")!.Split(',', StringSplitOptions.RemoveEmptyEntries));

    private static void AssertOffered(PageBrowser browser, string[] forms, string[] allowed, string stage)
    {
        Assert.That(browser.Find("#case-stage").GetAttribute("data-stage"), Is.EqualTo(stage), browser.BodyText);
        var (shownForms, shownAllowed) = Offered(browser);
        Assert.Multiple(() =>
        {
            Assert.That(shownAllowed, Is.EquivalentTo(allowed), $"the steps the procedure allows from {stage}");
            Assert.That(shownForms, Is.EquivalentTo(forms), $"the step forms offered at {stage}");
        });
    }

    /// <summary>The DOCX a page's download link serves, fetched with the browser's own sign-in cookie.</summary>
    private async Task<string> DownloadTextAsync(PageBrowser browser, string kind)
    {
        var href = browser.Find($"#documents a[data-kind='{kind}']").GetAttribute("href")!;
        using var handler = new HttpClientHandler { UseCookies = false };
        using var http = new HttpClient(handler);
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(browser.Url), href));
        request.Headers.Add("Cookie", string.Join("; ", browser.Driver.Manage().Cookies.AllCookies.Select(c => $"{c.Name}={c.Value}")));
        var response = await http.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), href);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document"));
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var docx = WordprocessingDocument.Open(stream, false);
        return docx.MainDocumentPart!.Document.Body!.InnerText;
    }

    [Test]
    public async Task An_officer_records_an_inspection_on_a_tablet_and_the_case_it_leads_to_is_carried_to_a_decision()
    {
        using var officerApi = await ApiAsync("zhangwei");
        var venues = (await GetJsonAsync(officerApi, "/api/venues?type=internetCafe&licenseStatus=licensed&limit=50")).GetProperty("items");
        Assert.That(venues.GetArrayLength(), Is.GreaterThan(0), "the demo has licensed internet cafés");
        var venue = venues[0];
        var venueId = venue.GetProperty("id").GetString()!;
        var venueName = venue.GetProperty("name").GetString()!;
        var checklist = await GetJsonAsync(officerApi, "/api/checklists/internetCafe");
        var items = checklist.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("code").GetString()!).ToList();
        var casesBefore = (await GetJsonAsync(officerApi, $"/api/cases?venueId={venueId}&limit=100")).GetProperty("items").GetArrayLength();

        using var browser = new PageBrowser(_host);
        browser.SignIn("zhangwei", DemoLoad.Password);
        browser.Viewport(TabletWidth, TabletHeight);
        browser.Go($"/venues/{venueId}");
        browser.Click("#inspect-venue");
        Assert.That(new Uri(browser.Url).AbsolutePath, Is.EqualTo($"/venues/{venueId}/inspect"));
        Assert.That(browser.FindAll("#checklist li.check-item"), Has.Count.EqualTo(items.Count), "every item of the venue type's checklist");
        Assert.That(browser.Find("#officer-0").GetAttribute("value"), Is.EqualTo("zhangwei"), "the signed-in officer is preselected");
        var camera = browser.Find("#photo-input");
        Assert.Multiple(() =>
        {
            Assert.That(camera.GetAttribute("accept"), Is.EqualTo("image/*"));
            Assert.That(camera.GetAttribute("capture"), Is.EqualTo("environment"));
            Assert.That(camera.GetAttribute("multiple"), Is.Not.Null);
        });
        // Touch targets: every answer is at least 44px high.
        var smallest = browser.FindAll("#checklist label.choice").Min(l => l.Size.Height);
        Assert.That(smallest, Is.GreaterThanOrEqualTo(44), "answers are big enough to tap");
        TabletShots(browser, "1-inspect-form");

        // Sent with nothing answered: the errors in Chinese beside the fields, and what was typed still there.
        browser.Type("#Input_Notes", "经营者在场配合检查");
        browser.Click("#inspect-submit");
        Assert.That(new Uri(browser.Url).AbsolutePath, Is.EqualTo($"/venues/{venueId}/inspect"));
        Assert.That(browser.Find("#officers").Text, Does.Contain("两名"), browser.BodyText);
        Assert.That(browser.Find("#outcome").Text, Does.Contain("请选择处理结果"));
        Assert.That(browser.FindAll("#checklist li.has-error"), Has.Count.EqualTo(items.Count), "each unanswered item says so");
        Assert.That(browser.Find("#Input_Notes").GetAttribute("value"), Is.EqualTo("经营者在场配合检查"), "nothing typed is lost");
        TabletShots(browser, "2-inspect-errors");

        // Answered: a second officer, the first item a violation, the rest compliant, a rectification notice and a photo.
        browser.Choose("#officer-1", "lina");
        const string minors = "IC-MINOR";
        Assert.That(items, Does.Contain(minors));
        foreach (var item in items)
            Tap(browser, $"#checklist li[data-code='{item}'] label.result-{(item == minors ? "violation" : "compliant")}");
        browser.Find($"#checklist li[data-code='{minors}'] textarea").SendKeys("现场发现 2 名未成年人上网，未核验身份证件");
        Tap(browser, "#outcome input[value='rectificationNotice']");
        Assert.That(browser.Find("#rectification-fields").Displayed, Is.True, "the notice's fields show with its outcome");
        browser.Type("#Input_Rectification_LimitDays", "10");
        browser.Type("#Input_Rectification_Requirements", "立即清退未成年人，落实上网实名登记制度");
        var photo = Path.Combine(TestContext.CurrentContext.WorkDirectory, "site-photo.png");
        ((ITakesScreenshot)browser.Driver).GetScreenshot().SaveAsFile(photo);
        browser.Find("#photo-input").SendKeys(photo);
        browser.Type("#Input_PhotoCaption", "现场照片：吧台");
        TabletShots(browser, "3-inspect-filled");
        browser.Click("#inspect-submit");

        var path = new Uri(browser.Url).AbsolutePath;
        Assert.That(path, Does.StartWith("/inspections/"), browser.BodyText);
        var inspectionId = path["/inspections/".Length..];
        Assert.That(browser.Find("#notice").Text, Does.Contain("上传照片 1 张"));
        Assert.That(browser.Find("#inspection-outcome").Text, Is.EqualTo("责令整改"));
        Assert.That(browser.FindAll("#evidence img"), Has.Count.EqualTo(1), "the photo is shown");
        Assert.That(Convert.ToBoolean(browser.Script("const i = document.querySelector('#evidence img'); return i.complete && i.naturalWidth > 0;")), Is.True,
            "the photo loads");
        TabletShots(browser, "4-inspection-recorded");
        var notice = await DownloadTextAsync(browser, "rectificationNotice");
        Assert.That(notice, Does.Contain(venueName), "the notice names the venue");
        Assert.That(notice, Does.Contain("立即清退未成年人"));

        // A lead from that inspection, opened on /cases.
        browser.Click("#open-lead");
        Assert.That(new Uri(browser.Url).AbsolutePath, Is.EqualTo("/cases"));
        Assert.That(browser.Find("#Input_Source").GetAttribute("value"), Is.EqualTo("inspection"));
        Assert.That(browser.Find("#Input_Facts").GetAttribute("value"), Does.Contain("未核验身份证件"), "the facts come from the inspection");
        browser.Choose("#Input_ViolationCode", "cafe-minors-admitted");
        TabletShots(browser, "5-lead-form");
        browser.Click("#lead-submit");
        path = new Uri(browser.Url).AbsolutePath;
        Assert.That(path, Does.StartWith("/cases/"), browser.BodyText);
        var caseId = path["/cases/".Length..];
        // An officer may not file: the page offers no form, and says whose step it is.
        AssertOffered(browser, [], ["filed", "notFiled"], "lead");
        Assert.That(browser.Find("#awaiting-approval").Text, Does.Contain("批准立案"));
        TabletShots(browser, "6-lead");

        using var boss = new PageBrowser(_host);
        boss.SignIn("liuyang", DemoLoad.Password);
        boss.Viewport(TabletWidth, TabletHeight);
        boss.Go($"/cases/{caseId}");
        AssertOffered(boss, ["filed", "notFiled"], ["filed", "notFiled"], "lead");
        boss.Type("#note-filed", "同意立案调查");
        boss.Click("#step-filed");
        AssertOffered(boss, ["investigation", "withdrawn"], ["investigation", "withdrawn"], "filed");
        Assert.That(boss.Find(".clock[data-clock='办案期限']").Text, Does.Contain("办案期限 90 日"), "the decision limit with its explanation");
        Assert.That(boss.Find("[data-clock-basis='decision']").Text, Does.Contain("第六十条").And.Contain("自立案之日起 90 日").And.Contain("自然日"),
            "which article, from which day, natural days");
        TabletShots(boss, "7-filed");

        browser.Go($"/cases/{caseId}");
        AssertOffered(browser, ["investigation"], ["investigation", "withdrawn"], "filed");
        browser.Click("#step-investigation");
        AssertOffered(browser, ["legalReview"], ["legalReview", "withdrawn"], "investigation");
        browser.Type("#note-legalReview", "调查终结，证据确凿");
        browser.Click("#step-legalReview");
        AssertOffered(browser, [], ["priorNotice", "noPenalty", "transferred", "investigation", "withdrawn"], "legalReview");
        TabletShots(browser, "8-legal-review");

        boss.Go($"/cases/{caseId}");
        AssertOffered(boss, ["priorNotice", "noPenalty", "transferred", "investigation", "withdrawn"],
            ["priorNotice", "noPenalty", "transferred", "investigation", "withdrawn"], "legalReview");
        // The prior notice without a proposed penalty is refused beside its fields, in Chinese.
        boss.Click("#step-priorNotice");
        Assert.That(boss.Find("form[data-step='priorNotice']").Text, Does.Contain("拟作出的行政处罚"), boss.BodyText);
        Assert.That(boss.Find("#case-stage").GetAttribute("data-stage"), Is.EqualTo("legalReview"));
        TabletShots(boss, "9-prior-notice-error");
        Tap(boss, "#pn-warning");
        boss.Type("#pn-fine", "8000");
        Tap(boss, "#pn-waived");
        boss.Click("#step-priorNotice");
        AssertOffered(boss, ["hearing", "decided", "noPenalty", "withdrawn"], ["hearing", "decided", "noPenalty", "withdrawn"], "priorNotice");
        Assert.That(boss.Find("#proposed-penalty-words").Text, Is.EqualTo("警告；罚款 8,000.00 元"));
        var priorNotice = await DownloadTextAsync(boss, "priorNotice");
        Assert.That(priorNotice, Does.Contain("拟对你（单位）作出如下行政处罚：警告；罚款人民币捌仟元整（¥8,000.00）"), priorNotice);
        TabletShots(boss, "10-prior-notice");

        // The decision form starts from the proposed penalty.
        Assert.That(boss.Find("#decision-fine").GetAttribute("value"), Is.EqualTo("8000.00").Or.EqualTo("8000"));
        boss.Type("#note-decided", "经集体讨论，作出行政处罚决定");
        boss.Click("#step-decided");
        AssertOffered(boss, ["served"], ["served"], "decided");
        Assert.That(boss.Find("#decision-words").Text, Is.EqualTo("警告；罚款 8,000.00 元"));
        Assert.That(boss.Find(".clock[data-clock='送达期限']").Displayed, Is.True, "the service limit runs");
        Assert.That(boss.Find("[data-clock-basis='service']").Text, Does.Contain("第六十一条").And.Contain("7 个工作日"));
        TabletShots(boss, "11-decided");

        // A body-camera recording of the inspection, linked to the case, plays on the case page with range requests.
        using var upload = new MultipartFormDataContent();
        var wav = new ByteArrayContent(MediaFiles.Wav(seconds: 2));
        wav.Headers.ContentType = new("audio/wav");
        upload.Add(wav, "file", "执法记录仪录音.wav");
        upload.Add(new StringContent("执法记录仪录音"), "caption");
        var recording = await officerApi.PostAsync($"/api/inspections/{inspectionId}/evidence", upload);
        Assert.That(recording.StatusCode, Is.EqualTo(HttpStatusCode.Created), await recording.Content.ReadAsStringAsync());
        var recordingId = JsonDocument.Parse(await recording.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
        var current = await GetJsonAsync(officerApi, $"/api/cases/{caseId}");
        var linked = await officerApi.PostAsync($"/api/cases/{caseId}/evidence", JsonContent.Create(new
        {
            version = current.GetProperty("version").GetInt64(), kind = "recording", reference = recordingId, description = "现场检查执法记录仪录音",
        }));
        Assert.That(linked.StatusCode, Is.EqualTo(HttpStatusCode.OK), await linked.Content.ReadAsStringAsync());
        browser.Go($"/cases/{caseId}");
        Assert.That(browser.FindAll("#evidence audio"), Has.Count.EqualTo(1), "the recording has a player");
        browser.WaitUntil(_ => Convert.ToDouble(browser.Script("return document.querySelector('#evidence audio').duration || 0"),
            System.Globalization.CultureInfo.InvariantCulture) > 1.5, "the recording's length to be read");
        browser.Script("const a = document.querySelector('#evidence audio'); a.currentTime = 1.5;");
        browser.WaitUntil(_ => browser.Script("return document.querySelector('#evidence audio').seeking") is false, "the player to seek");
        var src = browser.Find("#evidence audio").GetAttribute("src")!;
        using (var handler = new HttpClientHandler { UseCookies = false })
        using (var http = new HttpClient(handler))
        {
            var ranged = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(browser.Url), src));
            ranged.Headers.Add("Cookie", string.Join("; ", browser.Driver.Manage().Cookies.AllCookies.Select(k => $"{k.Name}={k.Value}")));
            ranged.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(100, 199);
            var part = await http.SendAsync(ranged);
            Assert.That(part.StatusCode, Is.EqualTo(HttpStatusCode.PartialContent), "the page's player reads the recording in ranges");
            Assert.That((await part.Content.ReadAsByteArrayAsync()).Length, Is.EqualTo(100));
        }
        TabletShots(browser, "12-recording");

        // The records, as the API has them.
        var c = await GetJsonAsync(officerApi, $"/api/cases/{caseId}");
        Assert.Multiple(() =>
        {
            Assert.That(c.GetProperty("stage").GetString(), Is.EqualTo("decided"));
            Assert.That(c.GetProperty("inspectionId").GetString(), Is.EqualTo(inspectionId));
            Assert.That(c.GetProperty("source").GetString(), Is.EqualTo("inspection"));
            Assert.That(c.GetProperty("violation").GetProperty("code").GetString(), Is.EqualTo("cafe-minors-admitted"));
            Assert.That(c.GetProperty("proposedPenalty").GetProperty("warning").GetBoolean(), Is.True);
            Assert.That(c.GetProperty("proposedPenalty").GetProperty("fineAmount").GetDecimal(), Is.EqualTo(8000m));
            Assert.That(c.GetProperty("rightsWaived").GetBoolean(), Is.True);
            Assert.That(c.GetProperty("decision").GetProperty("fineAmount").GetDecimal(), Is.EqualTo(8000m));
            Assert.That(c.GetProperty("history").EnumerateArray().Select(s => s.GetProperty("toStage").GetString()),
                Is.EqualTo(new[] { "lead", "filed", "investigation", "legalReview", "priorNotice", "decided" }));
        });
        var inspection = await GetJsonAsync(officerApi, $"/api/inspections/{inspectionId}");
        Assert.Multiple(() =>
        {
            Assert.That(inspection.GetProperty("venueId").GetString(), Is.EqualTo(venueId));
            Assert.That(inspection.GetProperty("outcome").GetString(), Is.EqualTo("rectificationNotice"));
            Assert.That(inspection.GetProperty("violations").GetInt32(), Is.EqualTo(1));
            Assert.That(inspection.GetProperty("rectificationLimitDays").GetInt32(), Is.EqualTo(10));
            Assert.That(inspection.GetProperty("officers").EnumerateArray().Select(o => o.GetProperty("userId").GetString()),
                Is.EqualTo(new[] { "zhangwei", "lina" }));
            Assert.That(inspection.GetProperty("notes").GetString(), Is.EqualTo("经营者在场配合检查"));
            var evidence = inspection.GetProperty("evidence").EnumerateArray().ToList();
            Assert.That(evidence.Select(e => e.GetProperty("contentType").GetString()), Is.EquivalentTo(new[] { "image/png", "audio/wav" }),
                "the photo from the page and the recording from the API");
            var png = evidence.Single(e => e.GetProperty("contentType").GetString() == "image/png");
            Assert.That(png.GetProperty("caption").GetString(), Is.EqualTo("现场照片：吧台"));
            Assert.That(png.GetProperty("sizeBytes").GetInt64(), Is.EqualTo(new FileInfo(photo).Length));
            Assert.That(c.GetProperty("evidence").EnumerateArray().Single().GetProperty("kind").GetString(), Is.EqualTo("recording"));
        });
        Assert.That((await GetJsonAsync(officerApi, $"/api/cases?venueId={venueId}&limit=100")).GetProperty("items").GetArrayLength(),
            Is.EqualTo(casesBefore + 1));

        // The case list shows it, newest first, and filters by stage.
        browser.Go("/cases?stage=decided");
        Assert.That(browser.Find("#cases tbody tr").GetAttribute("data-id"), Is.EqualTo(caseId), "the newest decided case first");
        Assert.That(browser.FindAll("#cases tbody tr").All(r => r.GetAttribute("data-stage") == "decided"), Is.True);
        TabletShots(browser, "13-case-list");
        browser.AssertNoConsoleErrors();
        boss.AssertNoConsoleErrors();
    }
}
