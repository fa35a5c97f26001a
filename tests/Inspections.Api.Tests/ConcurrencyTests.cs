using System.Net;
using Inspections.Api.Tests.Infrastructure;

namespace Inspections.Api.Tests;

/// <summary>Many officers writing at once: every write lands (SQLite queues writers), and racing updates of one row get 409, never a lost update.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class ConcurrencyTests(string provider) : ApiFixture(provider)
{
    private static Dictionary<string, object?> Venue(string name) => new()
    {
        ["name"] = name, ["address"] = "温江区", ["type"] = "bookshop", ["licenseStatus"] = "licensed", ["licenseNumber"] = Licences.Unique("新出发 1 号"),
        ["jurisdiction"] = "510183",
    };

    [Test]
    public async Task Forty_parallel_registrations_all_land_with_their_audit_rows()
    {
        var officer = Api.Client("officer", jurisdiction: "510183");
        var auditBefore = await Api.CountAsync("audit_entries");
        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => officer.PostJson("/api/venues", Venue($"并发书店{i:00}"))));
        Assert.That(responses.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.Created));
        Assert.That(await Api.CountAsync("audit_entries") - auditBefore, Is.EqualTo(40));
    }

    [Test]
    public async Task Racing_updates_of_one_venue_let_exactly_one_win()
    {
        var officer = Api.Client("officer", jurisdiction: "510183");
        var created = await (await officer.PostJson("/api/venues", Venue("抢改书店"))).Expect(HttpStatusCode.Created);
        var id = created.Str("id");
        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
        {
            var body = Venue($"抢改书店（第{i}次）");
            body["version"] = 1;
            return officer.PutJson($"/api/venues/{id}", body);
        }));
        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.OK), Is.EqualTo(1));
        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.Conflict), Is.EqualTo(9));
        var now = await (await officer.GetAsync($"/api/venues/{id}")).Expect(HttpStatusCode.OK);
        Assert.That(now.GetProperty("version").GetInt64(), Is.EqualTo(2));
    }
}
