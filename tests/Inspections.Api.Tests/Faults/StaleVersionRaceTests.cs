using System.Net;
using Inspections.Api.Tests.Infrastructure;
using Inspections.Core.Data;

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

    [Test]
    public async Task Updates_that_read_before_another_writer_committed_report_its_version()
    {
        var officer = Api.Client("officer");
        var id = (await (await officer.PostJson("/api/venues", Ledger.Venue("慢提交书店"))).Expect(HttpStatusCode.Created)).Str("id");

        // Another writer changes the venue and holds its transaction open while the updates arrive:
        // they read version 1 and (on PostgreSQL) wait on its row lock; the commit makes them stale.
        var other = new DbSession(new DbConnectionFactory(Api.Database));
        Task<HttpResponseMessage[]> updates;
        await using (other)
        {
            await other.BeginAsync(CancellationToken.None);
            await other.ExecuteAsync(new Sql("UPDATE venues SET name = @Name, version = version + 1 WHERE id = @Id"),
                new { Name = "慢提交书店（他人修改）", Id = Guid.Parse(id) }, CancellationToken.None);
            updates = Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            {
                var body = Ledger.Venue($"慢提交书店（第{i}次）");
                body["version"] = 1;
                return officer.PutJson($"/api/venues/{id}", body);
            }));
            await Task.Delay(TimeSpan.FromSeconds(1.5));
            await other.CommitAsync(CancellationToken.None);
        }

        foreach (var response in await updates)
            Assert.That((await response.Expect(HttpStatusCode.Conflict)).GetProperty("currentVersion").GetInt64(), Is.EqualTo(2));
    }
}
