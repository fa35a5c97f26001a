using System.Net;
using Inspections.Api.Tests.Infrastructure;

namespace Inspections.Api.Tests.UnlicensedFeature;

/// <summary>What a campaign refuses: wrong roles and districts, bad input, stale versions, repeated outcomes, foreign venues.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class UnlicensedRefusalTests(string provider) : UnlicensedFixture(provider)
{
    [Test]
    public async Task Clerks_and_other_districts_are_refused_and_write_nothing()
    {
        var campaign = await OpenCampaignAsync("越权整治");
        var venue = await SurveyAsync(campaign, Found("越权网吧"));
        var before = await Api.CountAsync("audit_entries");

        await (await Api.Client("clerk").PostJson("/api/unlicensed-campaigns", Campaign())).Expect(HttpStatusCode.Forbidden);
        await (await Api.Client("admin").PostJson("/api/unlicensed-campaigns", Campaign())).Expect(HttpStatusCode.Forbidden);
        await (await Api.Client("clerk").GetAsync($"/api/unlicensed-campaigns/{campaign}/progress")).Expect(HttpStatusCode.Forbidden);
        var elsewhere = Officer("510104");
        await (await elsewhere.PostJson($"/api/unlicensed-campaigns/{campaign}/venues", Found("外区网吧"))).Expect(HttpStatusCode.Forbidden);
        await (await elsewhere.PostJson(Url(campaign, venue, "/notice"),
            new { version = Version(venue), issuedOn = "2026-09-21", limitDays = 10, requirements = "停止经营" })).Expect(HttpStatusCode.Forbidden);
        await (await elsewhere.GetAsync($"/api/unlicensed-campaigns/{campaign}/progress")).Expect(HttpStatusCode.Forbidden);
        await (await Api.Client("supervisor", "510104").GetAsync($"/api/unlicensed-campaigns/{campaign}/venues")).Expect(HttpStatusCode.Forbidden);
        // The city sees its district's campaign but changes nothing in it.
        await (await Api.Client("supervisor", "510100").GetAsync($"/api/unlicensed-campaigns/{campaign}/progress")).Expect(HttpStatusCode.OK);
        await (await Api.Client("supervisor", "510100").PostJson($"/api/unlicensed-campaigns/{campaign}/mobilisations",
            new { heldOn = "2026-09-16", kind = "meeting", attendees = 5 })).Expect(HttpStatusCode.Forbidden);

        Assert.That(await Api.CountAsync("audit_entries"), Is.EqualTo(before));

        async Task<IEnumerable<string>> Listed(HttpClient client) =>
            (await (await client.GetAsync("/api/unlicensed-campaigns")).Expect(HttpStatusCode.OK)).EnumerateArray().Select(c => c.Str("id"));
        Assert.That(await Listed(Officer()), Does.Contain(campaign));
        Assert.That(await Listed(Api.Client("supervisor", "510100")), Does.Contain(campaign));
        Assert.That(await Listed(elsewhere), Does.Not.Contain(campaign));
    }

    private static IEnumerable<TestCaseData> BadCampaigns()
    {
        yield return new TestCaseData(new { name = "", startsOn = "2026-09-01", endsOn = "2026-12-31", venueTypes = new[] { "internetCafe" } }, "name").SetName("{m}(no name)");
        yield return new TestCaseData(new { name = "整治", startsOn = "2026-09-01", endsOn = "2026-08-01", venueTypes = new[] { "internetCafe" } }, "endsOn").SetName("{m}(ends before it starts)");
        yield return new TestCaseData(new { name = "整治", startsOn = "2026-09-01", endsOn = "2026-12-31", venueTypes = Array.Empty<string>() }, "venueTypes").SetName("{m}(no venue types)");
        yield return new TestCaseData(new { name = "整治", startsOn = "2026-09-01", endsOn = "2026-12-31", venueTypes = new[] { "sauna" } }, "venueTypes").SetName("{m}(unknown venue type)");
        yield return new TestCaseData(new { name = "整治", startsOn = "2026-09-01", endsOn = "2026-12-31", venueTypes = new[] { "internetCafe", "internetCafe" } }, "venueTypes").SetName("{m}(a type twice)");
    }

    [TestCaseSource(nameof(BadCampaigns))]
    public async Task A_bad_campaign_is_a_field_error_and_writes_nothing(object body, string field)
    {
        var before = await Api.CountAsync("unlicensed_campaigns");
        var problem = await (await Officer().PostJson("/api/unlicensed-campaigns", body)).Expect(HttpStatusCode.BadRequest);
        Assert.That(problem.FieldErrors(field), Is.Not.Empty, problem.ToString());
        Assert.That(await Api.CountAsync("unlicensed_campaigns"), Is.EqualTo(before));
    }

    [Test]
    public async Task A_survey_takes_only_unlicensed_venues_of_a_target_type_in_the_campaigns_district_once()
    {
        var campaign = await OpenCampaignAsync("排查范围整治");
        var venues = await Api.CountAsync("venues");
        var links = await Api.CountAsync("unlicensed_campaign_venues");

        async Task Refused(object body, string field)
        {
            var problem = await (await Officer().PostJson($"/api/unlicensed-campaigns/{campaign}/venues", body)).Expect(HttpStatusCode.BadRequest);
            Assert.That(problem.FieldErrors(field), Is.Not.Empty, problem.ToString());
        }

        await Refused(new { name = "无日期网吧", address = "温江区", type = "internetCafe", operatorName = "王某" }, "foundOn");
        await Refused(new { address = "温江区", type = "internetCafe", operatorName = "王某", foundOn = "2026-09-10" }, "name");
        await Refused(Found("书店", "bookshop"), "type");
        await Refused(Found("早于行动网吧", foundOn: "2026-08-31"), "foundOn");
        await Refused(Found("未来网吧", foundOn: "2026-11-21"), "foundOn");
        await Refused(new { venueId = Guid.CreateVersion7(), foundOn = "2026-09-10" }, "venueId");

        var licensed = await (await Officer().PostJson("/api/venues", new
        {
            name = "持证网吧", address = "温江区", type = "internetCafe", licenseStatus = "licensed", licenseNumber = Licences.Unique("川网文 0115 号"),
        })).Expect(HttpStatusCode.Created);
        await Refused(new { venueId = licensed.Str("id"), foundOn = "2026-09-10" }, "venueId");
        var foreign = await (await Officer("510104").PostJson("/api/venues", new
        {
            name = "外区黑网吧", address = "青羊区", type = "internetCafe", licenseStatus = "unlicensed",
        })).Expect(HttpStatusCode.Created);
        await Refused(new { venueId = foreign.Str("id"), foundOn = "2026-09-10" }, "venueId");
        var ktv = await (await Officer().PostJson("/api/venues", new
        {
            name = "无证歌厅", address = "温江区", type = "songAndDance", licenseStatus = "unlicensed",
        })).Expect(HttpStatusCode.Created);
        await Refused(new { venueId = ktv.Str("id"), foundOn = "2026-09-10" }, "venueId");
        Assert.That(await Api.CountAsync("unlicensed_campaign_venues"), Is.EqualTo(links));
        Assert.That(await Api.CountAsync("venues"), Is.EqualTo(venues + 3), "only the three venues the test registered itself");

        var unlicensed = await (await Officer().PostJson("/api/venues", new
        {
            name = "重复网吧", address = "温江区", type = "internetCafe", licenseStatus = "unlicensed",
        })).Expect(HttpStatusCode.Created);
        await SurveyAsync(campaign, new { venueId = unlicensed.Str("id"), foundOn = "2026-09-10" });
        var twice = await (await Officer().PostJson($"/api/unlicensed-campaigns/{campaign}/venues", new { venueId = unlicensed.Str("id"), foundOn = "2026-09-11" }))
            .Expect(HttpStatusCode.Conflict);
        Assert.That(twice.Str("detail"), Does.Contain("已纳入"));
    }

    [Test]
    public async Task A_stale_version_is_a_conflict_and_changes_nothing()
    {
        var campaign = await OpenCampaignAsync("版本整治");
        var venue = await SurveyAsync(campaign, Found("版本网吧"));
        var noticed = await NoticeAsync(campaign, venue, "2026-09-21", 10);

        var stale = await (await Officer().PutJson(Url(campaign, venue, "/prerequisites/fire"),
            new { version = Version(venue), status = "approved", decidedOn = "2026-10-01" })).Expect(HttpStatusCode.Conflict);
        Assert.That(stale.GetProperty("currentVersion").GetInt64(), Is.EqualTo(Version(noticed)));
        await (await OutcomeAsync(campaign, venue, new { outcome = "banned", decidedOn = "2026-10-10" })).Expect(HttpStatusCode.Conflict);

        var now = await (await Officer().GetAsync(Url(campaign, venue))).Expect(HttpStatusCode.OK);
        Assert.Multiple(() =>
        {
            Assert.That(now.GetProperty("outcome").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
            Assert.That(now.GetProperty("prerequisites")[0].Str("status"), Is.EqualTo("pending"));
            Assert.That(Version(now), Is.EqualTo(Version(noticed)));
        });
    }

    [Test]
    public async Task An_outcome_is_recorded_once_and_a_notice_is_served_once()
    {
        var campaign = await OpenCampaignAsync("一次结果整治");
        var venue = await NoticeAsync(campaign, await SurveyAsync(campaign, Found("一次网吧")), "2026-09-21", 10);
        var again = await (await Officer().PostJson(Url(campaign, venue, "/notice"),
            new { version = Version(venue), issuedOn = "2026-09-22", limitDays = 10, requirements = "停止经营" })).Expect(HttpStatusCode.Conflict);
        Assert.That(again.Str("detail"), Does.Contain("2026-09-21"));

        var decided = await (await OutcomeAsync(campaign, venue, new { outcome = "referred", decidedOn = "2026-10-10", department = "工商" })).Expect(HttpStatusCode.OK);
        var twice = await (await OutcomeAsync(campaign, decided, new { outcome = "banned", decidedOn = "2026-10-11" })).Expect(HttpStatusCode.Conflict);
        Assert.That(twice.Str("detail"), Does.Contain("2026-10-10"));
        await (await Officer().PutJson(Url(campaign, decided, "/prerequisites/fire"),
            new { version = Version(decided), status = "approved", decidedOn = "2026-10-12" })).Expect(HttpStatusCode.Conflict);
    }

    [Test]
    public async Task Licensing_needs_every_prerequisite_approved_and_a_permit_application_of_the_district_linked_once()
    {
        var campaign = await OpenCampaignAsync("办证整治");
        var venue = await SurveyAsync(campaign, Found("办证网吧"));
        var permit = await PermitApplicationAsync("办证网吧经营者");
        foreach (var department in new[] { "fire", "commerce", "environment" })
            venue = await PrerequisiteAsync(campaign, venue, department, "approved");

        var early = await (await OutcomeAsync(campaign, venue, new { outcome = "licensed", decidedOn = "2026-11-02", permitApplicationId = permit }))
            .Expect(HttpStatusCode.Conflict);
        Assert.That(early.Str("detail"), Does.Contain("前置条件"));

        venue = await PrerequisiteAsync(campaign, venue, "health", "approved");
        var unknown = await (await OutcomeAsync(campaign, venue, new { outcome = "licensed", decidedOn = "2026-11-02", permitApplicationId = Guid.CreateVersion7() }))
            .Expect(HttpStatusCode.BadRequest);
        Assert.That(unknown.FieldErrors("permitApplicationId"), Is.Not.Empty);
        await (await OutcomeAsync(campaign, venue, new { outcome = "licensed", decidedOn = "2026-11-02", permitApplicationId = permit })).Expect(HttpStatusCode.OK);

        var other = await SurveyAsync(campaign, Found("另一网吧"));
        foreach (var department in new[] { "fire", "commerce", "environment", "health" })
            other = await PrerequisiteAsync(campaign, other, department, "approved");
        await (await OutcomeAsync(campaign, other, new { outcome = "licensed", decidedOn = "2026-11-02", permitApplicationId = permit })).Expect(HttpStatusCode.Conflict);
    }

    private static IEnumerable<TestCaseData> BadSteps()
    {
        yield return new TestCaseData("/notice", new { version = 1, issuedOn = "2026-09-21", limitDays = 0, requirements = "停止经营" }, "limitDays").SetName("{m}(notice of no days)");
        yield return new TestCaseData("/notice", new { version = 1, issuedOn = "2026-09-21", limitDays = 10, requirements = "" }, "requirements").SetName("{m}(notice without requirements)");
        yield return new TestCaseData("/notice", new { version = 1, issuedOn = "2026-09-01", limitDays = 10, requirements = "停止经营" }, "issuedOn").SetName("{m}(notice before the survey)");
        yield return new TestCaseData("/notice", new { issuedOn = "2026-09-21", limitDays = 10, requirements = "停止经营" }, "version").SetName("{m}(notice without version)");
        yield return new TestCaseData("/prerequisites/police", new { version = 1, status = "approved", decidedOn = "2026-10-01" }, "department").SetName("{m}(police sets no prerequisite)");
        yield return new TestCaseData("/prerequisites/fire", new { version = 1, status = "maybe", decidedOn = "2026-10-01" }, "status").SetName("{m}(unknown prerequisite status)");
        yield return new TestCaseData("/prerequisites/fire", new { version = 1, status = "approved" }, "decidedOn").SetName("{m}(approval without date)");
        yield return new TestCaseData("/prerequisites/fire", new { version = 1, status = "refused", decidedOn = "2026-10-01" }, "note").SetName("{m}(refusal without reason)");
        yield return new TestCaseData("/outcome", new { version = 1, outcome = "licensed", decidedOn = "2026-10-01" }, "permitApplicationId").SetName("{m}(licensed without application)");
        yield return new TestCaseData("/outcome", new { version = 1, outcome = "guidanceCertificate", decidedOn = "2026-10-01" }, "certificateNumber").SetName("{m}(certificate without number)");
        yield return new TestCaseData("/outcome", new { version = 1, outcome = "referred", decidedOn = "2026-10-01" }, "department").SetName("{m}(referral without department)");
        yield return new TestCaseData("/outcome", new { version = 1, outcome = "forgiven", decidedOn = "2026-10-01" }, "outcome").SetName("{m}(unknown outcome)");
        yield return new TestCaseData("/outcome", new { version = 1, outcome = "banned", decidedOn = "2026-12-01" }, "decidedOn").SetName("{m}(outcome in the future)");
    }

    [TestCaseSource(nameof(BadSteps))]
    public async Task A_bad_step_on_a_venue_is_a_field_error_and_writes_nothing(string path, object body, string field)
    {
        var campaign = await OpenCampaignAsync("错误步骤整治" + field);
        var venue = await SurveyAsync(campaign, Found("错误网吧", foundOn: "2026-09-10"));
        var before = await Api.CountAsync("audit_entries");
        var request = path.StartsWith("/prerequisites", StringComparison.Ordinal)
            ? Officer().PutJson(Url(campaign, venue, path), body)
            : Officer().PostJson(Url(campaign, venue, path), body);
        var problem = await (await request).Expect(HttpStatusCode.BadRequest);
        Assert.That(problem.FieldErrors(field), Is.Not.Empty, problem.ToString());
        Assert.That(await Api.CountAsync("audit_entries"), Is.EqualTo(before));
        var after = await (await Officer().GetAsync(Url(campaign, venue))).Expect(HttpStatusCode.OK);
        Assert.That(Version(after), Is.EqualTo(Version(venue)));
    }

    [Test]
    public async Task Mobilisation_and_office_days_are_dated_within_the_campaign_and_handle_only_its_venues()
    {
        var campaign = await OpenCampaignAsync("办公日整治");
        var other = await OpenCampaignAsync("另一整治");
        var mine = await SurveyAsync(campaign, Found("本行动网吧"));
        var theirs = await SurveyAsync(other, Found("他行动网吧"));
        var before = await Api.CountAsync("audit_entries");
        var handled = await Api.CountAsync("unlicensed_office_day_venues");
        var officer = Officer();

        async Task Refused(string path, object body, string field)
        {
            var problem = await (await officer.PostJson($"/api/unlicensed-campaigns/{campaign}/{path}", body)).Expect(HttpStatusCode.BadRequest);
            Assert.That(problem.FieldErrors(field), Is.Not.Empty, problem.ToString());
        }

        await Refused("mobilisations", new { heldOn = "2026-09-16", kind = "party", attendees = 5 }, "kind");
        await Refused("mobilisations", new { heldOn = "2026-09-16", kind = "meeting", attendees = -1 }, "attendees");
        await Refused("mobilisations", new { heldOn = "2026-08-16", kind = "meeting", attendees = 5 }, "heldOn");
        await Refused("office-days", new { heldOn = "2026-10-15", departments = new[] { "fire" }, campaignVenueIds = new[] { theirs.Str("id") } }, "campaignVenueIds");
        await Refused("office-days", new { heldOn = "2026-10-15", departments = new[] { "army" }, campaignVenueIds = new[] { mine.Str("id") } }, "departments");
        await Refused("office-days", new { heldOn = "2026-10-15", departments = new[] { "fire" }, campaignVenueIds = Array.Empty<string>() }, "campaignVenueIds");
        Assert.That(await Api.CountAsync("audit_entries"), Is.EqualTo(before));
        Assert.That(await Api.CountAsync("unlicensed_office_day_venues"), Is.EqualTo(handled));
    }

    [Test]
    public async Task Unknown_campaigns_and_venues_are_not_found()
    {
        var campaign = await OpenCampaignAsync("查无整治");
        await (await Officer().GetAsync($"/api/unlicensed-campaigns/{Guid.CreateVersion7()}/progress")).Expect(HttpStatusCode.NotFound);
        await (await Officer().GetAsync($"/api/unlicensed-campaigns/{campaign}/venues/{Guid.CreateVersion7()}")).Expect(HttpStatusCode.NotFound);
        await (await Officer().PostJson($"/api/unlicensed-campaigns/{campaign}/venues/{Guid.CreateVersion7()}/outcome",
            new { version = 1, outcome = "banned", decidedOn = "2026-10-10" })).Expect(HttpStatusCode.NotFound);
    }
}
