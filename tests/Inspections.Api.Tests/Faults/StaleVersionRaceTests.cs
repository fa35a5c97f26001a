using System.Net;
using Inspections.Api.Tests.Infrastructure;

namespace Inspections.Api.Tests.Faults;

/// <summary>
/// Fifty updates of one venue sent with one version: one wins, and every 409 names the version that
/// is current (the winner's), so a client retrying with it succeeds rather than failing again.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class StaleVersionRaceTests(string provider) : ApiFixture(provider)
{
    [Test]
    public async Task Every_409_of_a_race_reports_the_winners_version()
    {
        var officer = Api.Client("officer");
        var created = await (await officer.PostJson("/api/venues", Ledger.Venue("抢改版本书店"))).Expect(HttpStatusCode.Created);
        var id = created.Str("id");
        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
        {
            var body = Ledger.Venue($"抢改版本书店（第{i}次）");
            body["version"] = 1;
            return officer.PutJson($"/api/venues/{id}", body);
        }));

        var winners = responses.Where(r => r.StatusCode == HttpStatusCode.OK).ToList();
        Assert.That(winners, Has.Count.EqualTo(1), string.Join(",", responses.Select(r => (int)r.StatusCode)));
        var winner = await winners[0].Expect(HttpStatusCode.OK);
        var reported = new List<long>();
        foreach (var loser in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
            reported.Add((await loser.Expect(HttpStatusCode.Conflict)).GetProperty("currentVersion").GetInt64());

        Assert.That(reported, Has.Count.EqualTo(49));
        Assert.That(reported, Is.All.EqualTo(winner.GetProperty("version").GetInt64()), "a 409 reported a version that is not the current one");

        var retry = Ledger.Venue("抢改版本书店（重试）");
        retry["version"] = reported[0];
        await (await officer.PutJson($"/api/venues/{id}", retry)).Expect(HttpStatusCode.OK);
    }
}
