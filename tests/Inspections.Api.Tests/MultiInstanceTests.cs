using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Hangfire;
using Inspections.Api.Infrastructure;
using Inspections.Api.Tests.Faults;
using Inspections.Api.Tests.Infrastructure;
using Inspections.Api.Tests.InspectionsFeature;
using Inspections.Api.Tests.Sweep;
using Inspections.Core.Data;
using Inspections.Core.Evidence;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Inspections.Api.Tests;

/// <summary>
/// Several API instances behind a load balancer: two hosts, A and B, on one PostgreSQL (or SQL Server) database with the
/// database evidence store, both running Hangfire servers. Whatever a client did on A holds on B: its token, its page
/// session, its photo (read back by range), its half-sent video (finished on B), the version it read, its idempotency
/// key. That alert scans, deliveries and digests run once across two servers is shown by <see cref="AlertDeliveryTests"/>;
/// here the recurring deadline scan that both servers' schedulers see runs once per occurrence.
/// </summary>
[TestFixtureSource(nameof(SharedDatabases))]
public sealed class MultiInstanceTests(string provider) : ApiFixture(provider)
{
    /// <summary>SQLite is one machine's database (and its Hangfire storage is in memory): several instances need a server.</summary>
    public static readonly string[] SharedDatabases = ["postgres", "sqlserver"];

    private static readonly TestUser Clerk = new("mi-clerk", "多实例窗口", ["clerk"], "510115");

    /// <summary>Signs in by the API only (the page test changes the other clerk's password).</summary>
    private static readonly TestUser ApiClerk = new("mi-api-clerk", "多实例接口", ["clerk"], "510115");

    protected override IEnumerable<TestUser> FixtureUsers => [.. Officers.Of(), Clerk, ApiClerk];

    protected override string? EvidenceStore => EvidenceOptions.DatabaseStore;

    protected override bool HangfireServer => true;

    /// <summary>The deadline scan every minute (not every quarter hour), so a test sees an occurrence that both schedulers meet.</summary>
    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton(sp => new JobSchedule(
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Hangfire:DeadlineScanCron"] = "* * * * *" }).Build(),
            sp.GetRequiredService<TimeProvider>()));

    private ApiFactory? _b;

    /// <summary>The second instance: same database, same configuration, its own process state.</summary>
    private ApiFactory B => _b ?? throw new InvalidOperationException("Fixture not set up.");

    [OneTimeSetUp]
    public void StartSecondInstance()
    {
        _b = new ApiFactory(Api.Database, hangfireServer: true, ConfigureServices, EvidenceOptions.DatabaseStore);
        _ = _b.Server;
    }

    [OneTimeTearDown]
    public async Task StopSecondInstance()
    {
        if (_b is not null) await _b.DisposeAsync();
    }

