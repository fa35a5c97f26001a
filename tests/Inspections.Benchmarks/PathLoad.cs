extern alias api;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using api::Inspections.Api.Auth;
using Dapper;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Venues;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Inspections.Benchmarks;

/// <summary>
/// The request path against raw Dapper: our host (Kestrel on a loopback port, Production, Hangfire server off, logging at
/// Warning) beside a second Kestrel app whose endpoints run the very same SQL text with Dapper over the same provider and
/// connection string, with no authentication, no mediator, no behaviours. 32 keep-alive HTTP/1.1 connections drive one
/// side at a time; in each round of a fixed number of seconds per side the sides take turns in slices of about a second
/// (ours, raw, raw, ours, …), for each operation: a venue by id, a venue search, and a venue update (PUT: the load, UPDATE, audit INSERT and reload
/// in one transaction, as UpdateVenue runs them). Our requests carry the bearer token a real client gets by signing in
/// as a users-table officer (initial password changed), so every check a real request passes through runs. The raw side
/// gets the very same requests, the token included, and reads nothing from it: the load generator, which shares the two
/// cores with both servers, then does the same work for either side (formatting, writing and sending a 450-character header
/// for one side only was its work, not our host's, and counted against ours), and each server receives the same bytes.
/// The Authorization header is formatted once, as a client keeping its header sends it (formatting it from a header
/// object for each request cost the load generator, not our host, about 0.7 KB per request).
/// Prints requests/s, p50/p99, the bytes the process allocated per request (counted in each side's last warm-up turn from the
/// runtime's allocation events: under server GC the heaps come and go, and the runtime's running total of allocated bytes can
/// fall when one goes) and our/raw ratio per operation and database;
/// any non-2xx answer is counted and fails the run.
/// </summary>
internal static class PathLoad
{
    private const string SigningKey = "benchmark-signing-key-that-is-long-enough-0123456789";
    private const int Connections = 32;
    private const int VenueCount = 2_000;
    private const string District = "510115";
    private const string Login = "bench-officer";
    private const string InitialPassword = "Chushi2026";
    private const string Password = "Xinmima2027";
    private static readonly string[] SearchTerms = ["星", "网吧", "书店0", "电玩001", "川文 51011500001", "光华大道"];

    private enum Op { ById, Search, Update }

    /// <param name="Writing">The venue each writer updates, as it last read it (kept from run to run).</param>
    /// <param name="Authorization">The Authorization header's value, formatted once (as a client keeping its header would send it): the same
    /// sign-in token for both sides.</param>
    private sealed record Side(string Name, string BaseUrl, string Prefix, string Authorization, VenueDto[] Writing);

    /// <param name="Started">The turn's start on the monotonic clock (Stopwatch ticks; CLOCK_MONOTONIC ns on Linux).</param>
    /// <param name="Ended">Its end, likewise.</param>
    private sealed record Sample(long Requests, double Seconds, long[] Latencies, long NonSuccess, string FirstFailure,
        long Started = 0, long Ended = 0);

    /// <param name="OursBytes">Bytes the whole process allocated per request while our side ran its last warm-up turn (the load generator's share is the same for both sides).</param>
    /// <param name="Pairs">Each slice's ratio: our turn's requests/s over the raw side's turn beside it.</param>
    private sealed record Result(string Db, Op Op, List<Sample> Ours, List<Sample> Raw, double OursBytes, double RawBytes, List<double> Pairs);

    private static readonly string? SlicesFile = Environment.GetEnvironmentVariable("INSPECTIONS_BENCH_SLICES") is { Length: > 0 } f ? f : null;

