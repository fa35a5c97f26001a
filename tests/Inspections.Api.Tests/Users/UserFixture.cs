using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Inspections.Api.Auth;
using Inspections.Api.Tests.Cases;
using Inspections.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Inspections.Api.Tests.Users;

/// <summary>
/// A host whose clock the test moves (a lock from failed sign-ins runs out), whose every log line, at
/// every level, is kept for the test to read; tokens stay on the real clock.
/// </summary>
public abstract class UserFixture(string provider) : ApiFixture(provider)
{
    public const string NewPassword = "Xinmima2027";

    protected SettableClock Clock { get; } = new() { Now = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8)) };

    protected LogCapture Logs { get; } = new();

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton(sp => new TokenIssuer(sp.GetRequiredService<AuthOptions>(), TimeProvider.System));
        services.AddSingleton<ILoggerProvider>(Logs);
        // Every level for this provider, whatever the host's configuration says for the others.
        services.AddLogging(b => b.AddFilter<LogCapture>(null, LogLevel.Trace));
    }

    protected HttpClient Admin(string jurisdiction = "510115", string? language = null) => Api.Client("admin", jurisdiction, language);

    protected static object Body(string id, string name, string[] roles, string jurisdiction = "510115", string? credential = null,
        string password = TestUser.InitialPassword) =>
        new { id, displayName = name, roles, jurisdiction, credentialNumber = credential, initialPassword = password };

    protected async Task<JsonElement> CreateAsync(string id, string name, string[] roles, string jurisdiction = "510115", string? credential = null) =>
        await (await Admin(jurisdiction).PostJson("/api/users", Body(id, name, roles, jurisdiction, credential))).Expect(HttpStatusCode.Created);

    protected Task<HttpResponseMessage> SignInAsync(string login, string password, string? language = null) =>
        Api.Client(null, language: language).PostJson("/api/account/sign-in", new { loginName = login, password });

    protected HttpClient Bearer(string token, string? language = null)
    {
        var client = Api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (language is not null) client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return client;
    }

    /// <summary>Signs in with the initial password, changes it, and signs in again: the token of a user ready to work.</summary>
    protected async Task<string> ReadyTokenAsync(string login)
    {
        var first = await (await SignInAsync(login, TestUser.InitialPassword)).Expect(HttpStatusCode.OK);
        await (await Bearer(first.Str("token")).PostJson("/api/account/password",
            new { currentPassword = TestUser.InitialPassword, newPassword = NewPassword })).Expect(HttpStatusCode.OK);
        return (await (await SignInAsync(login, NewPassword)).Expect(HttpStatusCode.OK)).Str("token");
    }

    protected async Task<List<string>> AuditPayloadsAsync()
    {
        await using var session = new Inspections.Core.Data.DbSession(new Inspections.Core.Data.DbConnectionFactory(Api.Database));
        return (await session.QueryAsync<string>(new Inspections.Core.Data.Sql("SELECT payload FROM audit_entries"), null, CancellationToken.None)).ToList();
    }
}

/// <summary>Every log line the host writes, formatted, with its structured values and exception.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Capture(this, categoryName);

    public void Dispose() { }

    private sealed class Capture(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join("; ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            owner._lines.Enqueue($"[{logLevel}] {category}: {formatter(state, exception)} | {values} | {exception}");
        }
    }
}
