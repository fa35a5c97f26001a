using System.Net;
using Inspections.Api.Tests.Infrastructure;

namespace Inspections.Api.Tests;

[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class VenueTests(string provider) : ApiFixture(provider)
{
    private const string ValidCode = "91350100M000100Y43"; // a published example code with a correct check character

    private static Dictionary<string, object?> InternetCafe(string name = "星空网吧") => new()
    {
        ["name"] = name,
        ["address"] = "温江区柳城大道 88 号",
        ["type"] = "internetCafe",
        ["operatorName"] = "王五",
        ["legalRepresentative"] = "王五",
        ["unifiedSocialCreditCode"] = Licences.CreditCode(),
        ["licenseNumber"] = Licences.Unique("川网文〔2024〕0115 号"),
        ["licenseValidUntil"] = "2027-06-30",
        ["licenseStatus"] = "licensed",
        ["terminals"] = 120,
    };

    private static Dictionary<string, object?> With(Dictionary<string, object?> body, string key, object? value)
    {
        var copy = new Dictionary<string, object?>(body) { [key] = value };
        return copy;
    }

    [Test]
    public async Task Officer_registers_a_venue_and_finds_it_again()
    {
        var officer = Api.Client("officer");
        var created = await (await officer.PostJson("/api/venues", With(InternetCafe("登记测试网吧"), "unifiedSocialCreditCode", ValidCode))).Expect(HttpStatusCode.Created);
        Assert.Multiple(() =>
        {
            Assert.That(created.Str("name"), Is.EqualTo("登记测试网吧"));
            Assert.That(created.Str("jurisdiction"), Is.EqualTo("510115"));
            Assert.That(created.Str("type"), Is.EqualTo("internetCafe"));
            Assert.That(created.Str("licenseStatus"), Is.EqualTo("licensed"));
            Assert.That(created.Str("unifiedSocialCreditCode"), Is.EqualTo(ValidCode));
            Assert.That(created.Str("licenseValidUntil"), Is.EqualTo("2027-06-30"));
            Assert.That(created.GetProperty("terminals").GetInt32(), Is.EqualTo(120));
            Assert.That(created.GetProperty("version").GetInt64(), Is.EqualTo(1));
        });
        var id = created.Str("id");

        var fetched = await (await officer.GetAsync($"/api/venues/{id}")).Expect(HttpStatusCode.OK);
        Assert.That(fetched.Str("address"), Is.EqualTo("温江区柳城大道 88 号"));

        var found = await (await officer.GetAsync($"/api/venues?name={Uri.EscapeDataString("登记测试")}")).Expect(HttpStatusCode.OK);
        Assert.That(found.GetProperty("items").EnumerateArray().Select(v => v.Str("id")), Is.EquivalentTo(new[] { id }));
    }

    [Test]
    public async Task A_successful_command_writes_one_audit_row_that_a_supervisor_can_read()
    {
        var created = await (await Api.Client("officer").PostJson("/api/venues", InternetCafe("审计测试网吧"))).Expect(HttpStatusCode.Created);
        var id = created.Str("id");

        var officerView = await Api.Client("officer").GetAsync($"/api/audit?entityType=venue&entityId={id}");
        Assert.That(officerView.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));

        var trail = await (await Api.Client("supervisor").GetAsync($"/api/audit?entityType=venue&entityId={id}")).Expect(HttpStatusCode.OK);
        var entries = trail.EnumerateArray().ToList();
        Assert.That(entries, Has.Count.EqualTo(1));
        Assert.Multiple(() =>
        {
            Assert.That(entries[0].Str("command"), Is.EqualTo("RegisterVenue"));
            Assert.That(entries[0].Str("role"), Is.EqualTo("officer"));
            Assert.That(entries[0].Str("userId"), Is.EqualTo("officer-510115"));
            Assert.That(entries[0].Str("payload"), Does.Contain("审计测试网吧"));
        });
    }

    private static IEnumerable<TestCaseData> InvalidVenues()
    {
        yield return new TestCaseData("name", With(InternetCafe(), "name", ""), "不能为空").SetName("{m}(missing name)");
        yield return new TestCaseData("address", With(InternetCafe(), "address", null), "不能为空").SetName("{m}(missing address)");
        yield return new TestCaseData("type", With(InternetCafe(), "type", "bar"), "未知的场所类型").SetName("{m}(unknown type)");
        yield return new TestCaseData("licenseStatus", With(InternetCafe(), "licenseStatus", "maybe"), "未知的证照状态").SetName("{m}(unknown licence status)");
        yield return new TestCaseData("unifiedSocialCreditCode", With(InternetCafe(), "unifiedSocialCreditCode", "91350100M000100Y44"), "校验位").SetName("{m}(wrong check character)");
        yield return new TestCaseData("unifiedSocialCreditCode", With(InternetCafe(), "unifiedSocialCreditCode", "91350100M00010"), "18 位").SetName("{m}(short credit code)");
        yield return new TestCaseData("licenseNumber", With(InternetCafe(), "licenseNumber", null), "许可证号").SetName("{m}(licensed without licence number)");
        yield return new TestCaseData("terminals", With(With(InternetCafe(), "type", "bookshop"), "terminals", 5), "网吧").SetName("{m}(terminals on a bookshop)");
        yield return new TestCaseData("terminals", With(InternetCafe(), "terminals", -1), "").SetName("{m}(negative terminals)");
        yield return new TestCaseData("jurisdiction", With(InternetCafe(), "jurisdiction", "51A115"), "行政区划代码").SetName("{m}(malformed jurisdiction)");
        yield return new TestCaseData("terminals", With(InternetCafe(), "terminals", "many"), "格式不正确").SetName("{m}(terminals not a number)");
        yield return new TestCaseData("licenseValidUntil", With(InternetCafe(), "licenseValidUntil", "2027-13-45"), "格式不正确").SetName("{m}(impossible date)");
    }

    [TestCaseSource(nameof(InvalidVenues))]
    public async Task Invalid_venue_is_refused_with_a_field_error_and_writes_nothing(string field, Dictionary<string, object?> body, string messagePart)
    {
        var venuesBefore = await Api.CountAsync("venues");
        var auditBefore = await Api.CountAsync("audit_entries");

        var problem = await (await Api.Client("officer").PostJson("/api/venues", body)).Expect(HttpStatusCode.BadRequest);

        Assert.That(problem.GetProperty("status").GetInt32(), Is.EqualTo(400));
        Assert.That(problem.FieldErrors(field), Has.Some.Contains(messagePart), problem.ToString());
        Assert.That(await Api.CountAsync("venues"), Is.EqualTo(venuesBefore));
        Assert.That(await Api.CountAsync("audit_entries"), Is.EqualTo(auditBefore));
    }

    [Test]
    public async Task Validation_messages_are_english_when_asked_for()
    {
        var client = Api.Client("officer", language: "en");
        var problem = await (await client.PostJson("/api/venues", With(InternetCafe(), "name", ""))).Expect(HttpStatusCode.BadRequest);
        Assert.That(problem.FieldErrors("name"), Has.Some.Contains("must not be empty"));
        Assert.That(problem.Str("title"), Does.Contain("validation"));
    }

    [Test]
    public async Task Without_a_token_the_venue_endpoints_answer_401()
    {
        var anonymous = Api.Client(null);
        Assert.That((await anonymous.GetAsync("/api/venues")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await anonymous.PostJson("/api/venues", InternetCafe())).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task A_clerk_may_read_venues_but_not_register_them()
    {
        var before = await Api.CountAsync("venues");
        var clerk = Api.Client("clerk");
        var problem = await (await clerk.PostJson("/api/venues", InternetCafe("窗口不该登记"))).Expect(HttpStatusCode.Forbidden);
        Assert.That(problem.GetProperty("status").GetInt32(), Is.EqualTo(403));
        Assert.That(await Api.CountAsync("venues"), Is.EqualTo(before));
        await (await clerk.GetAsync("/api/venues")).Expect(HttpStatusCode.OK);
    }

    [Test]
    public async Task Officers_of_another_district_can_neither_see_nor_change_a_venue()
    {
        var created = await (await Api.Client("officer").PostJson("/api/venues", InternetCafe("温江辖区网吧"))).Expect(HttpStatusCode.Created);
        var id = created.Str("id");
        var stranger = Api.Client("officer", jurisdiction: "510104");

        await (await stranger.GetAsync($"/api/venues/{id}")).Expect(HttpStatusCode.Forbidden);
        var update = With(InternetCafe("改名"), "version", 1);
        await (await stranger.PutJson($"/api/venues/{id}", update)).Expect(HttpStatusCode.Forbidden);
        await (await stranger.GetAsync("/api/venues?jurisdiction=510115")).Expect(HttpStatusCode.Forbidden);
        var own = await (await stranger.GetAsync($"/api/venues?name={Uri.EscapeDataString("温江辖区")}")).Expect(HttpStatusCode.OK);
        Assert.That(own.GetProperty("items").GetArrayLength(), Is.Zero);
        await (await stranger.PostJson("/api/venues", With(InternetCafe(), "jurisdiction", "510115"))).Expect(HttpStatusCode.Forbidden);

        var unchanged = await (await Api.Client("officer").GetAsync($"/api/venues/{id}")).Expect(HttpStatusCode.OK);
        Assert.That(unchanged.Str("name"), Is.EqualTo("温江辖区网吧"));
    }

    [Test]
    public async Task A_city_level_supervisor_sees_the_districts_below_but_cannot_change_them()
    {
        var created = await (await Api.Client("officer").PostJson("/api/venues", InternetCafe("市级可见网吧"))).Expect(HttpStatusCode.Created);
        var city = Api.Client("supervisor", jurisdiction: "510100");
        await (await city.GetAsync($"/api/venues/{created.Str("id")}")).Expect(HttpStatusCode.OK);
        var found = await (await city.GetAsync($"/api/venues?name={Uri.EscapeDataString("市级可见")}")).Expect(HttpStatusCode.OK);
        Assert.That(found.GetProperty("items").GetArrayLength(), Is.EqualTo(1));
        await (await city.PutJson($"/api/venues/{created.Str("id")}", With(InternetCafe("市级改名"), "version", 1))).Expect(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task A_stale_version_gets_409_and_changes_nothing()
    {
        var officer = Api.Client("officer");
        var created = await (await officer.PostJson("/api/venues", InternetCafe("并发修改网吧"))).Expect(HttpStatusCode.Created);
        var id = created.Str("id");

        var first = await (await officer.PutJson($"/api/venues/{id}", With(With(InternetCafe("并发修改网吧（一）"), "version", 1), "terminals", 150)))
            .Expect(HttpStatusCode.OK);
        Assert.That(first.GetProperty("version").GetInt64(), Is.EqualTo(2));
        Assert.That(first.GetProperty("terminals").GetInt32(), Is.EqualTo(150));
        var auditAfterFirst = await Api.CountAsync("audit_entries");

        var conflict = await (await officer.PutJson($"/api/venues/{id}", With(InternetCafe("并发修改网吧（二）"), "version", 1)))
            .Expect(HttpStatusCode.Conflict);
        Assert.That(conflict.GetProperty("currentVersion").GetInt64(), Is.EqualTo(2));
        Assert.That(conflict.Str("detail"), Does.Contain("已被他人修改"));

        var now = await (await officer.GetAsync($"/api/venues/{id}")).Expect(HttpStatusCode.OK);
        Assert.That(now.Str("name"), Is.EqualTo("并发修改网吧（一）"));
        Assert.That(await Api.CountAsync("audit_entries"), Is.EqualTo(auditAfterFirst));
    }

    [Test]
    public async Task An_update_without_a_version_is_a_validation_error()
    {
        var officer = Api.Client("officer");
        var created = await (await officer.PostJson("/api/venues", InternetCafe("无版本号网吧"))).Expect(HttpStatusCode.Created);
        var problem = await (await officer.PutJson($"/api/venues/{created.Str("id")}", InternetCafe("无版本号网吧"))).Expect(HttpStatusCode.BadRequest);
        Assert.That(problem.FieldErrors("version"), Is.Not.Empty);
    }

    [Test]
    public async Task Unknown_venue_is_404()
    {
        await (await Api.Client("officer").GetAsync($"/api/venues/{Guid.CreateVersion7()}")).Expect(HttpStatusCode.NotFound);
        await (await Api.Client("officer").PutJson($"/api/venues/{Guid.CreateVersion7()}", With(InternetCafe(), "version", 1)))
            .Expect(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Search_filters_by_type_and_status_and_pages_with_a_cursor()
    {
        var officer = Api.Client("officer", jurisdiction: "510181");
        var expected = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            var body = With(InternetCafe($"分页网吧{i:00}"), "jurisdiction", "510181");
            var v = await (await officer.PostJson("/api/venues", body)).Expect(HttpStatusCode.Created);
            expected.Add(v.Str("id"));
        }
        await (await officer.PostJson("/api/venues", new Dictionary<string, object?>
        {
            ["name"] = "分页黑网吧", ["address"] = "某村", ["type"] = "internetCafe", ["licenseStatus"] = "unlicensed", ["jurisdiction"] = "510181",
        })).Expect(HttpStatusCode.Created);
        await (await officer.PostJson("/api/venues", new Dictionary<string, object?>
        {
            ["name"] = "分页书店", ["address"] = "某街", ["type"] = "bookshop", ["licenseStatus"] = "licensed", ["licenseNumber"] = Licences.Unique("新出发 1 号"), ["jurisdiction"] = "510181",
        })).Expect(HttpStatusCode.Created);

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var url = "/api/venues?type=internetCafe&licenseStatus=licensed&limit=3" + (cursor is null ? "" : "&cursor=" + cursor);
            var page = await (await officer.GetAsync(url)).Expect(HttpStatusCode.OK);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(v => v.Str("id")));
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
        } while (cursor is not null && pages < 10);

        Assert.That(pages, Is.EqualTo(3));
        Assert.That(seen, Is.EqualTo(expected), "seven licensed internet cafés in name order, each once");

        var unlicensed = await (await officer.GetAsync("/api/venues?licenseStatus=unlicensed")).Expect(HttpStatusCode.OK);
        Assert.That(unlicensed.GetProperty("items").EnumerateArray().Select(v => v.Str("name")), Is.EqualTo(new[] { "分页黑网吧" }));

        var bad = await (await officer.GetAsync("/api/venues?cursor=not-a-cursor&limit=500")).Expect(HttpStatusCode.BadRequest);
        Assert.That(bad.FieldErrors("cursor"), Is.Not.Empty);
        Assert.That(bad.FieldErrors("limit"), Is.Not.Empty);
    }

    [Test]
    public async Task Name_search_treats_wildcards_as_plain_text()
    {
        var officer = Api.Client("officer", jurisdiction: "510182");
        await (await officer.PostJson("/api/venues", With(InternetCafe("百分百_网吧"), "jurisdiction", "510182"))).Expect(HttpStatusCode.Created);
        await (await officer.PostJson("/api/venues", With(InternetCafe("百分百X网吧"), "jurisdiction", "510182"))).Expect(HttpStatusCode.Created);
        var found = await (await officer.GetAsync($"/api/venues?name={Uri.EscapeDataString("百_")}")).Expect(HttpStatusCode.OK);
        Assert.That(found.GetProperty("items").EnumerateArray().Select(v => v.Str("name")), Is.EqualTo(new[] { "百分百_网吧" }));
        var percent = await (await officer.GetAsync($"/api/venues?name={Uri.EscapeDataString("%")}")).Expect(HttpStatusCode.OK);
        Assert.That(percent.GetProperty("items").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task The_audit_trail_cannot_be_changed_even_from_inside_the_database()
    {
        await (await Api.Client("officer").PostJson("/api/venues", InternetCafe("留痕网吧"))).Expect(HttpStatusCode.Created);
        var before = await Api.CountAsync("audit_entries");
        var session = new Inspections.Core.Data.DbSession(new Inspections.Core.Data.DbConnectionFactory(Api.Database));
        Assert.That(async () =>
        {
            await using (session)
                await session.ExecuteAsync(new Inspections.Core.Data.Sql("DELETE FROM audit_entries"), null, CancellationToken.None);
        }, Throws.Exception);
        Assert.That(await Api.CountAsync("audit_entries"), Is.EqualTo(before));
    }
}