    /// <summary>
    /// Our host ships with server GC (the Web SDK's default: Inspections.Api.runtimeconfig.json sets System.GC.Server), as
    /// would any ASP.NET Core app standing for the raw side; this process runs workstation GC, which the other benchmarks'
    /// working-set figures were measured under. So the path benchmark runs itself again, the same command, under server GC
    /// (DOTNET_gcServer=1), and answers with that run's exit code; null when this process already runs server GC, or when
    /// INSPECTIONS_BENCH_WORKSTATION_GC=1 asks for the workstation GC.
    /// </summary>
    public static int? UnderServerGc(string[] args)
    {
        if (System.Runtime.GCSettings.IsServerGC || Environment.GetEnvironmentVariable("INSPECTIONS_BENCH_WORKSTATION_GC") == "1") return null;
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("The process has no path to start again.");
        var start = new ProcessStartInfo(host) { UseShellExecute = false };
        // Started through the dotnet host (dotnet run, dotnet X.dll): the assembly comes first.
        if (Path.GetFileNameWithoutExtension(host) == "dotnet") start.ArgumentList.Add(typeof(PathLoad).Assembly.Location);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["DOTNET_gcServer"] = "1";
        using var run = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {host} again.");
        run.WaitForExit();
        return run.ExitCode;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 10;
        var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        var which = args.Length > 2 ? args[2] : "both";
        var server = Environment.GetEnvironmentVariable("INSPECTIONS_BENCH_POSTGRES");
        string[] providers = which switch
        {
            "sqlite" => ["sqlite"],
            "postgres" => ["postgres"],
            _ => server is null ? ["sqlite"] : ["sqlite", "postgres"],
        };
        if (providers.Contains("postgres") && server is null)
        {
            Console.Error.WriteLine("set INSPECTIONS_BENCH_POSTGRES to a connection string whose user may create databases");
            return 2;
        }
        if (server is null) Console.WriteLine("INSPECTIONS_BENCH_POSTGRES is not set: SQLite only");
        // INSPECTIONS_BENCH_SLICES=<file>: each recorded turn's side, its start and end on the monotonic clock and its request
        // count, one line each (warm-ups and allocation listings left out), to split a profile recorded over the run
        // (perf record -k CLOCK_MONOTONIC) between the sides. Begun afresh by each run: an earlier run's turns are not in it.
        if (SlicesFile is not null) await File.WriteAllTextAsync(SlicesFile, "");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Connections} connections, {seconds:N0} s per side per round, {rounds} rounds, {VenueCount:N0} venues, {Environment.ProcessorCount} cores, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC"));

        var results = new List<Result>();
        foreach (var provider in providers) results.AddRange(await RunOnAsync(provider, server, seconds, rounds));

        Console.WriteLine();
        Console.WriteLine("| database | operation | ours req/s | raw Dapper req/s | ratio | 95 % interval | target | per round | ours p50 / p99 | raw p50 / p99 | bytes allocated per request ours / raw | non-2xx ours / raw |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        var failed = false;
        foreach (var (db, op, ours, raw, oursBytes, rawBytes, pairs) in results)
        {
            var ratio = Rate(ours) / Rate(raw);
            var target = op == Op.Update ? 0.8 : 0.9;
            var perRound = string.Join(", ", ours.Zip(raw, (o, r) => (o.Requests / o.Seconds / (r.Requests / r.Seconds)).ToString("0.00", CultureInfo.InvariantCulture)));
            long oursBad = ours.Sum(s => s.NonSuccess), rawBad = raw.Sum(s => s.NonSuccess);
            failed |= oursBad + rawBad > 0;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {db} | {Name(op)} | {Rate(ours):N0} | {Rate(raw):N0} | {ratio:0.00}× | {Interval(ratio, pairs)} | ≥ {target:0.0}× {(ratio >= target ? "met" : "NOT met")} | {perRound} | {Percentiles(ours)} | {Percentiles(raw)} | {oursBytes:N0} / {rawBytes:N0} | {oursBad} / {rawBad} |"));
        }
        foreach (var (db, op, ours, raw, _, _, _) in results)
            foreach (var s in ours.Concat(raw).Where(s => s.NonSuccess > 0).Take(1))
                Console.WriteLine($"{db} {Name(op)}: first failure: {s.FirstFailure}");
        return failed ? 1 : 0;
    }

