using System.Net.Http.Headers;
using Inspections.Api.Auth;
using Inspections.Core.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Inspections.Api.Tests.Infrastructure;

/// <summary>The real host, over real HTTP handlers, on a real database.</summary>
public sealed class ApiFactory(DatabaseOptions database, bool hangfireServer = false, Action<IServiceCollection>? services = null, string? evidenceStore = null)
    : WebApplicationFactory<Program>
{
    public const string SigningKey = "test-signing-key-that-is-long-enough-0123456789";
    public DatabaseOptions Database { get; } = database;

    /// <summary>Evidence files of this host, in a temp folder removed with the host.</summary>
    public string EvidenceRoot { get; } = Path.Combine(Path.GetTempPath(), "inspections-tests", "evidence-" + Guid.NewGuid().ToString("N"));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _contractLock.Dispose();
        try { if (Directory.Exists(EvidenceRoot)) Directory.Delete(EvidenceRoot, recursive: true); } catch (IOException) { }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Database.Provider);
        builder.UseSetting("Database:ConnectionString", Database.ConnectionString);
        builder.UseSetting("Auth:SigningKey", SigningKey);
        builder.UseSetting("Hangfire:Server", hangfireServer ? "true" : "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Evidence:Root", EvidenceRoot);
        if (evidenceStore is not null) builder.UseSetting("Evidence:Store", evidenceStore);
        builder.ConfigureLogging(l => l.AddProvider(new TestLog()));
        if (services is not null) builder.ConfigureServices(services);
    }

    public string Token(string role, string jurisdiction = "510115", string? user = null, string? credential = null)
    {
        var issuer = Services.GetRequiredService<TokenIssuer>();
        user ??= $"{role}-{jurisdiction}";
        return issuer.Mint(user, user, role, jurisdiction, credential);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, OpenApiContract> Contracts = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _contractLock = new(1, 1);
    private OpenApiContract? _contract;

    /// <summary>The host's served OpenAPI document, fetched and compiled once per host on the first API call.</summary>
    private async Task<OpenApiContract> ContractAsync(HttpMessageHandler server)
    {
        if (_contract is { } ready) return ready;
        await _contractLock.WaitAsync();
        try
        {
            if (_contract is not null) return _contract;
            using var client = new HttpClient(server, disposeHandler: false) { BaseAddress = ClientOptions.BaseAddress };
            using var response = await client.GetAsync("/openapi/v1.json");
            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"/openapi/v1.json answered {(int)response.StatusCode}: {text}");
            // Hosts of one test run serve the same document: compile it once for all of them.
            return _contract = Contracts.GetOrAdd(text, OpenApiContract.Parse);
        }
        finally { _contractLock.Release(); }
    }

    /// <summary>A client of the host whose every API answer is checked against the host's OpenAPI document.</summary>
    public new HttpClient CreateClient() => CreateClient(ClientOptions);

    /// <inheritdoc cref="CreateClient()"/>
    public new HttpClient CreateClient(WebApplicationFactoryClientOptions options)
    {
        // What WebApplicationFactory's own CreateClient adds, with the check innermost so it sees each answer
        // the host gives (a redirect too), not only the last one.
        var handlers = new List<DelegatingHandler>();
        if (options.AllowAutoRedirect) handlers.Add(new RedirectHandler(options.MaxAutomaticRedirections));
        if (options.HandleCookies) handlers.Add(new CookieContainerHandler());
        handlers.Add(new OpenApiConformanceHandler(ContractAsync));
        return CreateDefaultClient(options.BaseAddress, [.. handlers]);
    }

    /// <summary>A client carrying a token of the given role and jurisdiction (or none when role is null).</summary>
    public HttpClient Client(string? role, string jurisdiction = "510115", string? language = null)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (role is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(role, jurisdiction));
        if (language is not null) client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return client;
    }

    /// <summary>Direct access for assertions about what was (not) written.</summary>
    public async Task<long> CountAsync(string table)
    {
        var session = new DbSession(new DbConnectionFactory(Database));
        await using (session)
            return await session.ExecuteScalarAsync<long>(new Sql($"SELECT COUNT(*) FROM {table}"), null, CancellationToken.None);
    }
}

/// <summary>Sends the host's errors to the running test's output, so a 500 in a test shows its cause.</summary>
internal sealed class TestLog : Microsoft.Extensions.Logging.ILoggerProvider
{
    public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => new Logger();
    public void Dispose() { }

    private sealed class Logger : Microsoft.Extensions.Logging.ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => logLevel >= Microsoft.Extensions.Logging.LogLevel.Error;
        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) TestContext.Out.WriteLine($"[{logLevel}] {formatter(state, exception)} {exception}");
        }
    }
}