    private static byte[] Jpeg(int size, int seed)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F' }.CopyTo(bytes, 0);
        return bytes;
    }

    private static MultipartFormDataContent Photo(byte[] bytes, string name)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        return new MultipartFormDataContent { { file, "file", name } };
    }

    private Task<string> RecordInspection() => Api.RecordInspectionAsync("多实例测试书店", "温江区德通桥路 8 号", "新出发〔2024〕28 号");

    [Test]
    public async Task A_token_issued_by_one_instance_is_accepted_by_the_other()
    {
        var signIn = await (await Api.CreateClient().PostJson("/api/account/sign-in", new { loginName = ApiClerk.Id, password = TestUser.InitialPassword }))
            .Expect(HttpStatusCode.OK);
        var onB = B.CreateClient();
        onB.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", signIn.Str("token"));
        var me = await (await onB.GetAsync("/api/account/me")).Expect(HttpStatusCode.OK);
        Assert.That(me.Str("id"), Is.EqualTo(ApiClerk.Id));
    }

    [Test]
    public async Task A_page_session_signed_in_on_one_instance_opens_pages_and_posts_forms_on_the_other()
    {
        // One browser, one cookie jar, its requests spread over both instances by the load balancer.
        var jar = new System.Net.CookieContainer();
        HttpClient Browser(ApiFactory host)
        {
            var client = host.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(jar));
            client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
            return client;
        }
        var onA = Browser(Api);
        var onB = Browser(B);

        var signInForm = PageInputSweepTests.Forms(await onA.GetStringAsync("/account/sign-in")).Single(f => f.Fields.ContainsKey("Input.LoginName"));
        // The form (and its anti-forgery token) came from A; the post lands on B.
        var signedIn = await onB.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>(signInForm.Fields)
        {
            ["Input.LoginName"] = Clerk.Id, ["Input.Password"] = TestUser.InitialPassword,
        }));
        Assert.That(signedIn.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await signedIn.Content.ReadAsStringAsync());

        // The session cookie B sealed opens A's page; the password form from A is posted to B.
        var changePage = await onA.GetAsync("/account/change-password");
        Assert.That(changePage.StatusCode, Is.EqualTo(HttpStatusCode.OK), "A opens the session B sealed");
        var change = PageInputSweepTests.Forms(await changePage.Content.ReadAsStringAsync()).Single(f => f.Fields.ContainsKey("Input.NewPassword"));
        const string password = "Duoshili2026!";
        var changed = await onB.PostAsync("/account/change-password", new FormUrlEncodedContent(new Dictionary<string, string>(change.Fields)
        {
            ["Input.CurrentPassword"] = TestUser.InitialPassword, ["Input.NewPassword"] = password, ["Input.ConfirmPassword"] = password,
        }));
        Assert.That(changed.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await changed.Content.ReadAsStringAsync());

        // Signed in for good now: the clerk's queue opens on both.
        foreach (var browser in new[] { onA, onB })
        {
            var queue = await browser.GetAsync("/window/queue");
            Assert.That(queue.StatusCode, Is.EqualTo(HttpStatusCode.OK), queue.Headers.Location?.ToString());
        }
        // The keys that sealed it are the database's, not a server's folder.
        Assert.That(await Api.CountAsync("data_protection_keys"), Is.EqualTo(1), "one key ring for both instances");
    }

    [Test]
    public async Task A_photo_uploaded_on_one_instance_is_read_by_range_on_the_other_with_the_same_hash()
    {
        var inspection = await RecordInspection();
        var photo = Jpeg(3 * 1024 * 1024 + 17, seed: 1);
        var created = await (await Api.ZhangSanClient().PostAsync($"/api/inspections/{inspection}/evidence", Photo(photo, "门头.jpg")))
            .Expect(HttpStatusCode.Created);
        Assert.That(created.Str("sha256"), Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(photo))));

        var url = $"/api/inspections/{inspection}/evidence/{created.Str("id")}";
        var part = await EvidenceUploadTests.Ranged(B.ZhangSanClient(), url, "bytes=2097000-2098999"); // across the 2 MiB piece boundary
        Assert.Multiple(() =>
        {
            Assert.That(part.Status, Is.EqualTo(HttpStatusCode.PartialContent));
            Assert.That(part.ContentRange, Is.EqualTo($"bytes 2097000-2098999/{photo.Length}"));
            Assert.That(part.Body, Is.EqualTo(photo[2097000..2099000]));
        });
        // Checked in full once on B (above); from then on a range fetches only the pieces it covers: two here.
        var pieces = B.Services.GetRequiredService<IntactBlobs>();
        var before = pieces.PiecesRead;
        var again = await EvidenceUploadTests.Ranged(B.ZhangSanClient(), url, "bytes=2097000-2098999");
        Assert.That(again.Body, Is.EqualTo(photo[2097000..2099000]));
        Assert.That(pieces.PiecesRead - before, Is.EqualTo(2), "a range across one piece boundary reads two 1 MiB pieces of four");
        var whole = await B.ZhangSanClient().GetAsync(url);
        Assert.That(whole.Headers.ETag?.Tag, Is.EqualTo($"\"{created.Str("sha256")}\""));
        Assert.That(Convert.ToHexStringLower(SHA256.HashData(await whole.Content.ReadAsByteArrayAsync())), Is.EqualTo(created.Str("sha256")));
    }

    [Test]
    public async Task The_same_photo_sent_to_both_instances_at_once_is_stored_once()
    {
        var inspection = await RecordInspection();
        var photo = Jpeg(2 * 1024 * 1024 + 5, seed: 2);
        var sha = Convert.ToHexStringLower(SHA256.HashData(photo));
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            (i % 2 == 0 ? Api : B).ZhangSanClient().PostAsync($"/api/inspections/{inspection}/evidence", Photo(photo, $"同一照片-{i}.jpg"))));
        foreach (var answer in answers) Assert.That((await answer.Expect(HttpStatusCode.Created)).Str("sha256"), Is.EqualTo(sha));

        Assert.Multiple(async () =>
        {
            Assert.That(await Api.CountAsync($"inspection_evidence WHERE inspection_id = '{inspection}'"), Is.EqualTo(8), "every upload is its own evidence");
            Assert.That(await Api.StoredAsync(sha), Is.EqualTo((1, (long)photo.Length)), "the bytes are stored once");
            Assert.That(await Api.CountAsync("""
                evidence_blob_chunks c WHERE NOT EXISTS (SELECT 1 FROM evidence_blobs b WHERE b.blob_id = c.blob_id)
                AND NOT EXISTS (SELECT 1 FROM evidence_uploads u WHERE u.id = c.blob_id)
                """), Is.Zero, "no pieces left behind by the uploads that came second");
        });
    }

    [Test]
    public async Task A_chunked_upload_begun_on_one_instance_is_resumed_and_completed_on_the_other()
    {
        var inspection = await RecordInspection();
        var video = EvidenceUploadTests.WithHead(EvidenceUploadTests.Mp4Head, 5 * 1024 * 1024 + 333, seed: 3);
        var sha = Convert.ToHexStringLower(SHA256.HashData(video));
        var upload = await EvidenceUploadTests.Start(Api.ZhangSanClient(), inspection, video.Length, sha256: sha);
        var id = upload.Str("id");

        // A takes the first 2.5 MiB in two chunks (the second ends inside a piece) ...
        const int first = 1_500_000, second = 1_121_440;
        await (await EvidenceUploadTests.Chunk(Api.ZhangSanClient(), inspection, id, video, first, 0, video.Length)).Expect(HttpStatusCode.OK);
        await (await EvidenceUploadTests.Chunk(Api.ZhangSanClient(), inspection, id, video[first..], second, first, video.Length)).Expect(HttpStatusCode.OK);

        // ... the phone's next request reaches B, which knows where the upload stands and takes the rest.
        var state = await (await B.ZhangSanClient().GetAsync($"{EvidenceUploadTests.Uploads(inspection)}/{id}")).Expect(HttpStatusCode.OK);
        var resumeAt = state.GetProperty("receivedBytes").GetInt64();
        Assert.That(resumeAt, Is.EqualTo(first + second));
        var rest = video[(int)resumeAt..];
        var rebuilds = B.Services.GetRequiredService<UploadStaging>().Rebuilds;
        await (await EvidenceUploadTests.Chunk(B.ZhangSanClient(), inspection, id, rest, rest.Length, resumeAt, video.Length)).Expect(HttpStatusCode.OK);
        Assert.That(B.Services.GetRequiredService<UploadStaging>().Rebuilds, Is.EqualTo(rebuilds + 1), "B hashed A's bytes from the database once");
        var evidence = await (await EvidenceUploadTests.Complete(B.ZhangSanClient(), inspection, id)).Expect(HttpStatusCode.Created);
        Assert.That(evidence.Str("sha256"), Is.EqualTo(sha));

        // Played back on A by range: the bytes A received and the bytes B received.
        var url = $"/api/inspections/{inspection}/evidence/{evidence.Str("id")}";
        var across = await EvidenceUploadTests.Ranged(Api.ZhangSanClient(), url, $"bytes={resumeAt - 1000}-{resumeAt + 999}");
        Assert.That(across.Status, Is.EqualTo(HttpStatusCode.PartialContent));
        Assert.That(across.Body, Is.EqualTo(video[(int)(resumeAt - 1000)..(int)(resumeAt + 1000)]));
        Assert.That(await Api.StoredAsync(sha), Is.EqualTo((1, (long)video.Length)));
    }

    [Test]
    public async Task A_stale_update_through_one_instance_after_an_update_through_the_other_is_a_409()
    {
        var venue = Ledger.Venue("多实例并发书店");
        var created = await (await Api.Client("officer").PostJson("/api/venues", venue)).Expect(HttpStatusCode.Created);
        var id = created.Str("id");
        var version = created.GetProperty("version").GetInt64();
        await (await Api.Client("officer").PutJson($"/api/venues/{id}", new Dictionary<string, object?>(venue) { ["name"] = "多实例并发书店（A 改）", ["version"] = version }))
            .Expect(HttpStatusCode.OK);
        var stale = await (await B.Client("officer").PutJson($"/api/venues/{id}", new Dictionary<string, object?>(venue) { ["name"] = "多实例并发书店（B 改）", ["version"] = version }))
            .Expect(HttpStatusCode.Conflict);
        Assert.That(stale.GetProperty("currentVersion").GetInt64(), Is.EqualTo(version + 1));
        Assert.That(stale.Str("detail"), Does.Contain("已被他人修改"));
        var now = await (await B.Client("officer").GetAsync($"/api/venues/{id}")).Expect(HttpStatusCode.OK);
        Assert.That(now.Str("name"), Is.EqualTo("多实例并发书店（A 改）"));
    }

    [Test]
    public async Task An_idempotency_key_used_on_one_instance_replays_on_the_other()
    {
        var key = Guid.NewGuid().ToString();
        var body = Ledger.Venue("多实例幂等书店");
        HttpRequestMessage Post() => new(HttpMethod.Post, "/api/venues") { Content = JsonContent.Create(body), Headers = { { "Idempotency-Key", key } } };
        var officer = Api.Token("officer");
        HttpClient On(ApiFactory host)
        {
            var client = host.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", officer);
            return client;
        }
        var first = await On(Api).SendAsync(Post());
        var created = await first.Expect(HttpStatusCode.Created);
        var venues = await Api.CountAsync("venues");
        var again = await On(B).SendAsync(Post());
        var replayed = await again.Expect(HttpStatusCode.Created);
        Assert.Multiple(async () =>
        {
            Assert.That(replayed.Str("id"), Is.EqualTo(created.Str("id")));
            Assert.That(again.Headers.GetValues("Idempotent-Replayed"), Is.EqualTo(new[] { "true" }));
            Assert.That(again.Headers.Location, Is.EqualTo(first.Headers.Location));
            Assert.That(await Api.CountAsync("venues"), Is.EqualTo(venues), "nothing created twice");
        });
    }

    [Test]
    public async Task Both_instances_run_hangfire_and_a_recurring_scan_runs_once_per_occurrence()
    {
        var servers = Api.Services.GetRequiredService<JobStorage>().GetMonitoringApi().Servers();
        Assert.That(servers, Has.Count.EqualTo(2), "A and B each run a Hangfire server on the shared storage");

        // The scan is due every minute; both schedulers see each occurrence, and one of them enqueues it.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        IReadOnlyList<DateTimeOffset> scans = [];
        while (waited.Elapsed < TimeSpan.FromSeconds(150) && scans.Count == 0)
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            scans = await ScansAsync();
        }
        Assert.That(scans, Is.Not.Empty, "no deadline scan ran within 150 s");
        // Long enough for the other server's scheduler (it polls every 15 s) to have enqueued the same occurrence too.
        await Task.Delay(TimeSpan.FromSeconds(25));
        scans = await ScansAsync();
        var perMinute = scans.GroupBy(s => new DateTimeOffset(s.UtcDateTime.Ticks - s.UtcDateTime.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero))
            .ToDictionary(g => g.Key, g => g.Count());
        TestContext.Out.WriteLine($"[{Provider}] deadline scans per minute across two instances: " +
                                  string.Join(", ", perMinute.Select(p => $"{p.Key:HH:mm} × {p.Value}")));
        Assert.That(perMinute.Values, Is.All.EqualTo(1), "each occurrence ran once, not once per instance");
    }

    private async Task<IReadOnlyList<DateTimeOffset>> ScansAsync()
    {
        await using var db = new DbSession(new DbConnectionFactory(Api.Database));
        return await db.QueryAsync<DateTimeOffset>(new Sql("SELECT started_at FROM deadline_scans ORDER BY started_at"), null, CancellationToken.None);
    }
}