    /// <summary>
    /// How far the ratio could be from the sides' true ratio on this machine, by the spread of the slices' own ratios: the
    /// ratio ± 1.96 × their standard deviation / √(slice pairs). The machine's speed moves from one second to the next, so
    /// a run's ratio is only as good as this; a target is shown met by the ratio, and the interval tells whether another
    /// run could read otherwise.
    /// </summary>
    private static string Interval(double ratio, List<double> pairs)
    {
        if (pairs.Count < 2) return "-";
        var mean = pairs.Average();
        var sd = Math.Sqrt(pairs.Sum(p => (p - mean) * (p - mean)) / (pairs.Count - 1));
        var half = 1.96 * sd / Math.Sqrt(pairs.Count);
        return string.Create(CultureInfo.InvariantCulture, $"{ratio - half:0.00}–{ratio + half:0.00} ({pairs.Count} pairs)");
    }

    private static string Name(Op op) => op switch
    {
        Op.ById => "venue by id (GET)",
        Op.Search => "venue search (GET ?search=)",
        _ => "venue update (PUT)",
    };

    /// <summary>How long one side drives before the other takes its turn, within a round.</summary>
    private const double SliceSeconds = 1.0;

    private static Sample Combine(List<Sample> slices) => new(slices.Sum(s => s.Requests), slices.Sum(s => s.Seconds),
        slices.SelectMany(s => s.Latencies).ToArray(), slices.Sum(s => s.NonSuccess),
        slices.Select(s => s.FirstFailure).FirstOrDefault(f => f.Length > 0) ?? "");

    private static double Rate(List<Sample> samples) => samples.Sum(s => s.Requests) / samples.Sum(s => s.Seconds);

    private static string Percentiles(List<Sample> samples)
    {
        var all = samples.SelectMany(s => s.Latencies).Order().ToArray();
        if (all.Length == 0) return "-";
        double Ms(double q) => all[Math.Min(all.Length - 1, (int)(q * all.Length))] * 1000.0 / Stopwatch.Frequency;
        return string.Create(CultureInfo.InvariantCulture, $"{Ms(0.5):0.0} / {Ms(0.99):0.0} ms");
    }

