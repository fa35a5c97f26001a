using System.Net;
using System.Text.Json;
using Inspections.Api.Tests.Infrastructure;

namespace Inspections.Api.Tests.InspectionsFeature;

/// <summary>GET /api/draws: the draws of the caller's jurisdiction, newest first, a page at a time, by publication.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class DrawListTests(string provider) : ApiFixture(provider)
{
    private const string District = "510124";

    protected override IEnumerable<TestUser> FixtureUsers => [.. Officers.Of(District), .. Officers.Of("510125")];

    private static object[] Four(string district) =>
        [Officers.OnForm("zhangsan", district), Officers.OnForm("lisi", district), Officers.OnForm("wangwu", district), Officers.OnForm("zhaoliu", district)];

    private async Task VenuesAsync(string district, int count)
    {
        for (var i = 0; i < count; i++)
            await (await Api.Client("officer", district).PostJson("/api/venues", new Dictionary<string, object?>
            {
                ["name"] = $"列表书店{district}-{i}", ["address"] = $"郫都区 {i} 号", ["type"] = "bookshop", ["licenseStatus"] = "licensed",
                ["licenseNumber"] = Licences.Unique("新出发"),
            })).Expect(HttpStatusCode.Created);
    }

    private async Task<JsonElement> DrawAsync(string name, string district = District) =>
        await (await Api.ZhangSanClient(district).PostJson("/api/draws", new { name, count = 2, officers = Four(district) })).Expect(HttpStatusCode.Created);

    private static string[] Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(d => d.Str("id")).ToArray();

    [Test]
    public async Task Draws_are_listed_newest_first_a_page_at_a_time_and_by_publication()
    {
        await VenuesAsync(District, 4);
        await VenuesAsync("510125", 2);
        var first = await DrawAsync("一月抽查");
        var second = await DrawAsync("二月抽查");
        var third = await DrawAsync("三月抽查");
        var elsewhere = await DrawAsync("外区抽查", "510125");
        var officer = Api.ZhangSanClient(District);

        var all = await (await officer.GetAsync("/api/draws")).Expect(HttpStatusCode.OK);
        Assert.That(Ids(all), Is.EqualTo(new[] { third.Str("id"), second.Str("id"), first.Str("id") }), "newest first, the district's own");
        var row = all.GetProperty("items")[0];
        Assert.Multiple(() =>
        {
            Assert.That(row.Str("name"), Is.EqualTo("三月抽查"));
            Assert.That(row.GetProperty("requested").GetInt32(), Is.EqualTo(2));
            Assert.That(row.GetProperty("inspected").GetInt32(), Is.EqualTo(0));
            Assert.That(row.Str("drawnByName"), Is.EqualTo("张三"));
            Assert.That(row.GetProperty("publishedAt").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(all.GetProperty("nextCursor").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });

        // One at a time: the cursor carries on where the page ended, and nothing is seen twice.
        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await (await officer.GetAsync("/api/draws?limit=1" + (cursor is null ? "" : "&cursor=" + cursor))).Expect(HttpStatusCode.OK);
            seen.AddRange(Ids(page));
            cursor = page.GetProperty("nextCursor").GetString();
        } while (cursor is not null);
        Assert.That(seen, Is.EqualTo(Ids(all)));

        await (await Api.Client("supervisor", District).PostAsync($"/api/draws/{second.Str("id")}/publish", null)).Expect(HttpStatusCode.OK);
        var published = await (await officer.GetAsync("/api/draws?published=true")).Expect(HttpStatusCode.OK);
        Assert.That(Ids(published), Is.EqualTo(new[] { second.Str("id") }));
        Assert.That(published.GetProperty("items")[0].GetProperty("publishedAt").ValueKind, Is.EqualTo(JsonValueKind.String));
        var waiting = await (await officer.GetAsync("/api/draws?published=false")).Expect(HttpStatusCode.OK);
        Assert.That(Ids(waiting), Is.EqualTo(new[] { third.Str("id"), first.Str("id") }));

        // The other district sees its own; the city sees both; a town station of the district sees none of the district's.
        Assert.That(Ids(await (await Api.ZhangSanClient("510125").GetAsync("/api/draws")).Expect(HttpStatusCode.OK)), Is.EqualTo(new[] { elsewhere.Str("id") }));
        Assert.That(Ids(await (await Api.Client("supervisor", "510100").GetAsync("/api/draws")).Expect(HttpStatusCode.OK)), Has.Length.EqualTo(4));
        Assert.That(Ids(await (await Api.Client("officer", "510124001").GetAsync("/api/draws")).Expect(HttpStatusCode.OK)), Is.Empty);
    }

    [TestCase("limit=0", "limit")]
    [TestCase("limit=101", "limit")]
    [TestCase("cursor=not-a-cursor", "cursor")]
    [TestCase("published=maybe", "published")]
    public async Task Bad_paging_is_a_field_error(string query, string field)
    {
        var problem = await (await Api.ZhangSanClient(District).GetAsync("/api/draws?" + query)).Expect(HttpStatusCode.BadRequest);
        Assert.That(problem.FieldErrors(field), Is.Not.Empty, problem.ToString());
    }

    [TestCase("clerk")]
    [TestCase("admin")]
    public async Task Only_officers_and_supervisors_list_draws(string role) =>
        await (await Api.Client(role, District).GetAsync("/api/draws")).Expect(HttpStatusCode.Forbidden);
}
