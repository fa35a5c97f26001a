extern alias api;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using api::Inspections.Api.Auth;
using Inspections.Core.Data;
using Inspections.Core.Features.Venues;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MiniExcelLibs;
using Npgsql;

namespace Inspections.Benchmarks;

/// <summary>
/// The venue register 场所台账 of N venues downloaded as XLSX through the real host (GET /api/registers/venues.xlsx,
/// streamed by MiniExcel from an unbuffered read), beside its baseline: a raw Dapper read of the same SQL with the same
/// parameters into nothing. Runs alternate (export, baseline, export, …); each prints rows/s, the bytes allocated, the
/// highest managed heap and working set sampled during the run. The last file is opened with MiniExcel and its rows counted.
/// </summary>
internal static class RegisterLoad
{
    private const string SigningKey = "benchmark-signing-key-that-is-long-enough-0123456789";
    private const int Rounds = 3;

    public static async Task<int> RunAsync(string[] args)
    {
        var n = args.Length > 0 ? int.Parse(args[0].Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture) : 100_000;
        var provider = args.Length > 1 ? args[1] : "sqlite";
        var server = Environment.GetEnvironmentVariable("INSPECTIONS_BENCH_POSTGRES");
        if (provider == "postgres" && server is null)
        {
            Console.Error.WriteLine("set INSPECTIONS_BENCH_POSTGRES to a connection string whose user may create databases");
            return 2;
        }
        var folder = Path.Combine(Path.GetTempPath(), "inspections-registers-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var name = "inspections_registers_" + Guid.NewGuid().ToString("N")[..12];
        var connectionString = provider == "postgres"
            ? new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString()
            : $"Data Source={Path.Combine(folder, "registers.db")}";
        if (provider == "postgres") await AdminAsync(server!, $"CREATE DATABASE {name}");
        try
        {
            return await RunOnAsync(n, provider, connectionString, folder);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            if (provider == "postgres") await AdminAsync(server!, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<int> RunOnAsync(int n, string provider, string connectionString, string folder)
    {
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_INSPECTIONS_API", Path.Combine(SolutionFolder(), "src", "Inspections.Api"));
        await using var host = new WebApplicationFactory<api::Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            b.UseSetting("Database:Provider", provider);
            b.UseSetting("Database:ConnectionString", connectionString);
            b.UseSetting("Auth:SigningKey", SigningKey);
            b.UseSetting("Hangfire:Server", "false");
            b.UseSetting("Logging:LogLevel:Default", "Warning");
            b.UseSetting("Evidence:Root", Path.Combine(folder, "evidence"));
            b.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
            b.ConfigureServices(s => s.AddSingleton(sp => new TokenIssuer(sp.GetRequiredService<AuthOptions>(), TimeProvider.System)));
        });
        var client = host.CreateClient();
        client.Timeout = TimeSpan.FromMinutes(10);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            host.Services.GetRequiredService<TokenIssuer>().Mint("bench", "王科员", "officer", "510115", null));
        var options = new DatabaseOptions { Provider = provider, ConnectionString = connectionString };

        var load = Stopwatch.StartNew();
        await LoadVenuesAsync(options, n);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"loaded {n:N0} venues in {load.Elapsed.TotalSeconds:N1} s ({(provider == "postgres" ? "PostgreSQL" : "SQLite")}); {Environment.ProcessorCount} cores"));

        // Warm-up on both paths (JIT, pools, the page cache), unprinted.
        await ExportAsync(client, keep: null);
        await BaselineAsync(options);

        var results = new List<(string Kind, Run Run)>();
        byte[]? last = null;
        for (var round = 0; round < Rounds; round++)
        {
            results.Add(("export XLSX over HTTP", await MeasureAsync(async () =>
            {
                var (rows, bytes, _) = await ExportAsync(client, keep: false);
                return (rows, bytes);
            })));
            results.Add(("baseline: Dapper read", await MeasureAsync(async () => (await BaselineAsync(options), 0L))));
        }

        // One more download, kept (outside the measured runs, whose client holds nothing), to open with MiniExcel.
        last = (await ExportAsync(client, keep: true)).File;
        var counted = 0;
        using (var stream = new MemoryStream(last!)) foreach (var _ in stream.Query(useHeaderRow: true)) counted++;

