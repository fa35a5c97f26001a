using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenQA.Selenium.Chrome;

namespace Inspections.Browser.Tests;

/// <summary>The real host on a real loopback port (a browser cannot reach the in-memory test server), on a fresh SQLite file.</summary>
public sealed class BrowserHost : IAsyncDisposable
{
    private readonly string _dir;
    private readonly WebApplicationFactory<Program> _factory;

    public string BaseUrl { get; }

    public IServiceProvider Services => _factory.Services;

    /// <summary>The application's clock: real time until a test sets it (tokens are minted on the real clock regardless).</summary>
    public SettableClock Clock { get; } = new();

    /// <summary>A bearer token as the identity provider would issue it, for building data through the API.</summary>
    public string Token(string role, string jurisdiction = "510115", string? user = null, string? credential = null, string? name = null)
    {
        user ??= $"{role}-{jurisdiction}";
        return _factory.Services.GetRequiredService<Inspections.Api.Auth.TokenIssuer>().Mint(user, name ?? user, role, jurisdiction, credential);
    }

    /// <summary>An HTTP client of the API over the real port, carrying a token of the role (none when null).</summary>
    public HttpClient Api(string? role, string jurisdiction = "510115", string? user = null, string? credential = null, string? name = null)
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        if (role is not null)
            client.DefaultRequestHeaders.Authorization =
                new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token(role, jurisdiction, user, credential, name));
        return client;
    }

    /// <summary>A host on a fresh SQLite file, or on the database and evidence a folder holds (see <see cref="DemoLoad"/>); the folder goes with the host.</summary>
    public BrowserHost(string? folder = null)
    {
        _dir = folder ?? NewFolder();
        Directory.CreateDirectory(_dir);
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            b.UseSetting("Database:Provider", "sqlite");
            b.UseSetting("Database:ConnectionString", DemoLoad.ConnectionString(_dir));
            b.UseSetting("Auth:SigningKey", "browser-test-signing-key-long-enough-0123456789");
            b.UseSetting("Evidence:Root", Path.Combine(_dir, "evidence"));
            b.UseSetting("Hangfire:Server", "false");
            // A free port of the loopback address, never the default 5000 another host on the machine may hold.
            b.UseSetting("urls", "http://127.0.0.1:0");
            b.UseSetting("Logging:LogLevel:Default", "Warning");
            b.ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock));
            b.ConfigureLogging(l => l.AddProvider(new ErrorLog()));
        });
        _factory.UseKestrel(0);
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal);
    }

    /// <summary>A new folder for one host's database and evidence.</summary>
    public static string NewFolder() => Path.Combine(Path.GetTempPath(), "inspections-browser", Guid.NewGuid().ToString("N"));

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}

/// <summary>Errors the host logs (a page's 500 and its cause) go to the running test's output.</summary>
internal sealed class ErrorLog : Microsoft.Extensions.Logging.ILoggerProvider
{
    public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => new Logger();
    public void Dispose() { }

    private sealed class Logger : Microsoft.Extensions.Logging.ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => logLevel >= Microsoft.Extensions.Logging.LogLevel.Error;
        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state,
            Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) { TestContext.Progress.WriteLine($"[{logLevel}] {formatter(state, exception)} {exception}"); }
        }
    }
}

/// <summary>A clock a test may stop at any instant; the real time until it does.</summary>
public sealed class SettableClock : TimeProvider
{
    public DateTimeOffset? Now { get; set; }

    public override DateTimeOffset GetUtcNow() => Now?.ToUniversalTime() ?? System.GetUtcNow();
}

/// <summary>Headless Debian Chromium with its chromedriver; skipped locally (failed in CI) when they are not installed.</summary>
public static class Chromium
{
    private const string Browser = "/usr/bin/chromium";
    private const string Driver = "/usr/bin/chromedriver";

    public static ChromeDriver Start(bool collectConsole = false)
    {
        if (!File.Exists(Browser) || !File.Exists(Driver))
        {
            var message = $"chromium not found: install the Debian packages chromium and chromium-driver ({Browser}, {Driver}) to run browser tests.";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)) Assert.Fail(message);
            Assert.Ignore(message);
        }
        var options = new ChromeOptions { BinaryLocation = Browser };
        options.AddArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1400,1000",
            "--user-data-dir=" + Path.Combine(Path.GetTempPath(), "inspections-chromium", Guid.NewGuid().ToString("N")));
        // The console (errors of scripts, refused resources, CSP violations) is read back with Manage().Logs.GetLog("browser").
        if (collectConsole)
        {
            options.SetLoggingPreference(OpenQA.Selenium.LogType.Browser, OpenQA.Selenium.LogLevel.All);
            // The pages' people use Chinese browsers: dates in inputs read 2026/06/30, Accept-Language is zh-CN.
            options.AddArgument("--lang=zh-CN");
            options.AddUserProfilePreference("intl.accept_languages", "zh-CN,zh");
        }
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(Driver)!, Path.GetFileName(Driver));
        service.HideCommandPromptWindow = true;
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }
}
