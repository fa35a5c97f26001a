using System.Net;
using System.Text.Json;
using Inspections.Api.Tests.Cases;
using Inspections.Api.Tests.Infrastructure;
using Inspections.Api.Tests.InspectionsFeature;

namespace Inspections.Api.Tests.Dashboard;

/// <summary>
/// The first half of 2026 in districts 510115 and 510104 of city 510100, read on Friday 2026-07-10, counted by hand:
/// <code>
/// 510115
///  venues      星空网吧, 飞跃网吧 licensed internet cafés · 无名黑网吧 unlicensed internet café · 新华书店 licensed bookshop
///  inspections 3-02 routine 星空 compliant · 3-03 routine 星空 notice, 15 days (due 3-18, never checked: overdue)
///              3-04 joint 无名黑网吧 case lead, closed down, 10 seized · 7-09 routine 飞跃 notice, 4 days (due 7-13: due soon)
///  cases       E filed 1-05, closed 4-10 (decided late) · A filed and closed 3-05 · B filed 3-06, open (due 6-04: overdue)
///              C filed and closed 4-10 · D filed 4-15, open (due 7-14: due soon, 4 days left)
///  window      P1 performance filing 3-09, completed at once (on time) · P2 audio-video establish accepted 3-10, completed 3-20 (late)
///              P3 audio-video establish accepted 6-01 by 甲窗口 (due 6-08: overdue) · P4 printing establish accepted 7-06 by 乙窗口 (due 7-13: due soon)
///  campaign    无证网吧集中整治 3-01..5-31: 无名黑网吧 found 3-04, notice 3-05 for 15 days (due 3-20, no outcome: overdue)
/// 510104
///  venue 锦江网吧 · inspection 3-12 compliant · case F filed and closed 3-10 · case G filed 2-02, open (due 5-03: overdue)
/// </code>
/// So for 510115: cases filed 5, closed 3 (60%), on time 2 of 3; by month Jan 1/1 (0% on time), Mar 1 of 2, Apr 1 of 2, the
/// rest none; window 2 completed, 1 on time (50%), accepted 3 (备案 1, 设立 2); inspections 3 (routine 2, joint 1); venues
/// licensed 3, unlicensed 1; due soon: case D, application P4, notice 飞跃; overdue: case B, application P3, notices 星空 and
/// 无名黑网吧. For 510104: filed 2, closed 1 (50%), 1 inspection, 1 overdue case.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class DashboardTests(string provider) : CaseFixture(provider)
{
    protected override IEnumerable<TestUser> FixtureUsers => [.. Officers.Of(), .. Officers.Of("510104")];

    private const string FirstHalf = "/api/dashboard?period=firstHalf&year=2026";
    private static readonly string[] CafeItems = ["IC-LIC", "IC-MINOR", "IC-SIGN", "IC-HOURS", "IC-ID", "IC-CONTENT", "IC-FIRE"];
    private static readonly string[] AudioVideoMaterials = ["application", "business-licence", "representative-id", "premises"];

    private string _caseB = "", _caseD = "", _caseG = "", _p3 = "", _p4 = "", _noticeOld = "", _noticeNew = "", _campaign = "", _campaignVenue = "";

    /// <summary>A clerk whose name is their id too, so the responsible person can be told apart.</summary>
    private HttpClient Clerk(string name)
    {
        var client = Api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Api.Token("clerk", "510115", name));
        return client;
    }

    private async Task<string> VenueAsync(string name, string type, string status, string jurisdiction = "510115") =>
        (await (await Officer(jurisdiction).PostJson("/api/venues", new Dictionary<string, object?>
        {
            ["name"] = name, ["address"] = "柳城大道 " + name, ["type"] = type, ["licenseStatus"] = status,
            ["licenseNumber"] = status == "licensed" ? Licences.Unique("证 " + name) : null,
        })).Expect(HttpStatusCode.Created)).Str("id");

    private async Task<string> InspectAsync(string venue, string outcome, Dictionary<string, object?>? extra = null, string jurisdiction = "510115")
    {
        var start = Clock.Now.AddHours(-1);
        var body = new Dictionary<string, object?>
        {
            ["venueId"] = venue, ["kind"] = "routine", ["startedAt"] = start, ["endedAt"] = start.AddMinutes(30),
            ["officers"] = new[] { Officers.OnForm(Officers.ZhangSan, jurisdiction), Officers.OnForm(Officers.LiSi, jurisdiction) },
            ["results"] = CafeItems.Select(c => new Dictionary<string, object?>
            {
                ["itemCode"] = c, ["result"] = outcome != "compliant" && c == "IC-MINOR" ? "violation" : "compliant",
                ["note"] = outcome != "compliant" && c == "IC-MINOR" ? "发现未成年人上网" : null,
            }).ToList(),
            ["outcome"] = outcome,
        };
        foreach (var (k, v) in extra ?? []) body[k] = v;
        return (await (await Api.ZhangSanClient(jurisdiction).PostJson("/api/inspections", body)).Expect(HttpStatusCode.Created)).Str("id");
    }

    private static object LeadOf(string occurredOn) => new
    {
        source = "complaint",
        party = new { kind = "company", name = "星空网吧经营者王某", unifiedSocialCreditCode = ValidCreditCode, address = "温江区柳城大道 88 号" },
        violationCode = "cafe-minors-admitted",
        facts = "检查发现该网吧接纳未成年人上网。",
        occurredOn,
    };

    /// <summary>A case of <paramref name="jurisdiction"/> opened today and carried along <paramref name="path"/>.</summary>
    private async Task<JsonElement> CaseAsync(string jurisdiction, params string[] path)
    {
        var c = await OpenLeadAsync(LeadOf("2026-01-02"), jurisdiction);
        return await StepsAsync(c, jurisdiction, path);
    }

    private async Task<JsonElement> StepsAsync(JsonElement c, string jurisdiction, params string[] path)
    {
        foreach (var to in path) c = await StepOkAsync(Supervisor(jurisdiction), c, to, Sections(Today));
        return c;
    }

    private static readonly string[] ToClosed = ["investigation", "legalReview", "priorNotice", "decided", "served", "executed", "closed"];

    private async Task<JsonElement> PermitAsync(HttpClient clerk, string item, string kind, params string[] materials) =>
        await (await clerk.PostJson("/api/permits", new
        {
            itemCode = item, kind,
            applicant = new { name = "成都星空文化有限公司", unifiedSocialCreditCode = ValidCreditCode, phone = "028-82711234" },
            materials,
        })).Expect(HttpStatusCode.Created);

    private static async Task<JsonElement> PermitStepAsync(HttpClient clerk, JsonElement p, string to, object? extra = null)
    {
        var body = new Dictionary<string, object?> { ["to"] = to, ["version"] = p.GetProperty("version").GetInt64() };
        if (extra is not null)
            foreach (var f in JsonSerializer.SerializeToElement(extra).EnumerateObject()) body[f.Name] = f.Value;
        return await (await clerk.PostJson($"/api/permits/{p.Str("id")}/transitions", body)).Expect(HttpStatusCode.OK);
    }

    [OneTimeSetUp]
    public async Task TheFirstHalfOf2026()
    {
        SetLocal(2026, 1, 5);
        var star = await VenueAsync("星空网吧", "internetCafe", "licensed");
        var leap = await VenueAsync("飞跃网吧", "internetCafe", "licensed");
        var black = await VenueAsync("无名黑网吧", "internetCafe", "unlicensed");
        await VenueAsync("新华书店", "bookshop", "licensed");
        var jinjiang = await VenueAsync("锦江网吧", "internetCafe", "licensed", "510104");
        var e = await CaseAsync("510115", "filed");

        SetLocal(2026, 2, 2);
        _caseG = (await CaseAsync("510104", "filed")).Str("id");

        SetLocal(2026, 3, 2, 18);
        await InspectAsync(star, "compliant");
        SetLocal(2026, 3, 3, 18);
        _noticeOld = await InspectAsync(star, "rectificationNotice", new() { ["rectification"] = new { limitDays = 15, requirements = "清退未成年人" } });
        SetLocal(2026, 3, 4, 18);
        await InspectAsync(black, "caseLead", new()
        {
            ["kind"] = "joint", ["jointDepartments"] = new[] { "commerce" }, ["caseLeadDescription"] = "无证经营互联网上网服务",
            ["seizures"] = new[] { new { item = "电脑主机", quantity = 10, unit = "台" } }, ["venueClosed"] = true,
        });
        _campaign = (await (await Officer().PostJson("/api/unlicensed-campaigns", new
        {
            name = "无证网吧集中整治", startsOn = "2026-03-01", endsOn = "2026-05-31", venueTypes = new[] { "internetCafe" },
        })).Expect(HttpStatusCode.Created)).Str("id");
        var found = await (await Officer().PostJson($"/api/unlicensed-campaigns/{_campaign}/venues", new { venueId = black, foundOn = "2026-03-04" }))
            .Expect(HttpStatusCode.Created);
        _campaignVenue = found.Str("id");

        SetLocal(2026, 3, 5);
        await CaseAsync("510115", ["filed", .. ToClosed]);
        await (await Officer().PostJson($"/api/unlicensed-campaigns/{_campaign}/venues/{_campaignVenue}/notice", new
        {
            version = found.GetProperty("version").GetInt64(), issuedOn = "2026-03-05", limitDays = 15, requirements = "停止无证经营，限期办理许可",
        })).Expect(HttpStatusCode.OK);

        SetLocal(2026, 3, 6);
        _caseB = (await CaseAsync("510115", "filed")).Str("id");

        SetLocal(2026, 3, 9);
        var jia = Clerk("甲窗口");
        var yi = Clerk("乙窗口");
        await PermitStepAsync(jia, await PermitAsync(jia, "commercial-performance", "filing", "filing-form", "performer-list", "programme", "venue-agreement"),
            "completed");

        SetLocal(2026, 3, 10);
        var p2 = await PermitStepAsync(yi, await PermitAsync(yi, "audio-video-retail", "establish", AudioVideoMaterials), "accepted");
        await CaseAsync("510104", ["filed", .. ToClosed]);

        SetLocal(2026, 3, 12, 18);
        await InspectAsync(jinjiang, "compliant", jurisdiction: "510104");

        SetLocal(2026, 3, 20);
        await PermitStepAsync(yi, await PermitStepAsync(yi, p2, "approved"), "completed", new { certificateNumber = "川音零 0115-002" });

        SetLocal(2026, 4, 10);
        await StepsAsync(e, "510115", ToClosed);
        await CaseAsync("510115", ["filed", .. ToClosed]);

        SetLocal(2026, 4, 15);
        _caseD = (await CaseAsync("510115", "filed")).Str("id");

        SetLocal(2026, 6, 1);
        _p3 = (await PermitStepAsync(jia, await PermitAsync(jia, "audio-video-retail", "establish", AudioVideoMaterials), "accepted")).Str("id");

        SetLocal(2026, 7, 6);
        _p4 = (await PermitStepAsync(yi, await PermitAsync(yi, "printing-copying", "establish",
            "application", "business-licence", "representative-id", "premises", "equipment"), "accepted")).Str("id");

        SetLocal(2026, 7, 9, 18);
        _noticeNew = await InspectAsync(leap, "rectificationNotice", new() { ["rectification"] = new { limitDays = 4, requirements = "悬挂禁止未成年人进入标志" } });

        SetLocal(2026, 7, 10);
    }

    private async Task<JsonElement> GetAsync(HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await client.GetAsync(url)).Expect(expected);

    private static int Of(JsonElement counts, string key) =>
        counts.EnumerateArray().Single(c => c.Str("key") == key).GetProperty("value").GetInt32();

    private static decimal? Rate(JsonElement e, string property) =>
        e.GetProperty(property).ValueKind == JsonValueKind.Null ? null : e.GetProperty(property).GetDecimal();

    [Test]
    public async Task The_first_half_matches_the_hand_count()
    {
        var d = await GetAsync(Supervisor(), FirstHalf);
        var period = d.GetProperty("period");
        var cases = d.GetProperty("cases");
        var permits = d.GetProperty("permits");
        var inspections = d.GetProperty("inspections");
        var venues = d.GetProperty("venues");
        Assert.Multiple(() =>
        {
            Assert.That((period.Str("name"), period.Str("title"), period.Str("label"), period.Str("from"), period.Str("to")),
                Is.EqualTo(("firstHalf", "上半年", "2026年上半年", "2026-01-01", "2026-06-30")));
            Assert.That(d.Str("asOf"), Is.EqualTo("2026-07-10"));
            Assert.That(d.Str("jurisdiction"), Is.EqualTo("510115"));

            Assert.That(cases.GetProperty("filed").GetInt32(), Is.EqualTo(5));
            Assert.That(cases.GetProperty("closed").GetInt32(), Is.EqualTo(3));
            Assert.That(cases.GetProperty("closedOnTime").GetInt32(), Is.EqualTo(2));
            Assert.That(Rate(cases, "closureRate"), Is.EqualTo(0.6m));
            Assert.That(Rate(cases, "onTimeRate"), Is.EqualTo(0.6667m));

            var onTime = permits.GetProperty("onTime");
            Assert.That((onTime.GetProperty("completed").GetInt32(), onTime.GetProperty("onTime").GetInt32(), Rate(onTime, "onTimeRate")),
                Is.EqualTo((2, 1, (decimal?)0.5m)));
            var intake = permits.GetProperty("intake").EnumerateArray().ToDictionary(r => r.Str("kind"), r => r.GetProperty("accepted").GetInt32());
            Assert.That(intake["filing"], Is.EqualTo(1));
            Assert.That(intake["establish"], Is.EqualTo(2));
            Assert.That(intake.Values.Sum(), Is.EqualTo(3));
            Assert.That(permits.GetProperty("acceptedTotal").GetInt32(), Is.EqualTo(3));

            Assert.That(inspections.GetProperty("total").GetInt32(), Is.EqualTo(3));
            Assert.That(Of(inspections.GetProperty("byKind"), "routine"), Is.EqualTo(2));
            Assert.That(Of(inspections.GetProperty("byKind"), "joint"), Is.EqualTo(1));
            Assert.That(Of(inspections.GetProperty("byOutcome"), "compliant"), Is.EqualTo(1));
            Assert.That(Of(inspections.GetProperty("byOutcome"), "rectificationNotice"), Is.EqualTo(1));
            Assert.That(Of(inspections.GetProperty("byOutcome"), "caseLead"), Is.EqualTo(1));

            Assert.That(Of(venues.GetProperty("byLicenseStatus"), "licensed"), Is.EqualTo(3));
            Assert.That(Of(venues.GetProperty("byLicenseStatus"), "unlicensed"), Is.EqualTo(1));
            var cafes = venues.GetProperty("byType").EnumerateArray().Single(t => t.Str("key") == "internetCafe");
            Assert.That(cafes.GetProperty("value").GetInt32(), Is.EqualTo(3));
            Assert.That(Of(cafes.GetProperty("byLicenseStatus"), "licensed"), Is.EqualTo(2));
            Assert.That(Of(cafes.GetProperty("byLicenseStatus"), "unlicensed"), Is.EqualTo(1));
            var books = venues.GetProperty("byType").EnumerateArray().Single(t => t.Str("key") == "bookshop");
            Assert.That((books.GetProperty("value").GetInt32(), Of(books.GetProperty("byLicenseStatus"), "licensed")), Is.EqualTo((1, 1)));

            var campaign = d.GetProperty("unlicensedCampaigns").EnumerateArray().Single();
            Assert.That(campaign.Str("campaignId"), Is.EqualTo(_campaign));
            Assert.That(campaign.GetProperty("venuesFound").GetInt64(), Is.EqualTo(1));
            Assert.That(campaign.GetProperty("notices").GetProperty("overdue").GetInt64(), Is.EqualTo(1));

            Assert.That(d.Str("summaryParagraph"), Does.StartWith("2026年1月1日至2026年6月30日，共开展检查3次"));
            Assert.That(d.Str("summaryParagraph"), Does.Contain("立案5起，办结行政违规案件3起，办结率达60%"));
            Assert.That(d.GetProperty("districts").GetArrayLength(), Is.Zero, "a district has no districts below it");
        });
    }

    [Test]
    public async Task Every_figure_is_the_one_the_features_own_requests_return_for_the_same_dates()
    {
        var d = await GetAsync(Supervisor(), FirstHalf);
        var closure = await GetAsync(Supervisor(), "/api/cases/closure-rate?from=2026-01-01&to=2026-06-30");
        var window = await GetAsync(Supervisor(), "/api/permits/figures?from=2026-01-01&to=2026-06-30");
        var summary = await GetAsync(Supervisor(), "/api/reports/work-summary?from=2026-01-01&to=2026-06-30");
        var progress = await GetAsync(Supervisor(), $"/api/unlicensed-campaigns/{_campaign}/progress");
        Assert.Multiple(() =>
        {
            Assert.That(d.GetProperty("cases").GetRawText(), Is.EqualTo(closure.GetProperty("totals").GetRawText()));
            Assert.That(d.GetProperty("cases").GetRawText(), Is.EqualTo(summary.GetProperty("cases").GetRawText()));
            Assert.That(d.GetProperty("permits").GetProperty("onTime").GetRawText(), Is.EqualTo(window.GetProperty("onTime").GetRawText()));
            Assert.That(d.GetProperty("permits").GetProperty("intake").GetRawText(), Is.EqualTo(window.GetProperty("intake").GetRawText()));
            Assert.That(d.GetProperty("permits").Str("intakeSentence"), Is.EqualTo(window.Str("intakeSentence")));
            Assert.That(d.GetProperty("inspections").GetRawText(), Is.EqualTo(summary.GetProperty("inspections").GetRawText()));
            Assert.That(d.GetProperty("venues").GetRawText(), Is.EqualTo(summary.GetProperty("venues").GetRawText()));
            Assert.That(d.GetProperty("unlicensedCampaigns")[0].GetRawText(), Is.EqualTo(progress.GetRawText()));
            Assert.That(d.Str("summaryParagraph"), Is.EqualTo(summary.Str("paragraph")));
        });
    }

    [Test]
    public async Task The_trend_is_each_months_own_closure_rate()
    {
        var trend = (await GetAsync(Supervisor(), FirstHalf)).GetProperty("caseTrend").EnumerateArray().ToList();
        Assert.That(trend.Select(t => t.Str("month")), Is.EqualTo(new[] { "2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06" }));
        var byHand = new (int Filed, int Closed, decimal? Rate, decimal? OnTime)[]
        {
            (1, 1, 1m, 0m), (0, 0, null, null), (2, 1, 0.5m, 1m), (2, 1, 0.5m, 1m), (0, 0, null, null), (0, 0, null, null),
        };
        for (var i = 0; i < trend.Count; i++)
        {
            var t = trend[i];
            var month = (await GetAsync(Supervisor(), $"/api/cases/closure-rate?from={t.Str("from")}&to={t.Str("to")}")).GetProperty("totals");
            Assert.Multiple(() =>
            {
                Assert.That((t.GetProperty("filed").GetInt32(), t.GetProperty("closed").GetInt32(), Rate(t, "closureRate"), Rate(t, "onTimeRate")),
                    Is.EqualTo(byHand[i]), t.Str("month"));
                foreach (var figure in new[] { "filed", "closed", "closedOnTime", "closureRate", "onTimeRate" })
                    Assert.That(t.GetProperty(figure).GetRawText(), Is.EqualTo(month.GetProperty(figure).GetRawText()), $"{t.Str("month")} {figure}");
            });
        }
    }

    [Test]
    public async Task A_three_year_trend_counted_in_more_than_one_statement_still_gives_each_month_its_own_closure_rate()
    {
        // Thirty-six months and the period make 38 boundary dates: more than one statement holds, so the buckets are split.
        const string from = "2023-07-01", to = "2026-06-30";
        var d = await GetAsync(Supervisor(), $"/api/dashboard?period=custom&from={from}&to={to}");
        var trend = d.GetProperty("caseTrend").EnumerateArray().ToList();
        Assert.That(trend, Has.Count.EqualTo(36));
        var whole = (await GetAsync(Supervisor(), $"/api/cases/closure-rate?from={from}&to={to}")).GetProperty("totals");
        foreach (var figure in new[] { "filed", "withdrawn", "closed", "closedOnTime", "stillOpen", "carriedOver", "closureRate", "onTimeRate" })
            Assert.That(d.GetProperty("cases").GetProperty(figure).GetRawText(), Is.EqualTo(whole.GetProperty(figure).GetRawText()), figure);
        Assert.That(trend.Sum(t => t.GetProperty("filed").GetInt32()), Is.EqualTo(whole.GetProperty("filed").GetInt32()));
        foreach (var t in trend.Where(t => string.CompareOrdinal(t.Str("month"), "2025-12") >= 0))
        {
            var month = (await GetAsync(Supervisor(), $"/api/cases/closure-rate?from={t.Str("from")}&to={t.Str("to")}")).GetProperty("totals");
            foreach (var figure in new[] { "filed", "closed", "closedOnTime", "closureRate", "onTimeRate" })
                Assert.That(t.GetProperty(figure).GetRawText(), Is.EqualTo(month.GetProperty(figure).GetRawText()), $"{t.Str("month")} {figure}");
        }
    }

    private static JsonElement Only(JsonElement list)
    {
        Assert.That(list.GetProperty("total").GetInt32(), Is.EqualTo(1), list.GetRawText());
        return list.GetProperty("items").EnumerateArray().Single();
    }

    private static string Person(JsonElement item) =>
        $"{item.GetProperty("responsible").Str("id")}/{item.GetProperty("responsible").Str("displayName")}";

    [Test]
    public async Task Due_soon_and_overdue_work_is_listed_with_who_answers_for_it_and_where_to_find_it()
    {
        var d = await GetAsync(Supervisor(), FirstHalf);
        var soon = d.GetProperty("dueSoon");
        var late = d.GetProperty("overdue");

        var caseD = Only(soon.GetProperty("cases"));
        var p4 = Only(soon.GetProperty("applications"));
        var noticeNew = Only(soon.GetProperty("notices"));
        var caseB = Only(late.GetProperty("cases"));
        var p3 = Only(late.GetProperty("applications"));
        var notices = late.GetProperty("notices");
        Assert.Multiple(() =>
        {
            Assert.That((caseD.Str("id"), caseD.Str("status"), caseD.Str("dueDate"), caseD.GetProperty("remainingDays").GetInt32(), caseD.Str("dayKind")),
                Is.EqualTo((_caseD, "dueSoon", "2026-07-14", 4, "naturalDays")));
            Assert.That(Person(caseD), Is.EqualTo("officer-510115/officer-510115"));
            Assert.That((caseD.Str("apiPath"), caseD.Str("pagePath")), Is.EqualTo(($"/api/cases/{_caseD}", $"/cases/{_caseD}")));
            Assert.That(caseD.Str("explanation"), Does.Contain("应于 2026-07-14").And.Contain("剩余 4 日"));

            Assert.That((p4.Str("id"), p4.Str("dueDate"), p4.GetProperty("remainingDays").GetInt32(), p4.Str("dayKind")),
                Is.EqualTo((_p4, "2026-07-13", 1, "workingDays")));
            Assert.That(Person(p4), Is.EqualTo("乙窗口/乙窗口"));
            Assert.That(p4.Str("apiPath"), Is.EqualTo($"/api/permits/{_p4}"));

            Assert.That((noticeNew.Str("id"), noticeNew.Str("subjectType"), noticeNew.Str("dueDate"), noticeNew.GetProperty("remainingDays").GetInt32()),
                Is.EqualTo((_noticeNew, "notice", "2026-07-13", 3)));
            Assert.That(noticeNew.Str("title"), Is.EqualTo("飞跃网吧 责令整改通知"));
            Assert.That(Person(noticeNew), Is.EqualTo("zhangsan/张三"));
            Assert.That(noticeNew.Str("pagePath"), Is.EqualTo($"/inspections/{_noticeNew}"));

            // 6-04 to 7-10: 36 natural days past the decision limit.
            Assert.That((caseB.Str("id"), caseB.Str("status"), caseB.Str("dueDate"), caseB.GetProperty("overdueDays").GetInt32()),
                Is.EqualTo((_caseB, "overdue", "2026-06-04", 36)));
            Assert.That(caseB.Str("explanation"), Does.Contain("已超期 36 日"));
            Assert.That(Person(caseB), Is.EqualTo("officer-510115/officer-510115"));

            Assert.That((p3.Str("id"), p3.Str("dueDate")), Is.EqualTo((_p3, "2026-06-08")));
            Assert.That(p3.GetProperty("overdueDays").GetInt32(), Is.Positive.And.EqualTo(-p3.GetProperty("remainingDays").GetInt32()));
            Assert.That(Person(p3), Is.EqualTo("甲窗口/甲窗口"));

            Assert.That(notices.GetProperty("total").GetInt32(), Is.EqualTo(2));
            var items = notices.GetProperty("items").EnumerateArray().ToList();
            Assert.That(items.Select(i => (i.Str("id"), i.Str("subjectType"), i.Str("dueDate"))), Is.EqualTo(new[]
            {
                (_noticeOld, "notice", "2026-03-18"), (_campaignVenue, "unlicensedNotice", "2026-03-20"),
            }));
            Assert.That(items[1].Str("apiPath"), Is.EqualTo($"/api/unlicensed-campaigns/{_campaign}/venues/{_campaignVenue}"));
            Assert.That(items[1].Str("pagePath"), Is.EqualTo($"/unlicensed-campaigns/{_campaign}/venues/{_campaignVenue}"));
            Assert.That(items[1].GetProperty("responsible").Str("id"), Is.EqualTo("officer-510115"));
            Assert.That(d.GetRawText(), Does.Not.Contain(_caseG), "another district's case is not listed");
        });

        foreach (var item in new[] { caseD, p4, noticeNew, caseB, p3 }.Concat(notices.GetProperty("items").EnumerateArray()))
            await GetAsync(Supervisor(), item.Str("apiPath"));
    }

    [Test]
    public async Task A_city_supervisor_sees_each_district_side_by_side_as_its_own_supervisor_does()
    {
        var city = await GetAsync(Supervisor("510100"), FirstHalf);
        var districts = city.GetProperty("districts").EnumerateArray().ToList();
        Assert.That(districts.Select(x => x.Str("jurisdiction")), Is.EqualTo(new[] { "510104", "510115" }));
        // Named as the jurisdiction tree names them.
        Assert.That(districts.Select(x => x.Str("name")), Is.EqualTo(new[] { "锦江区", "温江区" }));
        Assert.That(city.Str("jurisdictionName"), Is.EqualTo("成都市"));

        static (int, int, decimal?, decimal?, int, decimal?, int, int, int, int) Headline(JsonElement x) => (
            x.GetProperty("casesFiled").GetInt32(), x.GetProperty("casesClosed").GetInt32(), Rate(x, "closureRate"), Rate(x, "onTimeRate"),
            x.GetProperty("permitsCompleted").GetInt32(), Rate(x, "permitOnTimeRate"), x.GetProperty("intake").GetInt32(),
            x.GetProperty("inspections").GetInt32(), x.GetProperty("dueSoon").GetInt32(), x.GetProperty("overdue").GetInt32());
        Assert.Multiple(() =>
        {
            Assert.That(Headline(districts[0]), Is.EqualTo((2, 1, (decimal?)0.5m, (decimal?)1m, 0, (decimal?)null, 0, 1, 0, 1)));
            Assert.That(Headline(districts[1]), Is.EqualTo((5, 3, (decimal?)0.6m, (decimal?)0.6667m, 2, (decimal?)0.5m, 3, 3, 3, 4)));
            Assert.That(city.GetProperty("cases").GetProperty("filed").GetInt32(), Is.EqualTo(7));
            Assert.That(city.GetProperty("inspections").GetProperty("total").GetInt32(), Is.EqualTo(4));
            Assert.That(city.GetProperty("overdue").GetProperty("cases").GetProperty("total").GetInt32(), Is.EqualTo(2));
        });

        foreach (var x in districts)
        {
            var own = await GetAsync(Supervisor(x.Str("jurisdiction")), FirstHalf);
            var seenFromCity = await GetAsync(Supervisor("510100"), FirstHalf + "&jurisdiction=" + x.Str("jurisdiction"));
            Assert.That(seenFromCity.GetRawText(), Is.EqualTo(own.GetRawText()), "the city reads a district exactly as its supervisor does");
            var overdue = own.GetProperty("overdue");
            var dueSoon = own.GetProperty("dueSoon");
            Assert.Multiple(() =>
            {
                Assert.That(Rate(x, "closureRate"), Is.EqualTo(Rate(own.GetProperty("cases"), "closureRate")));
                Assert.That(Rate(x, "onTimeRate"), Is.EqualTo(Rate(own.GetProperty("cases"), "onTimeRate")));
                Assert.That(Rate(x, "permitOnTimeRate"), Is.EqualTo(Rate(own.GetProperty("permits").GetProperty("onTime"), "onTimeRate")));
                Assert.That(x.GetProperty("intake").GetInt32(), Is.EqualTo(own.GetProperty("permits").GetProperty("acceptedTotal").GetInt32()));
                Assert.That(x.GetProperty("inspections").GetInt32(), Is.EqualTo(own.GetProperty("inspections").GetProperty("total").GetInt32()));
                Assert.That(x.GetProperty("overdue").GetInt32(), Is.EqualTo(
                    new[] { "cases", "applications", "notices" }.Sum(k => overdue.GetProperty(k).GetProperty("total").GetInt32())));
                Assert.That(x.GetProperty("dueSoon").GetInt32(), Is.EqualTo(
                    new[] { "cases", "applications", "notices" }.Sum(k => dueSoon.GetProperty(k).GetProperty("total").GetInt32())));
            });
        }
    }

    [Test]
    public async Task Only_supervisors_and_admins_of_the_jurisdiction_or_above_read_it()
    {
        await GetAsync(Officer(), FirstHalf, HttpStatusCode.Forbidden);
        await GetAsync(Api.Client("clerk"), FirstHalf, HttpStatusCode.Forbidden);
        await GetAsync(Api.Client(null), FirstHalf, HttpStatusCode.Unauthorized);
        var other = await GetAsync(Supervisor(), FirstHalf + "&jurisdiction=510104", HttpStatusCode.Forbidden);
        Assert.That(other.Str("detail"), Does.Contain("510104"));
        await GetAsync(Supervisor("510104"), FirstHalf + "&jurisdiction=510100", HttpStatusCode.Forbidden);
        var admin = await GetAsync(Api.Client("admin"), FirstHalf);
        Assert.That(admin.GetProperty("cases").GetProperty("filed").GetInt32(), Is.EqualTo(5));
    }

    [TestCase("", "period")]
    [TestCase("?period=decade", "period")]
    [TestCase("?period=custom", "from", "to")]
    [TestCase("?period=custom&from=2026-03-01", "to")]
    [TestCase("?period=custom&from=2026-03-01&to=2026-02-01", "to")]
    [TestCase("?period=custom&from=2010-01-01&to=2026-02-01", "to")]
    [TestCase("?period=custom&from=2026-01-01&to=2026-02-01&year=2026", "year")]
    [TestCase("?period=firstHalf&from=2026-01-01", "from")]
    [TestCase("?period=year&to=2026-12-31", "to")]
    [TestCase("?period=year&year=1899", "year")]
    [TestCase("?period=year&year=2100", "year")]
    [TestCase("?period=year&jurisdiction=5101", "jurisdiction")]
    [TestCase("?period=custom&from=1899-12-31&to=2026-02-01", "from")]
    [TestCase("?period=secondHalf&year=2027", "period")]
    [TestCase("?period=custom&from=2026-07-11&to=2026-07-31", "from")]
    public async Task Bad_periods_are_field_errors_in_chinese_and_in_english(string query, params string[] fields)
    {
        var zh = await GetAsync(Supervisor(), "/api/dashboard" + query, HttpStatusCode.BadRequest);
        var en = await GetAsync(Api.Client("supervisor", language: "en"), "/api/dashboard" + query, HttpStatusCode.BadRequest);
        foreach (var field in fields)
        {
            Assert.That(zh.FieldErrors(field), Is.Not.Empty, zh.GetRawText());
            Assert.That(zh.FieldErrors(field), Has.Some.Matches<string>(m => m.Any(c => c >= '\u4e00' && c <= '\u9fff')), zh.GetRawText());
            Assert.That(en.FieldErrors(field), Is.Not.Empty, en.GetRawText());
            Assert.That(en.FieldErrors(field), Has.All.Matches<string>(m => !m.Any(c => c >= '\u4e00' && c <= '\u9fff')), en.GetRawText());
        }
    }

    [Test]
    public async Task Named_periods_resolve_against_today_in_shanghai()
    {
        async Task<(string, string, string)> PeriodAsync(string query)
        {
            var p = (await GetAsync(Supervisor(), "/api/dashboard?" + query)).GetProperty("period");
            return (p.Str("title"), p.Str("from"), p.Str("to"));
        }
        Assert.That(await PeriodAsync("period=month"), Is.EqualTo(("本月", "2026-07-01", "2026-07-31")));
        Assert.That(await PeriodAsync("period=quarter"), Is.EqualTo(("本季度", "2026-07-01", "2026-09-30")));
        Assert.That(await PeriodAsync("period=secondHalf"), Is.EqualTo(("下半年", "2026-07-01", "2026-12-31")));
        Assert.That(await PeriodAsync("period=year"), Is.EqualTo(("全年", "2026-01-01", "2026-12-31")));
        Assert.That(await PeriodAsync("period=custom&from=2026-03-01&to=2026-03-31"), Is.EqualTo(("自定义", "2026-03-01", "2026-03-31")));
        var lastYear = await GetAsync(Supervisor(), "/api/dashboard?period=firstHalf&year=2025");
        Assert.That(lastYear.GetProperty("cases").GetProperty("filed").GetInt32(), Is.Zero);

        var month = await GetAsync(Supervisor(), "/api/dashboard?period=month");
        Assert.That(month.GetProperty("caseTrend").EnumerateArray().Select(t => t.Str("month")), Is.EqualTo(new[] { "2026-07" }));
        var saved = Clock.Now;
        try
        {
            // 17:00 UTC on 30 June is already 1 July in Shanghai.
            Clock.Now = new DateTimeOffset(2026, 6, 30, 17, 0, 0, TimeSpan.Zero);
            Assert.That(await PeriodAsync("period=month"), Is.EqualTo(("本月", "2026-07-01", "2026-07-31")));
            Clock.Now = new DateTimeOffset(2026, 6, 30, 15, 59, 0, TimeSpan.Zero);
            Assert.That(await PeriodAsync("period=month"), Is.EqualTo(("本月", "2026-06-01", "2026-06-30")));
        }
        finally
        {
            Clock.Now = saved;
        }
    }
}