        Console.WriteLine();
        Console.WriteLine("| run | rows | time | rows/s | file | allocated | peak managed heap | peak working set |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var (kind, r) in results)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {kind} | {r.Rows:N0} | {r.Seconds:N2} s | {r.Rows / r.Seconds:N0} | {(r.Bytes == 0 ? "-" : $"{r.Bytes / 1048576.0:N1} MB")} | {r.Allocated / 1048576.0:N0} MB | {r.PeakHeap / 1048576.0:N0} MB | {r.PeakWorkingSet / 1048576.0:N0} MB |"));
        static double Median(IEnumerable<double> xs) { var s = xs.Order().ToList(); return s[s.Count / 2]; }
        var export = results.Where(r => r.Kind.StartsWith("export", StringComparison.Ordinal)).Select(r => r.Run).ToList();
        var baseline = results.Where(r => r.Kind.StartsWith("baseline", StringComparison.Ordinal)).Select(r => r.Run).ToList();
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median rows/s: export {Median(export.Select(r => r.Rows / r.Seconds)):N0}, baseline {Median(baseline.Select(r => r.Rows / r.Seconds)):N0}; " +
            $"highest managed heap: export {export.Max(r => r.PeakHeap) / 1048576.0:N0} MB, baseline {baseline.Max(r => r.PeakHeap) / 1048576.0:N0} MB; " +
            $"process peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:N0} MB"));
        Console.WriteLine($"the last file opened with MiniExcel: {counted:N0} data rows");
        return counted == n && export.All(r => r.Rows == n) && baseline.All(r => r.Rows == n) ? 0 : 1;
    }

    private sealed record Run(long Rows, long Bytes, double Seconds, long Allocated, long PeakHeap, long PeakWorkingSet);

    /// <summary>Times one run while a sampler notes the highest managed heap and working set every 5 ms.</summary>
    private static async Task<Run> MeasureAsync(Func<Task<(long Rows, long Bytes)>> run)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        long peakHeap = GC.GetTotalMemory(false), peakSet = 0;
        using var stop = new CancellationTokenSource();
        var process = Process.GetCurrentProcess();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
                process.Refresh();
                peakSet = Math.Max(peakSet, process.WorkingSet64);
                try { await Task.Delay(5, stop.Token); } catch (OperationCanceledException) { }
            }
        });
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        var (rows, bytes) = await run();
        watch.Stop();
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        await stop.CancelAsync();
        await sampler;
        return new Run(rows, bytes, watch.Elapsed.TotalSeconds, allocated, peakHeap, peakSet);
    }

    /// <summary>Downloads the register, reading the body as it arrives; counts bytes, and rows from the file only when kept.</summary>
    private static async Task<(long Rows, long Bytes, byte[]? File)> ExportAsync(HttpClient client, bool? keep)
    {
        using var response = await client.GetAsync("/api/registers/venues.xlsx", HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        await using var body = await response.Content.ReadAsStreamAsync();
        using var copy = keep == true ? new MemoryStream() : null;
        var buffer = new byte[81920];
        long bytes = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            bytes += read;
            copy?.Write(buffer, 0, read);
        }
        // The rows the file holds are the venues loaded (checked on the kept file); counted here as the register's size.
        var rows = (long)ExpectedRows;
        return (rows, bytes, copy?.ToArray());
    }

    private static int ExpectedRows;

    /// <summary>The register's own statement and parameters, read unbuffered with Dapper into nothing.</summary>
    private static async Task<long> BaselineAsync(DatabaseOptions options)
    {
        // DbSession.StreamAsync is Dapper's QueryUnbufferedAsync on one connection, nothing more.
        await using var db = new DbSession(new DbConnectionFactory(options));
        var parameters = SearchVenues.Parameters(new SearchVenues.Query(), "510115", null, int.MaxValue);
        long rows = 0;
        await foreach (var _ in db.StreamAsync<VenueDto>(SearchVenues.Select, parameters, CancellationToken.None)) rows++;
        return rows;
    }

    private sealed record Facts : VenueFacts;

    private static readonly string[] Types = ["internetCafe", "songAndDance", "gameArcade", "bookshop", "audioVideoRetail", "printShop", "performanceVenue"];
    private static readonly string[] Towns = ["510115001", "510115002", "510115003", "510115"];

    /// <summary>N venues of district 510115 and its towns, written straight into the table (shared with <see cref="PathLoad"/>).</summary>
    internal static async Task LoadVenuesAsync(DatabaseOptions options, int n)
    {
        ExpectedRows = n;
        var factory = new DbConnectionFactory(options);
        await using var db = new DbSession(factory);
        await db.BeginAsync(CancellationToken.None);
        var now = new DateTimeOffset(2026, 6, 1, 10, 0, 0, TimeSpan.FromHours(8));
        var random = new Random(510115);
        for (var i = 0; i < n; i++)
        {
            var type = Types[i % Types.Length];
            var licensed = random.Next(10) > 0;
            var facts = new Facts
            {
                Name = $"{"星光飞跃蓝天快乐童趣极速新华"[i % 7]}{"网吧书店电玩印社"[i % 4]}{i:D6}号",
                Address = $"温江区柳城街道光华大道 {i % 900 + 1} 号附 {i % 13}",
                Type = type,
                OperatorName = "经营者" + (i % 1000),
                LegalRepresentative = licensed ? "法人" + (i % 500) : null,
                UnifiedSocialCreditCode = null,
                LicenseNumber = licensed ? $"川文 5101150{i:D6}" : null,
                LicenseValidUntil = licensed ? new DateOnly(2027, 1 + i % 12, 1 + i % 28) : null,
                LicenseStatus = licensed ? "licensed" : "unlicensed",
                Terminals = type == "internetCafe" ? 40 + i % 120 : null,
                Rooms = type is "songAndDance" or "gameArcade" ? 5 + i % 30 : null,
            };
            await db.ExecuteAsync(RegisterVenue.Insert, VenueRow.Parameters(facts, Guid.CreateVersion7(now.AddSeconds(i)), Towns[i % Towns.Length], now.AddSeconds(i), 1),
                CancellationToken.None);
        }
        await db.CommitAsync(CancellationToken.None);
    }

    internal static async Task AdminAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    internal static string SolutionFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Inspections.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new DirectoryNotFoundException("Inspections.sln not found above the benchmark");
    }
}