    private static async Task<List<Result>> RunOnAsync(string provider, string? server, double seconds, int rounds)
    {
        var folder = Path.Combine(Path.GetTempPath(), "inspections-path-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var name = "inspections_path_" + Guid.NewGuid().ToString("N")[..12];
        var connectionString = provider == "postgres"
            ? new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString()
            : $"Data Source={Path.Combine(folder, "path.db")}";
        if (provider == "postgres") await RegisterLoad.AdminAsync(server!, $"CREATE DATABASE {name}");
        var label = provider == "postgres" ? "PostgreSQL" : "SQLite";
        try
        {
            Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_INSPECTIONS_API",
                Path.Combine(RegisterLoad.SolutionFolder(), "src", "Inspections.Api"));
            await using var host = new WebApplicationFactory<api::Program>().WithWebHostBuilder(b =>
            {
                b.UseEnvironment("Production");
                b.UseSetting("Database:Provider", provider);
                b.UseSetting("Database:ConnectionString", connectionString);
                b.UseSetting("Auth:SigningKey", SigningKey);
                b.UseSetting("Hangfire:Server", "false");
                b.UseSetting("Logging:LogLevel:Default", "Warning");
                b.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Warning");
                b.UseSetting("Evidence:Root", Path.Combine(folder, "evidence"));
                b.UseSetting("urls", "http://127.0.0.1:0");
                b.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
            });
            host.UseKestrel(0);
            host.StartServer();
            var ourUrl = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
                .Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal);

            var options = new DatabaseOptions { Provider = provider, ConnectionString = connectionString };
            await RegisterLoad.LoadVenuesAsync(options, VenueCount);
            var venues = await ReadVenuesAsync(options);

            using var client = new HttpClient(new SocketsHttpHandler
            {
                MaxConnectionsPerServer = Connections,
                PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
                UseCookies = false,
                AutomaticDecompression = DecompressionMethods.None,
            }) { Timeout = TimeSpan.FromSeconds(60) };
            var token = await SignInAsync(client, ourUrl, host.Services.GetRequiredService<TokenIssuer>());

            await using var raw = await RawApp.StartAsync(options);
            var ours = new Side("ours", ourUrl, "/api/venues", "Bearer " + token, venues.Take(Connections).ToArray());
            var baseline = new Side("raw", raw.Url, "/raw/venues", ours.Authorization, venues.Skip(Connections).Take(Connections).ToArray());
            var readIds = venues.Select(v => v.Id).ToArray();
            Console.WriteLine($"{label}: our host {ourUrl}, raw endpoints {raw.Url}; signed in as {Login}");

            var results = new List<Result>();
            // INSPECTIONS_BENCH_OPS (e.g. "ById" or "ById,Update") runs some operations only, e.g. to profile one.
            var only = Environment.GetEnvironmentVariable("INSPECTIONS_BENCH_OPS")?.Split(',').Select(Enum.Parse<Op>).ToArray();
            foreach (var op in only ?? [Op.ById, Op.Search, Op.Update])
            {
                // Warm-up of both sides (JIT and its tiers, pools, statements), unrecorded, each side twice as long as a round:
                // our pipeline has far more code to reach its optimised tier, and with both cores serving requests the JIT's
                // background compiles wait. (With 3 s per side the first recorded round of ours still ran partly unoptimised
                // code: it read 0.45–0.50× where the later rounds read 0.7–0.8×.)
                // The second warm-up turn of each side also counts what the process allocates per request (not the recorded
                // turns: the events cost a little).
                var perRequest = new Dictionary<Side, double>();
                foreach (var (side, counted) in new[] { (ours, false), (baseline, false), (ours, true), (baseline, true) })
                {
                    using var listener = counted ? new AllocationSamples() : null;
                    var turn = await DriveAsync(client, side, op, readIds, seconds);
                    listener?.Dispose();
                    if (listener is not null) perRequest[side] = listener.Total / (double)Math.Max(1, turn.Requests);
                }
                List<Sample> o = [], r = [];
                List<double> pairs = [];
                // Within a round the sides take turns in slices of about a second (ours, raw, raw, ours, …), so the machine's
                // own drift, which moved the raw side between 6,300 and 9,800 requests/s from one 10 s turn to the next, falls
                // on both sides alike instead of on whichever side held the turn.
                var slices = Math.Max(1, (int)Math.Round(seconds / SliceSeconds));
                for (var round = 0; round < rounds; round++)
                {
                    List<Sample> oursSlices = [], rawSlices = [];
                    for (var slice = 0; slice < slices; slice++)
                    {
                        var order = (round + slice) % 2 == 0 ? new[] { ours, baseline } : [baseline, ours];
                        foreach (var side in order)
                        {
                            var turn = await DriveAsync(client, side, op, readIds, seconds / slices);
                            (side == ours ? oursSlices : rawSlices).Add(turn);
                            if (SlicesFile is not null)
                                await File.AppendAllTextAsync(SlicesFile, string.Create(CultureInfo.InvariantCulture,
                                    $"{side.Name} {turn.Started} {turn.Ended} {turn.Requests}\n"));
                        }
                        pairs.Add(oursSlices[^1].Requests / oursSlices[^1].Seconds / (rawSlices[^1].Requests / rawSlices[^1].Seconds));
                    }
                    foreach (var (side, sample) in new[] { (ours, Combine(oursSlices)), (baseline, Combine(rawSlices)) })
                    {
                        (side == ours ? o : r).Add(sample);
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"  {label} {Name(op)} round {round + 1} {side.Name}: {sample.Requests / sample.Seconds:N0} req/s, non-2xx {sample.NonSuccess}"));
                    }
                }
                results.Add(new Result(label, op, o, r, perRequest[ours], perRequest[baseline], pairs));
                // INSPECTIONS_BENCH_ALLOCATIONS=1: one more unrecorded run of each side, listing what the process allocated by type
                // (the runtime's allocation samples, one per ~100 KB), to tell where a side's extra bytes per request come from.
                if (Environment.GetEnvironmentVariable("INSPECTIONS_BENCH_ALLOCATIONS") is "1")
                    foreach (var side in new[] { ours, baseline })
                    {
                        using var listener = new AllocationSamples();
                        var sample = await DriveAsync(client, side, op, readIds, seconds);
                        listener.Dispose();
                        Console.WriteLine($"  {label} {Name(op)} {side.Name}: bytes allocated per request by type (sampled)");
                        foreach (var (type, bytes) in listener.ByType.OrderByDescending(kv => kv.Value).Take(40))
                            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                                $"    {bytes / (double)Math.Max(1, sample.Requests),7:N0}  {type}"));
                    }
            }
            return results;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            SqliteConnection.ClearAllPools();
            if (provider == "postgres") await RegisterLoad.AdminAsync(server!, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<List<VenueDto>> ReadVenuesAsync(DatabaseOptions options)
    {
        await using var db = new DbSession(new DbConnectionFactory(options));
        return (await db.QueryAsync<VenueDto>(new Sql($"SELECT {VenueDto.Columns} FROM venues ORDER BY id"), null, CancellationToken.None)).ToList();
    }

    /// <summary>
    /// What a real client does: an administrator adds the officer (a development admin token; the admin is not in the
    /// users table), the officer signs in, changes the initial password and signs in again. The token carries the users-table version.
    /// </summary>
    private static async Task<string> SignInAsync(HttpClient client, string url, TokenIssuer issuer)
    {
        var admin = issuer.Mint("bench-admin", "管理员", "admin", District);
        await SendAsync(client, HttpMethod.Post, url + "/api/users", admin, new
        {
            id = Login, displayName = "测试科员", roles = new[] { "officer" }, jurisdiction = District, credentialNumber = "51011509901",
            initialPassword = InitialPassword,
        });
        var first = await SendAsync(client, HttpMethod.Post, url + "/api/account/sign-in", null, new { loginName = Login, password = InitialPassword });
        await SendAsync(client, HttpMethod.Post, url + "/api/account/password", first.GetProperty("token").GetString(),
            new { currentPassword = InitialPassword, newPassword = Password });
        var ready = await SendAsync(client, HttpMethod.Post, url + "/api/account/sign-in", null, new { loginName = Login, password = Password });
        return ready.GetProperty("token").GetString()!;
    }

    private static async Task<JsonElement> SendAsync(HttpClient client, HttpMethod method, string url, string? token, object body)
    {
        using var request = new HttpRequestMessage(method, url) { Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json") };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{method} {url}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>One side, one operation, 32 workers for <paramref name="seconds"/>: every answer's latency and every non-2xx.</summary>
    private static async Task<Sample> DriveAsync(HttpClient client, Side side, Op op, Guid[] readIds, double seconds)
    {
        var end = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, Connections).Select(w => Task.Run(async () =>
        {
            var latencies = new List<long>(4096);
            long bad = 0;
            var failure = "";
            var random = new Random(w * 7919 + (int)op);
            // Each writer updates its own venue, sending the version it last read.
            var current = op == Op.Update ? side.Writing[w] : null;
            for (var n = 0; Stopwatch.GetTimestamp() < end; n++)
            {
                using var request = op switch
                {
                    Op.ById => new HttpRequestMessage(HttpMethod.Get, $"{side.BaseUrl}{side.Prefix}/{readIds[random.Next(readIds.Length)]}"),
                    Op.Search => new HttpRequestMessage(HttpMethod.Get,
                        $"{side.BaseUrl}{side.Prefix}?search={Uri.EscapeDataString(SearchTerms[(n + w) % SearchTerms.Length])}"),
                    _ => new HttpRequestMessage(HttpMethod.Put, $"{side.BaseUrl}{side.Prefix}/{current!.Id}")
                    {
                        Content = new StringContent(JsonSerializer.Serialize(UpdateBody(current, n), Web), Encoding.UTF8, "application/json"),
                    },
                };
                request.Headers.TryAddWithoutValidation("Authorization", side.Authorization);
                var t0 = Stopwatch.GetTimestamp();
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                var body = await response.Content.ReadAsByteArrayAsync();
                latencies.Add(Stopwatch.GetTimestamp() - t0);
                if (!response.IsSuccessStatusCode)
                {
                    if (bad++ == 0) failure = $"{(int)response.StatusCode} {Encoding.UTF8.GetString(body)}";
                    if (op == Op.Update) current = current! with { Version = await CurrentVersionAsync(client, side, current.Id) };
                    continue;
                }
                if (op == Op.Update) current = JsonSerializer.Deserialize<VenueDto>(body, Web);
            }
            if (current is not null) side.Writing[w] = current;
            return (latencies, bad, failure);
        })).ToList();
        var done = await Task.WhenAll(workers);
        var ended = Stopwatch.GetTimestamp();
        var elapsed = Stopwatch.GetElapsedTime(started, ended).TotalSeconds;
        var requests = done.Sum(d => (long)d.latencies.Count);
        return new Sample(requests, elapsed, done.SelectMany(d => d.latencies).ToArray(),
            done.Sum(d => d.bad), done.Select(d => d.failure).FirstOrDefault(f => f.Length > 0) ?? "", started, ended);
    }

    private static async Task<long> CurrentVersionAsync(HttpClient client, Side side, Guid id)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{side.BaseUrl}{side.Prefix}/{id}");
        request.Headers.TryAddWithoutValidation("Authorization", side.Authorization);
        using var response = await client.SendAsync(request);
        return JsonSerializer.Deserialize<VenueDto>(await response.Content.ReadAsByteArrayAsync(), Web)!.Version;
    }

    /// <summary>The venue's facts as read, with an operator name that changes each time, and the version read.</summary>
    private static object UpdateBody(VenueDto v, int n) => new
    {
        name = v.Name, address = v.Address, type = v.Type, operatorName = "经营者" + n % 100, legalRepresentative = v.LegalRepresentative,
        unifiedSocialCreditCode = v.UnifiedSocialCreditCode, licenseNumber = v.LicenseNumber, licenseValidUntil = v.LicenseValidUntil,
        licenseStatus = v.LicenseStatus, terminals = v.Terminals, rooms = v.Rooms, version = v.Version,
    };

    /// <summary>
    /// The raw endpoints: the statements our venue slices run (<see cref="VenueRow.SelectById"/>, <see cref="SearchVenues.For"/>
    /// with its parameters, <see cref="UpdateVenue.Update"/> and the audit row's insert) with Dapper on a connection opened per
    /// request from the same connection string (pooled), and nothing else: no authentication, no mediator, no validation.
    /// SQLite connections get the host's busy timeout and synchronous mode once per physical connection, as any careful app would.
    /// </summary>
    private sealed class RawApp : IAsyncDisposable
    {
        private static readonly ConditionalWeakTable<object, object> Prepared = new();
        private readonly WebApplication _app;
        private readonly DbProvider _provider;
        private readonly string _connectionString;

        private RawApp(WebApplication app, DbProvider provider, string connectionString)
        {
            _app = app;
            _provider = provider;
            _connectionString = connectionString;
        }

        public string Url => _app.Urls.First();

        public static async Task<RawApp> StartAsync(DatabaseOptions options)
        {
            var factory = new DbConnectionFactory(options); // registers the Dapper type handlers; its connection string as ours uses it
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = AppContext.BaseDirectory });
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            builder.Services.ConfigureHttpJsonOptions(o =>
            {
                o.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
                o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            });
            var app = builder.Build();
            var raw = new RawApp(app, factory.Provider, factory.ConnectionString);
            raw.Map(app);
            await app.StartAsync();
            return raw;
        }

        private async Task<DbConnection> OpenAsync()
        {
            DbConnection connection = _provider == DbProvider.Postgres ? new NpgsqlConnection(_connectionString) : new SqliteConnection(_connectionString);
            await connection.OpenAsync();
            if (connection is SqliteConnection sqlite && !Prepared.TryGetValue(sqlite.Handle!, out _))
            {
                await sqlite.ExecuteAsync(new CommandDefinition("PRAGMA busy_timeout=30000; PRAGMA synchronous=NORMAL;"));
                Prepared.AddOrUpdate(sqlite.Handle!, Prepared);
            }
            return connection;
        }

        private void Map(WebApplication app)
        {
            var selectById = VenueRow.SelectById.For(_provider);
            var update = UpdateVenue.Update.For(_provider);
            var audit = AuditSql.Insert.For(_provider);

            app.MapGet("/raw/venues/{id:guid}", async (Guid id) =>
            {
                await using var connection = await OpenAsync();
                var venue = await connection.QuerySingleOrDefaultAsync<VenueDto>(new CommandDefinition(selectById, new { Id = id }));
                return venue is null ? Results.NotFound() : Results.Ok(venue);
            });
            app.MapGet("/raw/venues", async (string? search) =>
            {
                await using var connection = await OpenAsync();
                const int limit = 20;
                // The statement our handler picks for the query (a fragment reads the district's range, no fragment walks the names).
                var query = new SearchVenues.Query { Search = search };
                var rows = (await connection.QueryAsync<VenueDto>(new CommandDefinition(SearchVenues.For(query).For(_provider),
                    SearchVenues.Parameters(query, District, null, limit + 1)))).AsList();
                var items = rows.Take(limit).ToList();
                var next = rows.Count > limit ? Cursor.Encode(new SearchVenues.Key(items[^1].Name, items[^1].Id)) : null;
                return Results.Ok(new Page<VenueDto>(items, next));
            });
            app.MapPut("/raw/venues/{id:guid}", async (Guid id, UpdateVenue.Command command) =>
            {
                await using var connection = await OpenAsync();
                await using var transaction = await connection.BeginTransactionAsync();
                var current = await connection.QuerySingleOrDefaultAsync<VenueDto>(new CommandDefinition(selectById, new { Id = id }, transaction));
                if (current is null) return Results.NotFound();
                var now = DateTimeOffset.UtcNow;
                var changed = await connection.ExecuteAsync(new CommandDefinition(update,
                    VenueRow.Parameters(command, id, command.Jurisdiction ?? current.Jurisdiction, now, command.Version ?? 0), transaction));
                if (changed == 0) return Results.Conflict();
                await connection.ExecuteAsync(new CommandDefinition(audit, new
                {
                    Id = Guid.CreateVersion7(), OccurredAt = now, UserId = Login, UserName = "测试科员", Role = "officer", Jurisdiction = District,
                    Command = "UpdateVenue", EntityType = "venue", EntityId = id.ToString("D"), Payload = JsonSerializer.Serialize(command, Web),
                }, transaction));
                var updated = await connection.QuerySingleAsync<VenueDto>(new CommandDefinition(selectById, new { Id = id }, transaction));
                await transaction.CommitAsync();
                return Results.Ok(updated);
            });
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}

/// <summary>The runtime's allocation samples (GCAllocationTick: one about every 100 KB allocated), summed by type.</summary>
internal sealed class AllocationSamples : System.Diagnostics.Tracing.EventListener
{
    public readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> ByType = new();
    private long _total;

    public long Total => Interlocked.Read(ref _total);

    protected override void OnEventSourceCreated(System.Diagnostics.Tracing.EventSource source)
    {
        // The runtime's GC keyword (0x1) at Verbose carries the allocation ticks.
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
            EnableEvents(source, System.Diagnostics.Tracing.EventLevel.Verbose, (System.Diagnostics.Tracing.EventKeywords)0x1);
    }

    protected override void OnEventWritten(System.Diagnostics.Tracing.EventWrittenEventArgs e)
    {
        if (e.EventName is not { } name || !name.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.PayloadNames is not { } names) return;
        var type = e.Payload![names.IndexOf("TypeName")] as string ?? "?";
        var amount = Convert.ToInt64(e.Payload[names.IndexOf("AllocationAmount64")], CultureInfo.InvariantCulture);
        ByType.AddOrUpdate(type, amount, (_, sum) => sum + amount);
        Interlocked.Add(ref _total, amount);
    }
}
