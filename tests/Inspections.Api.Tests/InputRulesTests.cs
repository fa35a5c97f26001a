using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Inspections.Api.Tests.Infrastructure;
using Inspections.Api.Tests.InspectionsFeature;

namespace Inspections.Api.Tests;

/// <summary>
/// The input rules every endpoint shares, before any validator or database sees the request: the
/// same 400/414/415 problem on every database, naming the field, and nothing written.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class InputRulesTests(string provider) : ApiFixture(provider)
{
    protected override IEnumerable<TestUser> FixtureUsers => Officers.Of();

    private const string ControlZh = "不能包含控制字符（制表符、回车、换行除外）";
    private const string ControlEn = "must not contain control characters (other than tab, CR and LF)";
    private const string DateZh = "日期须在 1900-01-01 至 2099-12-31 之间";
    private const string NullZh = "列表项不能为 null";

    private static Dictionary<string, object?> Venue(string name, string address = "温江区柳城大道 88 号", string? licenseValidUntil = null) => new()
    {
        ["name"] = name,
        ["address"] = address,
        ["type"] = "internetCafe",
        ["licenseStatus"] = "licensed",
        ["licenseNumber"] = Licences.Unique("川网文 0115 号"),
        ["licenseValidUntil"] = licenseValidUntil,
    };

    private static object Application(object applicantName, params string?[] materials) => new
    {
        itemCode = "audio-video-retail",
        kind = "establish",
        applicant = new { name = applicantName, phone = "028-82711234" },
        materials,
    };

    private async Task<long[]> Counts(params string[] tables)
    {
        var counts = new long[tables.Length + 1];
        for (var i = 0; i < tables.Length; i++) counts[i] = await Api.CountAsync(tables[i]);
        counts[^1] = await Api.CountAsync("audit_entries");
        return counts;
    }

    /// <summary>Asserts a 400 validation problem whose only field is the one named, with the message given.</summary>
    private static async Task<JsonElement> ExpectField(HttpResponseMessage response, string field, string message)
    {
        var problem = await response.Expect(HttpStatusCode.BadRequest);
        Assert.Multiple(() =>
        {
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(problem.GetProperty("errors").EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { field }), problem.ToString());
            Assert.That(problem.FieldErrors(field), Does.Contain(message), problem.ToString());
        });
        return problem;
    }

    // ---- text ----

    [Test]
    public async Task A_control_character_in_a_body_field_is_refused_naming_the_field_and_nothing_is_written()
    {
        var before = await Counts("venues");
        await ExpectField(await Api.Client("officer").PostJson("/api/venues", Venue("星空\0网吧")), "name", ControlZh);
        await ExpectField(await Api.Client("officer", language: "en").PostJson("/api/venues", Venue("星空网吧", "柳城\u0007大道")), "address", ControlEn);
        await ExpectField(await Api.Client("officer").PostJson("/api/venues", Venue("星空网吧", "柳城\u0085大道")), "address", ControlZh);
        Assert.That(await Counts("venues"), Is.EqualTo(before));
    }

    [Test]
    public async Task Tab_and_line_breaks_are_ordinary_text()
    {
        var created = await (await Api.Client("officer").PostJson("/api/venues", Venue("换行测试网吧", "温江区\r\n柳城大道\t88 号"))).Expect(HttpStatusCode.Created);
        Assert.That(created.Str("address"), Is.EqualTo("温江区\r\n柳城大道\t88 号"));
    }

    [Test]
    public async Task A_control_character_in_a_nested_field_or_a_list_item_is_named_by_its_json_path()
    {
        var before = await Counts("permit_applications");
        await ExpectField(await Api.Client("clerk").PostJson("/api/permits", Application("成都\0星空", "application")), "applicant.name", ControlZh);
        await ExpectField(await Api.Client("clerk").PostJson("/api/permits", Application("成都星空", "application", "premises\u001b")), "materials[1]", ControlZh);
        Assert.That(await Counts("permit_applications"), Is.EqualTo(before));
    }

    [Test]
    public async Task A_control_character_in_a_query_value_or_the_path_is_refused_naming_it()
    {
        var officer = Api.Client("officer");
        await ExpectField(await officer.GetAsync("/api/venues?name=%E6%98%9F%00"), "name", ControlZh);
        await ExpectField(await Api.Client("supervisor").GetAsync("/api/audit?entityType=venue%01"), "entityType", ControlZh);
        // %00 in the path never reaches the host: Kestrel (and the test server) refuse it first (see the README).
        foreach (var path in new[] { "/api/checklists/internet%01Cafe", "/api/checklists/a%0Ab", "/api/checklists/a%7F" })
            await ExpectField(await officer.GetAsync(path), "path", "请求地址中不能包含控制字符或无效字符");
    }

    [Test]
    public async Task A_control_character_in_an_uploaded_file_name_or_caption_is_refused_and_nothing_is_stored()
    {
        var inspection = await RecordInspection();
        var before = await Counts("inspection_evidence");
        var officer = Api.ZhangSanClient();

        await ExpectField(await officer.PostAsync($"/api/inspections/{inspection}/evidence", RawForm("门头\0照片.jpg", "现场照片")), "file", ControlZh);
        await ExpectField(await officer.PostAsync($"/api/inspections/{inspection}/evidence", RawForm("门头照片.jpg", "现场\0照片")), "caption", ControlZh);
        Assert.That(await Counts("inspection_evidence"), Is.EqualTo(before));

        // The same form without the control character is stored: the refusal above was the rule, nothing else.
        await (await officer.PostAsync($"/api/inspections/{inspection}/evidence", RawForm("门头照片.jpg", "现场照片"))).Expect(HttpStatusCode.Created);
    }

    [Test]
    public async Task A_form_whose_boundary_is_not_the_one_announced_is_a_field_error_and_nothing_is_stored()
    {
        var inspection = await RecordInspection();
        var before = await Counts("inspection_evidence");
        var form = RawForm("门头照片.jpg", "现场照片");
        form.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=other");
        var problem = await (await Api.ZhangSanClient().PostAsync($"/api/inspections/{inspection}/evidence", form)).Expect(HttpStatusCode.BadRequest);
        Assert.That(problem.FieldErrors("body"), Has.Some.Contains("无法读取"));
        Assert.That(await Counts("inspection_evidence"), Is.EqualTo(before));
    }

    /// <summary>A multipart body written byte by byte, since HttpClient will not put a NUL in a header.</summary>
    private static ByteArrayContent RawForm(string fileName, string caption)
    {
        const string boundary = "rules-boundary";
        var jpeg = new byte[512];
        new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F' }.CopyTo(jpeg, 0);
        using var body = new MemoryStream();
        void Write(string s) => body.Write(Encoding.UTF8.GetBytes(s));
        Write($"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{fileName}\"\r\nContent-Type: image/jpeg\r\n\r\n");
        body.Write(jpeg);
        Write($"\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"caption\"\r\n\r\n{caption}\r\n--{boundary}--\r\n");
        var content = new ByteArrayContent(body.ToArray());
        content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={boundary}");
        return content;
    }

    private async Task<string> RecordInspection()
    {
        var venue = await (await Api.Client("officer").PostJson("/api/venues", new Dictionary<string, object?>
        {
            ["name"] = "规则测试书店" + Guid.NewGuid().ToString("N")[..6], ["address"] = "温江区光华大道 1 号", ["type"] = "bookshop",
            ["licenseStatus"] = "licensed", ["licenseNumber"] = Licences.Unique("新出发〔2024〕15 号"),
        })).Expect(HttpStatusCode.Created);
        var inspection = await (await Api.ZhangSanClient().PostJson("/api/inspections", new
        {
            venueId = venue.Str("id"),
            kind = "routine",
            startedAt = "2026-05-06T09:00:00+08:00",
            endedAt = "2026-05-06T09:30:00+08:00",
            officers = new[] { Officers.ZhangSanOnForm, Officers.LiSiOnForm },
            results = new[] { "BK-LIC", "BK-ILLEGAL", "BK-SOURCE", "BK-FIRE" }.Select(c => new { itemCode = c, result = "compliant" }),
            outcome = "compliant",
        })).Expect(HttpStatusCode.Created);
        return inspection.Str("id");
    }

    // ---- dates ----

    [TestCase("/api/calendars/add-working-days?date=9999-12-31&days=5", "date")]
    [TestCase("/api/calendars/add-working-days?date=0001-01-01&days=5", "date")]
    [TestCase("/api/calendars/working-days?from=0001-01-01&to=2026-01-01", "from")]
    [TestCase("/api/calendars/working-days?from=2026-01-01&to=9999-12-31", "to")]
    [TestCase("/api/reports/work-summary?from=2026-01-01&to=2026-06-30&asOf=9999-12-31", "asOf")]
    [TestCase("/api/cases/closure-rate?from=1899-12-31&to=1900-06-30", "from")]
    [TestCase("/api/permits/figures?from=2026-01-01&to=2100-01-01", "to")]
    public async Task A_date_outside_1900_to_2099_in_a_query_is_refused_naming_the_parameter(string url, string field)
    {
        await ExpectField(await Api.Client("supervisor").GetAsync(url), field, DateZh);
        var english = await Api.Client("supervisor", language: "en").GetAsync(url);
        await ExpectField(english, field, "must be between 1900-01-01 and 2099-12-31");
    }

    [Test]
    public async Task Dates_at_the_ends_of_the_range_are_answered_without_overflow()
    {
        var officer = Api.Client("officer");
        var late = await (await officer.GetAsync("/api/calendars/add-working-days?date=2099-12-31&days=1000")).Expect(HttpStatusCode.OK);
        Assert.That(late.Str("result"), Is.EqualTo("2103-11-01"), "1000 working days of weekdays only, no calendar loaded");
        Assert.That(late.GetProperty("calendarMissing").GetBoolean(), Is.True);
        await (await officer.GetAsync("/api/calendars/working-days?from=1900-01-01&to=1909-12-31")).Expect(HttpStatusCode.OK);
        await (await officer.GetAsync("/api/calendars/working-days?from=2090-01-01&to=2099-12-31")).Expect(HttpStatusCode.OK);
        var supervisor = Api.Client("supervisor");
        await (await supervisor.GetAsync("/api/reports/work-summary?from=2090-01-01&to=2099-12-31&asOf=2099-12-31")).Expect(HttpStatusCode.OK);
        await (await supervisor.GetAsync("/api/cases/closure-rate?from=1900-01-01&to=1909-12-31&asOf=2099-12-31")).Expect(HttpStatusCode.OK);
    }

    [Test]
    public async Task A_date_or_instant_outside_the_range_in_a_body_is_refused_and_nothing_is_written()
    {
        var before = await Counts("venues", "inspections");
        await ExpectField(await Api.Client("officer").PostJson("/api/venues", Venue("日期测试网吧", licenseValidUntil: "2100-01-01")), "licenseValidUntil", DateZh);
        var inspection = await Api.ZhangSanClient().PostJson("/api/inspections", new
        {
            venueId = Guid.CreateVersion7(),
            kind = "routine",
            startedAt = "9999-12-31T09:00:00+08:00",
            officers = new[] { Officers.ZhangSanOnForm, Officers.LiSiOnForm },
        });
        await ExpectField(inspection, "startedAt", DateZh);
        Assert.That(await Counts("venues", "inspections"), Is.EqualTo(before));
    }

    // ---- null items ----

    [Test]
    public async Task A_null_inside_a_list_is_refused_naming_its_index_and_nothing_is_written()
    {
        var before = await Counts("calendar_years", "calendar_days", "permit_applications");
        await ExpectField(await Api.Client("admin").PutJson("/api/calendars/2031", new { source = "测试", days = new object?[] { null } }), "days[0]", NullZh);
        await ExpectField(await Api.Client("admin", language: "en").PutJson("/api/calendars/2031", new
        {
            source = "test",
            days = new object?[] { new { date = "2031-01-01", kind = "holiday", name = "元旦" }, null },
        }), "days[1]", "A list item must not be null");
        await ExpectField(await Api.Client("clerk").PostJson("/api/permits", Application("成都星空", "application", null)), "materials[1]", NullZh);
        Assert.That(await Counts("calendar_years", "calendar_days", "permit_applications"), Is.EqualTo(before));
    }

    // ---- charsets ----

    [Test]
    public async Task A_json_body_in_any_charset_but_utf8_is_a_415_in_the_callers_language()
    {
        var before = await Counts("venues");
        var body = JsonSerializer.Serialize(Venue("字符集测试网吧"));
        foreach (var (language, title) in new[] { ((string?)null, "不支持的内容类型"), ("en", "Unsupported media type") })
        {
            using var content = new StringContent(body, Encoding.UTF8);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json; charset=ebcdic");
            var response = await Api.Client("officer", language: language).PostAsync("/api/venues", content);
            var problem = await response.Expect(HttpStatusCode.UnsupportedMediaType);
            Assert.Multiple(() =>
            {
                Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
                Assert.That(problem.Str("title"), Is.EqualTo(title));
                Assert.That(problem.Str("detail"), Does.Contain("ebcdic").And.Contain(language is null ? "UTF-8 编码" : "send JSON in UTF-8"));
            });
        }
        Assert.That(await Counts("venues"), Is.EqualTo(before));
    }

    [TestCase("application/json")]
    [TestCase("application/json; charset=utf-8")]
    [TestCase("application/json; charset=\"UTF-8\"")]
    [TestCase("application/json; charset=utf8")]
    public async Task Utf8_in_any_spelling_or_no_charset_is_read(string contentType)
    {
        using var content = new StringContent(JsonSerializer.Serialize(Venue("编码测试网吧" + contentType.Length)), Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var created = await (await Api.Client("officer").PostAsync("/api/venues", content)).Expect(HttpStatusCode.Created);
        Assert.That(created.Str("name"), Does.StartWith("编码测试网吧"));
    }

    // ---- collection sizes and the error cap ----

    [Test]
    public async Task A_hundred_thousand_items_are_refused_quickly_with_one_small_error()
    {
        var before = await Counts("permit_applications");
        var materials = Enumerable.Repeat("application", 100_000).ToArray();
        using var content = new StringContent(JsonSerializer.Serialize(Application("成都星空", materials)), Encoding.UTF8, "application/json");
        var watch = Stopwatch.StartNew();
        var response = await Api.Client("clerk").PostAsync("/api/permits", content);
        watch.Stop();
        var text = await response.Content.ReadAsStringAsync();
        TestContext.Out.WriteLine($"100,000 items: {(int)response.StatusCode} in {watch.ElapsedMilliseconds} ms, {text.Length} characters");
        await ExpectField(response, "materials", "最多 1000 项（提交了 100000 项）");
        Assert.That(text, Has.Length.LessThan(1000));
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)), "parsing included; the rule itself counts, it does not walk the items");
        Assert.That(await Counts("permit_applications"), Is.EqualTo(before));
    }

    [Test]
    public async Task A_list_with_its_own_bound_is_held_to_it()
    {
        var days = Enumerable.Range(0, 367).Select(i => new { date = new DateOnly(2031, 1, 1).AddDays(i % 365).ToString("yyyy-MM-dd"), kind = "holiday", name = "假" });
        await ExpectField(await Api.Client("admin").PutJson("/api/calendars/2031", new { source = "测试", days }), "days", "最多 366 项（提交了 367 项）");
    }

    [Test]
    public async Task A_validation_problem_lists_the_first_50_errors_and_counts_them_all()
    {
        var before = await Counts("permit_applications");
        var materials = Enumerable.Repeat<string?>(null, 70).ToArray();
        var problem = await (await Api.Client("clerk").PostJson("/api/permits", Application("成都星空", materials))).Expect(HttpStatusCode.BadRequest);
        Assert.Multiple(() =>
        {
            Assert.That(problem.GetProperty("errors").EnumerateObject().Count(), Is.EqualTo(50));
            Assert.That(problem.FieldErrors("materials[49]"), Is.EqualTo(new[] { NullZh }));
            Assert.That(problem.FieldErrors("materials[50]"), Is.Empty);
            Assert.That(problem.GetProperty("errorCount").GetInt32(), Is.EqualTo(70));
            Assert.That(problem.Str("detail"), Does.Contain("共 70 处错误，仅列出前 50 处"));
        });
        Assert.That(await Counts("permit_applications"), Is.EqualTo(before));

        var single = await (await Api.Client("officer").PostJson("/api/venues", Venue("星空\0网吧"))).Expect(HttpStatusCode.BadRequest);
        Assert.That(single.GetProperty("errorCount").GetInt32(), Is.EqualTo(1));
    }

    // ---- the URI ----

    [Test]
    public async Task A_uri_longer_than_the_limit_is_a_414_problem_in_the_callers_language()
    {
        var query = "/api/venues?name=" + new string('a', 20_000);
        var response = await Api.Client("officer").GetAsync(query);
        var problem = await response.Expect(HttpStatusCode.RequestUriTooLong);
        Assert.Multiple(() =>
        {
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(problem.Str("title"), Is.EqualTo("请求地址过长"));
            Assert.That(problem.Str("detail"), Does.Contain("8192"));
        });
        var english = await (await Api.Client("officer", language: "en").GetAsync(query)).Expect(HttpStatusCode.RequestUriTooLong);
        Assert.That(english.Str("title"), Is.EqualTo("URI too long"));
        // Just under the limit is read (an unknown parameter, ignored).
        await (await Api.Client("officer").GetAsync("/api/venues?pad=" + new string('a', 8000))).Expect(HttpStatusCode.OK);
    }
}
