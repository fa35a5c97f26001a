using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Inspections.Api.Infrastructure;
using Inspections.Api.Tests.Infrastructure;
using Inspections.Core.Data;
using Npgsql;

namespace Inspections.Api.Tests.Faults;

/// <summary>
/// PostgreSQL goes away under load (a relay between host and server is cut, then restored): while
/// it is gone every answer is a fast 503 with Retry-After, never a 500, and afterwards every
/// acknowledged write is there with exactly one audit row.
/// </summary>
public sealed class PostgresOutageTests
{
    private TestDatabase? _database;
    private TcpProxy? _proxy;
    private ApiFactory? _api;
    private DatabaseOptions _viaProxy = new();

    [OneTimeSetUp]
    public async Task Start()
    {
        _database = await TestDatabase.CreateAsync("postgres");
        var server = new NpgsqlConnectionStringBuilder(_database.Options.ConnectionString);
        _proxy = new TcpProxy(server.Host!, server.Port);
        _viaProxy = new DatabaseOptions
        {
            Provider = "postgres",
            ConnectionString = new NpgsqlConnectionStringBuilder(_database.Options.ConnectionString) { Host = "127.0.0.1", Port = _proxy.Port }.ToString(),
        };
        _api = new ApiFactory(_viaProxy);
        _ = _api.Server;
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_api is not null) await _api.DisposeAsync();
        if (_proxy is not null) await _proxy.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }

    [Test]
    public async Task Cut_under_load_answers_503_with_retry_after_and_loses_no_acknowledged_write()
    {
        var api = _api!;
        var proxy = _proxy!;
        var ledger = new Ledger();
        var clients = Enumerable.Range(0, 4).Select(_ => api.Client("officer")).ToArray();
        var english = api.Client("officer", language: "en");
        var run = Stopwatch.StartNew();
        var loadFor = TimeSpan.FromSeconds(10);
        var workers = clients.Select((client, w) => Task.Run(async () =>
        {
            for (var i = 0; run.Elapsed < loadFor && i < 2000; i++)
                await ledger.PostVenueAsync(client, w, $"断线书店-{w}-{i}");
        })).ToArray();

        await Task.Delay(TimeSpan.FromSeconds(3));
        proxy.Cut();
        var cutAt = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(1));
        var ready = await api.Client(null).GetAsync("/health/ready");
        var englishAnswer = await english.PostAsync("/api/venues", JsonContent.Create(Ledger.Venue("断线书店-en")));
        var chinese = await (await clients[0].PostAsync("/api/venues", JsonContent.Create(Ledger.Venue("断线书店-zh")))).Json();
        await Task.Delay(TimeSpan.FromSeconds(2));
        var restoredAt = DateTimeOffset.UtcNow;
        proxy.Restore();
        await Task.WhenAll(workers);

        var answers = ledger.All;
        var whileCut = answers.Where(a => a.Sent > cutAt.AddMilliseconds(200) && a.Received < restoredAt).ToList();
        var unavailable = answers.Where(a => a.Status == HttpStatusCode.ServiceUnavailable).ToList();
        var afterRestore = answers.Where(a => a.Sent > restoredAt).ToList();
        TestContext.Out.WriteLine($"{answers.Count} answers: {string.Join(", ", answers.GroupBy(a => a.Status).Select(g => $"{g.Key}={g.Count()}"))}; " +
            $"{whileCut.Count} while cut; slowest 503 {unavailable.Select(a => a.Took.TotalMilliseconds).DefaultIfEmpty().Max():0} ms; " +
            $"{afterRestore.Count(a => a.Status == HttpStatusCode.Created)} created after restore");
        foreach (var slow in answers.Where(a => a.Took > TimeSpan.FromSeconds(1)))
            TestContext.Out.WriteLine($"slow: worker {slow.Worker} sent {(slow.Sent - cutAt).TotalMilliseconds:0} ms after the cut, took {slow.Took.TotalMilliseconds:0} ms: {slow.Status} {slow.Error}");

        var englishProblem = await englishAnswer.Json();
        Assert.Multiple(() =>
        {
            Assert.That(answers.Where(a => a.Status is not (HttpStatusCode.Created or HttpStatusCode.ServiceUnavailable)).Select(a => $"{a.Status} {a.Error}"),
                Is.Empty, "only 201 or 503, never a 500 or a dropped request");
            Assert.That(whileCut, Is.Not.Empty.And.All.Matches<Answer>(a => a.Status == HttpStatusCode.ServiceUnavailable));
            Assert.That(unavailable.Select(a => a.RetryAfter), Is.All.EqualTo(ProblemMapping.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            // Npgsql's default 15 s connect timeout would pile requests up; the first answers on a cold, busy machine may take a few seconds.
            Assert.That(unavailable.Select(a => a.Took), Is.All.LessThan(TimeSpan.FromSeconds(5)), "503s are answered fast, not after long connect timeouts");
            Assert.That(unavailable.Count(a => a.Took < TimeSpan.FromSeconds(1)), Is.GreaterThanOrEqualTo(unavailable.Count * 9 / 10), "most 503s within a second");
            Assert.That(afterRestore.Count(a => a.Status == HttpStatusCode.Created), Is.GreaterThan(0), "writes resume after the database is back");

            Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(ready.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(ProblemMapping.RetryAfterSeconds)));
            Assert.That(englishAnswer.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(englishAnswer.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(englishProblem.Str("title"), Is.EqualTo("Service unavailable"));
            Assert.That(chinese.Str("title"), Is.EqualTo("服务暂时不可用"));
            Assert.That(chinese.Str("detail"), Does.Contain("秒后重试"));
        });
        Assert.That((await api.Client(null).GetAsync("/health/ready")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await ledger.AssertDurableAsync(_database!.Options);
    }

    [Test]
    public async Task A_rollback_on_a_dropped_connection_leaves_the_real_error_standing()
    {
        var session = new DbSession(new DbConnectionFactory(_viaProxy));
        await using (session)
        {
            await session.BeginAsync(CancellationToken.None);
            await session.ExecuteScalarAsync<int>(new Sql("SELECT 1"), null, CancellationToken.None);
            _proxy!.Cut();
            try
            {
                var failure = Assert.CatchAsync(() => session.ExecuteScalarAsync<int>(new Sql("SELECT 2"), null, CancellationToken.None));
                Assert.That(ProblemMapping.IsUnavailable(failure!), Is.True, failure!.ToString());
                Assert.DoesNotThrowAsync(session.RollbackAsync, "the rollback must not replace the error that broke the connection");
                Assert.That(session.Transaction, Is.Null);
            }
            finally { _proxy.Restore(); }
        }
    }
}

/// <summary>What counts as "the database cannot be reached", recognised from real driver errors.</summary>
public sealed class UnavailableRecognitionTests
{
    [Test]
    public async Task A_refused_postgres_connection_and_an_unopenable_sqlite_file_are_unavailable_not_bugs()
    {
        using var closed = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop(); // nothing listens there now: connection refused

        var refused = Assert.CatchAsync(() => new DbConnectionFactory(new DatabaseOptions
        {
            Provider = "postgres", ConnectionString = $"Host=127.0.0.1;Port={port};Username=x;Password=x;Database=x",
        }).OpenAsync());
        var missing = Path.Combine(Path.GetTempPath(), "inspections-tests", Guid.NewGuid().ToString("N"), "no-such.db");
        var cannotOpen = Assert.CatchAsync(() => new DbConnectionFactory(new DatabaseOptions
        {
            Provider = "sqlite", ConnectionString = $"Data Source={missing};Mode=ReadOnly",
        }).OpenAsync());

        Assert.That(ProblemMapping.IsUnavailable(refused!), Is.True, refused!.ToString());
        Assert.That(ProblemMapping.IsUnavailable(cannotOpen!), Is.True, cannotOpen!.ToString());
        Assert.That(ProblemMapping.IsUnavailable(new InvalidOperationException("bug")), Is.False);
        Assert.That(ProblemMapping.IsUnavailable(new Microsoft.Data.Sqlite.SqliteException("no such table", 1)), Is.False);
        await Task.CompletedTask;
    }
}

/// <summary>
/// The real API as a child process on SQLite, killed with SIGKILL in the middle of a load and
/// restarted on the same file: every acknowledged write is there, each with one audit row.
/// </summary>
public sealed class SqliteKillTests
{
    [Test]
    public async Task Kill_9_mid_load_loses_no_acknowledged_write()
    {
        var dir = Path.Combine(Path.GetTempPath(), "inspections-tests", "kill-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var database = new DatabaseOptions { Provider = "sqlite", ConnectionString = $"Data Source={Path.Combine(dir, "kill.db")}" };
        var port = FreePort();
        var ledger = new Ledger();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token());

            var first = StartApi(dir, database, port);
            try
            {
                await WaitReadyAsync(http, first);
                var stop = new CancellationTokenSource();
                var workers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
                {
                    for (var i = 0; !stop.IsCancellationRequested && i < 500; i++)
                        await ledger.PostVenueAsync(http, w, $"断电书店-{w}-{i}");
                })).ToArray();
                var loading = Stopwatch.StartNew();
                while (ledger.Acknowledged.Count < 40 && loading.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(20);
                first.Kill(entireProcessTree: true); // SIGKILL: no shutdown, no flush
                await first.WaitForExitAsync();
                await stop.CancelAsync();
                await Task.WhenAll(workers);
            }
            finally { Stop(first); }

            Assert.That(ledger.Acknowledged, Has.Count.GreaterThanOrEqualTo(40), "the load ran before the kill");
            Assert.That(ledger.Answers.Count(a => a.Status is null), Is.GreaterThan(0), "the kill happened mid-load (some requests got no answer)");

            var second = StartApi(dir, database, port);
            try
            {
                await WaitReadyAsync(http, second);
                foreach (var id in ledger.Acknowledged.Take(10))
                    Assert.That((await http.GetAsync($"/api/venues/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.OK), id);
                await ledger.PostVenueAsync(http, 9, "断电后书店");
                Assert.That(ledger.All[^1].Status, Is.EqualTo(HttpStatusCode.Created), ledger.All[^1].Error);
            }
            finally { Stop(second); }

            TestContext.Out.WriteLine($"{ledger.Acknowledged.Count} acknowledged, {ledger.Answers.Count(a => a.Status is null)} unanswered at the kill");
            await ledger.AssertDurableAsync(database);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    private static string Token() =>
        new Inspections.Api.Auth.TokenIssuer(new Inspections.Api.Auth.AuthOptions { SigningKey = ApiFactory.SigningKey }, TimeProvider.System)
            .Mint("kill-officer", "断电测试员", "officer", "510115");

    private static int FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static Process StartApi(string dir, DatabaseOptions database, int port)
    {
        var bin = AppContext.BaseDirectory;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = bin,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(bin, "Inspections.Api.dll"));
        start.ArgumentList.Add($"--urls=http://127.0.0.1:{port}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Database__Provider"] = "sqlite";
        start.Environment["Database__ConnectionString"] = database.ConnectionString;
        start.Environment["Auth__SigningKey"] = ApiFactory.SigningKey;
        start.Environment["Hangfire__Server"] = "false";
        start.Environment["Evidence__Root"] = Path.Combine(dir, "evidence");
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line) TestContext.Progress.WriteLine("[api] " + line); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) TestContext.Progress.WriteLine("[api!] " + line); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitReadyAsync(HttpClient http, Process api)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (api.HasExited) Assert.Fail($"the API exited with {api.ExitCode} before it was ready");
            try
            {
                if ((await http.GetAsync("/health")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(200);
        }
        Assert.Fail("the API did not become ready in 90 s");
    }

    private static void Stop(Process api)
    {
        try { if (!api.HasExited) api.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        api.WaitForExit(10_000);
        api.Dispose();
    }
}
