using System.Net;
using Inspections.Api.Auth;
using Inspections.Api.Tests.Infrastructure;
using Inspections.Core.Data;
using Inspections.Core.Features.Users;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Inspections.Api.Tests.Users;

/// <summary>
/// Tokens validated once are admitted from memory (ValidatedTokens) and a user's standing is kept between reads of the
/// users table (UserStandings): neither may admit a request the table refuses. A change made through this host ends the
/// user's tokens on the very next request, however long the standing is kept (ten minutes in this fixture, so nothing
/// here passes by the copy running out); one written by another instance (straight into the table here) when the kept
/// standing runs out (<see cref="TokenMemoryAcrossInstancesTests"/>).
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class TokenMemoryTests(string provider) : TokenMemoryFixture(provider, TimeSpan.FromMinutes(10))
{
    [Test]
    public async Task A_token_held_in_memory_is_refused_on_the_next_request_once_its_user_is_deactivated()
    {
        var client = await WarmAsync("tm-deact", "51011508701");
        Assert.That(Tokens.Count, Is.GreaterThan(0), "validated tokens are kept");
        var user = await (await Admin().GetAsync("/api/users/tm-deact")).Expect(HttpStatusCode.OK);
        await (await Admin().PutJson("/api/users/tm-deact", new
        {
            displayName = "tm-deact", roles = new[] { "officer" }, jurisdiction = "510115", credentialNumber = "51011508701",
            active = false, version = user.GetProperty("version").GetInt64(),
        })).Expect(HttpStatusCode.OK);
        await ExpectEndedAsync(client);
    }

    [Test]
    public async Task A_password_reset_by_an_admin_or_changed_by_the_user_ends_the_tokens_held_in_memory()
    {
        var client = await WarmAsync("tm-reset", "51011508702");
        await (await Admin().PostJson("/api/users/tm-reset/password", new { newPassword = "Chongzhi2027" })).Expect(HttpStatusCode.OK);
        await ExpectEndedAsync(client);

        var own = await WarmAsync("tm-own", "51011508703");
        await (await own.PostJson("/api/account/password", new { currentPassword = NewPassword, newPassword = "Lingyige2028" }))
            .Expect(HttpStatusCode.OK);
        await ExpectEndedAsync(own);
    }

    [Test]
    public async Task A_change_another_instance_writes_is_not_seen_here_while_the_standing_is_kept()
    {
        var client = await WarmAsync("tm-kept", "51011508706");
        await DeactivateBehindTheHostsBackAsync("tm-kept");
        // Kept for ten minutes here: the bound on what another instance's change takes to reach this one.
        await (await client.GetAsync("/api/venues")).Expect(HttpStatusCode.OK);
    }

    [Test]
    public async Task A_token_validated_once_is_admitted_afterwards_without_the_authentication_handler()
    {
        await CreateAsync("tm-fast", "tm-fast", ["officer"], credential: "51011508707");
        var client = Bearer(await ReadyTokenAsync("tm-fast"));
        var before = HandlerRuns;
        await (await client.GetAsync("/api/venues")).Expect(HttpStatusCode.OK);
        Assert.That(HandlerRuns, Is.EqualTo(before + 1), "a token seen for the first time is validated by the handler");
        await (await client.GetAsync("/api/venues")).Expect(HttpStatusCode.OK);
        await (await client.GetAsync("/api/venues?limit=5")).Expect(HttpStatusCode.OK);
        Assert.That(HandlerRuns, Is.EqualTo(before + 1), "then it is admitted from memory, the handler not run again");
    }

    [Test]
    public async Task A_token_held_in_memory_is_not_admitted_from_it_once_it_expires()
    {
        var issued = Api.Services.GetRequiredService<TokenIssuer>()
            .Mint(new TokenSubject("tm-expiry", "tm-expiry", ["officer"], "510115", "51011508708", null), TimeSpan.FromSeconds(2));
        var client = Bearer(issued.Token);
        await (await client.GetAsync("/api/venues")).Expect(HttpStatusCode.OK);
        Assert.That(Tokens.TryAdmit(issued.Token, out _), Is.True, "validated once, the token is held in memory");
        var runs = HandlerRuns;

        var left = issued.ExpiresAt - DateTimeOffset.UtcNow;
        if (left > TimeSpan.Zero) await Task.Delay(left + TimeSpan.FromMilliseconds(50));
        Assert.That(Tokens.TryAdmit(issued.Token, out _), Is.False, "from its expiry on, memory admits it no more");
        // Each later request goes through the handler, whose validation decides (its minute of clock skew, as for any
        // token); the memory does not take the token back, so it cannot outlive its expiry there.
        await client.GetAsync("/api/venues");
        await client.GetAsync("/api/venues");
        Assert.That(HandlerRuns, Is.EqualTo(runs + 2), "an expired token is validated by the handler on every request");
        Assert.That(Tokens.TryAdmit(issued.Token, out _), Is.False);
    }

    [Test]
    public async Task Requests_presenting_one_token_share_its_principal_which_none_can_change()
    {
        await CreateAsync("tm-share", "tm-share", ["officer"], credential: "51011508709");
        var token = await ReadyTokenAsync("tm-share");
        await (await Bearer(token).GetAsync("/api/venues")).Expect(HttpStatusCode.OK);
        Assert.That(Tokens.TryAdmit(token, out var first), Is.True);
        Assert.That(Tokens.TryAdmit(token, out var second), Is.True);
        Assert.That(second, Is.SameAs(first), "made once, when the token validated");
        var identity = (System.Security.Claims.ClaimsIdentity)first!.Identity!;
        var claim = new System.Security.Claims.Claim(ClaimNames.Role, "admin");
        Assert.Multiple(() =>
        {
            Assert.Throws<InvalidOperationException>(() => identity.AddClaim(claim));
            Assert.Throws<InvalidOperationException>(() => identity.AddClaims([claim]));
            Assert.Throws<InvalidOperationException>(() => identity.RemoveClaim(identity.FindFirst("role")));
            Assert.Throws<InvalidOperationException>(() => identity.TryRemoveClaim(identity.FindFirst("role")));
            Assert.Throws<InvalidOperationException>(() => first.AddIdentity(new System.Security.Claims.ClaimsIdentity([claim], "x")));
            Assert.Throws<InvalidOperationException>(() => first.AddIdentities([new System.Security.Claims.ClaimsIdentity([claim], "x")]));
        });
        Assert.That(first.IsInRole("admin"), Is.False, "nothing was added");
        // The request after the attempts is the officer's as before, no more.
        await (await Bearer(token).GetAsync("/api/venues")).Expect(HttpStatusCode.OK);
        await (await Bearer(token).GetAsync("/api/users")).Expect(HttpStatusCode.Forbidden);
    }

    [Test]
    public void The_host_keeps_no_IHttpContextAccessor_so_a_connections_request_context_is_reused()
    {
        // With one registered, the host makes a new HttpContext for every request and flows it through every await; the
        // request's caller is bound to its scope instead (UseCurrentUser), and a job's scope acts as the system user.
        Assert.That(Api.Services.GetService<Microsoft.AspNetCore.Http.IHttpContextAccessor>(), Is.Null);
        using var scope = Api.Services.CreateScope();
        var caller = scope.ServiceProvider.GetRequiredService<Inspections.Core.Common.ICurrentUser>();
        Inspections.Core.Common.ICurrentUser system = new Inspections.Core.Common.SystemUser();
        Assert.Multiple(() =>
        {
            // A scope no request bound acts as the system user, in every fact a handler or the audit trail reads.
            Assert.That((caller.IsAuthenticated, caller.UserId, caller.DisplayName, caller.Role, caller.Jurisdiction, caller.CredentialNumber, caller.UserVersion),
                Is.EqualTo((system.IsAuthenticated, system.UserId, system.DisplayName, system.Role, system.Jurisdiction, system.CredentialNumber, system.UserVersion)));
            Assert.That(caller.Roles, Is.EqualTo(new[] { Inspections.Domain.Access.Roles.System }));
            Assert.That(caller.IsInRole(Inspections.Domain.Access.Roles.System), Is.True);
            Assert.That(caller.IsInRole(Inspections.Domain.Access.Roles.Officer), Is.False);
        });
    }

    [Test]
    public async Task A_token_altered_in_one_character_is_validated_afresh_and_refused()
    {
        await CreateAsync("tm-alter", "tm-alter", ["officer"], credential: "51011508705");
        var token = await ReadyTokenAsync("tm-alter");
        await (await Bearer(token).GetAsync("/api/venues")).Expect(HttpStatusCode.OK);
        var parts = token.Split('.');
        static string Flip(string segment, int at) => segment[..at] + (segment[at] == 'A' ? 'B' : 'A') + segment[(at + 1)..];
        foreach (var altered in new[] { $"{parts[0]}.{parts[1]}.{Flip(parts[2], 5)}", $"{parts[0]}.{Flip(parts[1], 12)}.{parts[2]}" })
            Assert.That((await Bearer(altered).GetAsync("/api/venues")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        await (await Bearer(token).GetAsync("/api/venues")).Expect(HttpStatusCode.OK);
    }
}

/// <summary>Another instance behind the same database deactivates a user: this host refuses the user once the kept standing (one second here) runs out.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class TokenMemoryAcrossInstancesTests(string provider) : TokenMemoryFixture(provider, TimeSpan.FromSeconds(1))
{
    [Test]
    public async Task A_change_another_instance_writes_ends_the_tokens_here_within_the_user_check_interval()
    {
        var client = await WarmAsync("tm-other", "51011508704");
        await DeactivateBehindTheHostsBackAsync("tm-other");
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        await ExpectEndedAsync(client);
    }
}

/// <summary>A user host whose users' standing is kept for <paramref name="kept"/>.</summary>
public abstract class TokenMemoryFixture(string provider, TimeSpan kept) : UserFixture(provider)
{
    protected override void ConfigureServices(IServiceCollection services)
    {
        base.ConfigureServices(services);
        services.AddSingleton(new UserStandings(kept));
        // Counts the bearer handler's runs: each starts by taking the token from the request.
        services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o =>
        {
            var inner = o.Events.OnMessageReceived;
            o.Events.OnMessageReceived = ctx =>
            {
                Interlocked.Increment(ref _handlerRuns);
                return inner(ctx);
            };
        });
    }

    private int _handlerRuns;

    /// <summary>How many times the JwtBearer handler has run in this host.</summary>
    protected int HandlerRuns => Volatile.Read(ref _handlerRuns);

    protected ValidatedTokens Tokens => Api.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>()
        .Get(JwtBearerDefaults.AuthenticationScheme).TokenHandlers.OfType<ValidatedTokens>().Single();

    /// <summary>A ready user whose token has been admitted twice (so it is held in memory with the user's standing).</summary>
    protected async Task<HttpClient> WarmAsync(string login, string credential)
    {
        await CreateAsync(login, login, ["officer"], credential: credential);
        var client = Bearer(await ReadyTokenAsync(login));
        await (await client.GetAsync("/api/venues")).Expect(HttpStatusCode.OK);
        await (await client.GetAsync("/api/venues")).Expect(HttpStatusCode.OK);
        return client;
    }

    protected static async Task ExpectEndedAsync(HttpClient client)
    {
        var ended = await (await client.GetAsync("/api/venues")).Expect(HttpStatusCode.Unauthorized);
        Assert.That(ended.Str("detail"), Does.Contain("重新登录"));
    }

    /// <summary>What another instance (or the create-admin command) does: the row changes and this host is not told.</summary>
    protected async Task DeactivateBehindTheHostsBackAsync(string login)
    {
        await using var db = new DbSession(new DbConnectionFactory(Api.Database));
        await db.ExecuteAsync(new Sql("UPDATE users SET active = @False, version = version + 1 WHERE id = @Id"),
            new { False = false, Id = login }, CancellationToken.None);
    }
}
