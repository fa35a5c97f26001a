using System.Net;
using System.Net.Http.Json;
using Inspections.Api.Tests.Infrastructure;
using Inspections.Core.Data;

namespace Inspections.Api.Tests.Faults;

/// <summary>
/// A client that timed out sends its POST again with the same Idempotency-Key: it gets the first
/// answer and nothing is created twice, also when the retry races the original.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class IdempotencyTests(string provider) : ApiFixture(provider)
{
    private static HttpRequestMessage Post(string key, object body, string url = "/api/venues")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return request;
    }

    private async Task<long> CountAsync(string sql, object param)
    {
        var session = new DbSession(new DbConnectionFactory(Api.Database));
        await using (session) return await session.ExecuteScalarAsync<long>(new Sql(sql), param, CancellationToken.None);
    }

    private Task<long> VenuesNamed(string name) => CountAsync("SELECT COUNT(*) FROM venues WHERE name = @Name", new { Name = name });

    private Task<long> AuditRows(string id) => CountAsync("SELECT COUNT(*) FROM audit_entries WHERE entity_id = @Id", new { Id = id });

    [Test]
    public async Task A_retry_with_the_same_key_replays_the_first_answer_and_creates_nothing()
    {
        var officer = Api.Client("officer");
        var key = Guid.NewGuid().ToString();
        var body = Ledger.Venue("幂等书店");
        var first = await officer.SendAsync(Post(key, body));
        var created = await first.Expect(HttpStatusCode.Created);
        var venues = await Api.CountAsync("venues");
        var audit = await Api.CountAsync("audit_entries");

        var again = await officer.SendAsync(Post(key, body));
        var replayed = await again.Expect(HttpStatusCode.Created);

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(replayed.Str("id"), Is.EqualTo(created.Str("id")));
            Assert.That(replayed.GetRawText(), Is.EqualTo(created.GetRawText()));
            Assert.That(again.Headers.Location, Is.EqualTo(first.Headers.Location));
            Assert.That(again.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
            Assert.That(again.Headers.GetValues("Idempotent-Replayed"), Is.EqualTo(new[] { "true" }));
            Assert.That(await Api.CountAsync("venues"), Is.EqualTo(venues));
            Assert.That(await Api.CountAsync("audit_entries"), Is.EqualTo(audit));
            Assert.That(await AuditRows(created.Str("id")), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task The_same_key_with_another_body_is_a_422_and_another_user_has_keys_of_its_own()
    {
        var officer = Api.Client("officer");
        var key = "order-" + Guid.NewGuid().ToString("N");
        await (await officer.SendAsync(Post(key, Ledger.Venue("幂等书店甲")))).Expect(HttpStatusCode.Created);

        var other = await (await officer.SendAsync(Post(key, Ledger.Venue("幂等书店乙")))).Expect(HttpStatusCode.UnprocessableEntity);
        Assert.That(other.Str("title"), Is.EqualTo("Idempotency-Key 已用于另一请求"));
        var english = await (await Api.Client("officer", language: "en").SendAsync(Post(key, Ledger.Venue("幂等书店乙"))))
            .Expect(HttpStatusCode.UnprocessableEntity);
        Assert.That(english.Str("title"), Is.EqualTo("Idempotency-Key reused"));
        Assert.That(await VenuesNamed("幂等书店乙"), Is.Zero);

        // Keys are per user: a supervisor's same key is a request of its own (a second venue of that name and
        // address, so it is confirmed as one).
        var again = new Dictionary<string, object?>(Ledger.Venue("幂等书店甲")) { ["confirmDuplicate"] = true };
        await (await Api.Client("supervisor").SendAsync(Post(key, again))).Expect(HttpStatusCode.Created);
        Assert.That(await VenuesNamed("幂等书店甲"), Is.EqualTo(2));
    }

    [Test]
    public async Task Racing_requests_with_one_key_create_one_venue_and_all_get_its_answer()
    {
        var officer = Api.Client("officer");
        var key = Guid.NewGuid().ToString();
        var body = Ledger.Venue("幂等并发书店");
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => officer.SendAsync(Post(key, body))));
        var ids = new List<string>();
        foreach (var response in responses) ids.Add((await response.Expect(HttpStatusCode.Created)).Str("id"));

        Assert.That(ids.Distinct().Count(), Is.EqualTo(1), "every racer gets the one venue's answer");
        Assert.That(await VenuesNamed("幂等并发书店"), Is.EqualTo(1));
        Assert.That(await AuditRows(ids[0]), Is.EqualTo(1));
        Assert.That(responses.Count(r => r.Headers.Contains("Idempotent-Replayed")), Is.EqualTo(7));
    }

    [Test]
    public async Task A_failed_request_keeps_nothing_so_its_retry_runs_again()
    {
        var officer = Api.Client("officer");
        var key = Guid.NewGuid().ToString();
        var invalid = Ledger.Venue("");
        await (await officer.SendAsync(Post(key, invalid))).Expect(HttpStatusCode.BadRequest);
        await (await officer.SendAsync(Post(key, invalid))).Expect(HttpStatusCode.BadRequest);
        // The key was not spent on a failure: a corrected body under it is not a conflict but a first request.
        await (await officer.SendAsync(Post(key, Ledger.Venue("幂等更正书店")))).Expect(HttpStatusCode.Created);
    }

    [Test]
    public async Task A_claim_abandoned_by_a_dead_process_is_taken_over_after_its_lease()
    {
        // A request that claimed the key and died before committing (its process killed): no venue, a claim left behind.
        var officer = Api.Client("officer");
        var key = Guid.NewGuid().ToString();
        var body = Ledger.Venue("幂等接手书店");
        var content = JsonContent.Create(body);
        var bytes = await content.ReadAsByteArrayAsync();
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        var keys = new IdempotencyKeys(new DbConnectionFactory(Api.Database));
        var longAgo = DateTimeOffset.UtcNow.AddMinutes(-5);
        await keys.ClaimAsync("officer-510115", key, "POST", "/api/venues", hash, Guid.NewGuid(), longAgo, longAgo.AddDays(-1), CancellationToken.None);

        var request = new HttpRequestMessage(HttpMethod.Post, "/api/venues") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("Idempotency-Key", key);
        await (await officer.SendAsync(request)).Expect(HttpStatusCode.Created);
        Assert.That(await VenuesNamed("幂等接手书店"), Is.EqualTo(1));
    }

    [TestCase(201, TestName = "A key longer than 200 characters is a 400")]
    [TestCase(0, TestName = "A key with a control character is a 400")]
    public async Task Bad_keys_are_refused(int length)
    {
        var key = length > 0 ? new string('k', length) : "key\u0001with-control";
        var problem = await (await Api.Client("officer").SendAsync(Post(key, Ledger.Venue("坏键书店")))).Expect(HttpStatusCode.BadRequest);
        Assert.That(problem.Str("title"), Is.EqualTo("Idempotency-Key 请求头无效"));
        Assert.That(await VenuesNamed("坏键书店"), Is.Zero);
    }
}
