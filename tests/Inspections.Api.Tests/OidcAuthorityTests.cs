using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using Inspections.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Inspections.Api.Tests;

/// <summary>
/// Production with an outside identity provider (Auth:Authority): a real provider on a loopback port publishes
/// its discovery document and signing keys; the API accepts its tokens for people of the users table, matched
/// by login name, with the table's roles and jurisdiction — whatever else the provider's token claims.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class OidcAuthorityTests(string provider) : ApiFixture(provider)
{
    private WebApplication _provider = null!;
    private string _issuer = null!;
    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "provider-key-1" };
    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _production = null!;

    [OneTimeSetUp]
    public async Task StartTheProvider()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _provider = builder.Build();
        _provider.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = _issuer, ["jwks_uri"] = _issuer + "/jwks", ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        _provider.MapGet("/jwks", () =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_key.Rsa.ExportParameters(false)) { KeyId = _key.KeyId });
            return Results.Json(new { keys = new[] { new { kty = jwk.Kty, kid = jwk.Kid, use = "sig", alg = "RS256", n = jwk.N, e = jwk.E } } });
        });
        await _provider.StartAsync();
        _issuer = _provider.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');

        _production = Api.WithWebHostBuilder(b =>
        {
            b.UseSetting("Auth:Authority", _issuer);
            b.UseSetting("Auth:RequireHttpsMetadata", "false");
        });
        // People of the users table, entered by the district's administrator.
        var admin = Api.Client("admin");
        await (await admin.PostJson("/api/users", new
        {
            id = "oidc-zhang", displayName = "张统一", roles = new[] { "officer" }, jurisdiction = "510115",
            credentialNumber = "51011599001", initialPassword = "Chushi2026",
        })).Expect(HttpStatusCode.Created);
        await (await admin.PostJson("/api/users", new
        {
            id = "oidc-left", displayName = "离职者", roles = new[] { "supervisor" }, jurisdiction = "510115", initialPassword = "Chushi2026",
        })).Expect(HttpStatusCode.Created);
        var left = await (await admin.GetAsync("/api/users/oidc-left")).Expect(HttpStatusCode.OK);
        await (await admin.PutJson("/api/users/oidc-left", new
        {
            displayName = "离职者", roles = new[] { "supervisor" }, jurisdiction = "510115", active = false, version = left.GetProperty("version").GetInt64(),
        })).Expect(HttpStatusCode.OK);
    }

    [OneTimeTearDown]
    public async Task StopTheProvider()
    {
        await _production.DisposeAsync();
        await _provider.DisposeAsync();
    }

    /// <summary>A token as the provider issues it: its issuer, our audience, the login in preferred_username, and whatever else it adds.</summary>
    private string ProviderToken(string login, SecurityKey? signedWith = null, params Claim[] extra)
    {
        var claims = new List<Claim> { new("sub", Guid.NewGuid().ToString()), new("preferred_username", login) };
        claims.AddRange(extra);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(claims),
            Issuer = _issuer,
            Audience = "inspections-api",
            Expires = DateTime.UtcNow.AddMinutes(10),
            SigningCredentials = new SigningCredentials(signedWith ?? _key, SecurityAlgorithms.RsaSha256),
        });
    }

    private HttpClient Client(string token)
    {
        var client = _production.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Test]
    public async Task A_user_of_the_table_is_matched_by_login_name_with_the_tables_roles_and_jurisdiction()
    {
        // The provider's own idea of roles and place does not count: the table says officer of 510115.
        var token = ProviderToken("OIDC-Zhang", extra: [new Claim("role", "admin"), new Claim("jurisdiction", "510000")]);
        var me = await (await Client(token).GetAsync("/api/account/me")).Expect(HttpStatusCode.OK);
        Assert.Multiple(() =>
        {
            Assert.That(me.Str("id"), Is.EqualTo("oidc-zhang"));
            Assert.That(me.Str("displayName"), Is.EqualTo("张统一"));
            Assert.That(me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()), Is.EqualTo(new[] { "officer" }));
            Assert.That(me.Str("jurisdiction"), Is.EqualTo("510115"));
        });
        // An officer may list venues, not users.
        await (await Client(token).GetAsync("/api/venues")).Expect(HttpStatusCode.OK);
        Assert.That((await Client(token).GetAsync("/api/users")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task Unknown_and_deactivated_logins_and_foreign_keys_are_refused()
    {
        Assert.That((await Client(ProviderToken("nobody-here")).GetAsync("/api/account/me")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "not in the table");
        Assert.That((await Client(ProviderToken("oidc-left")).GetAsync("/api/account/me")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "deactivated");
        var stranger = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "provider-key-1" };
        Assert.That((await Client(ProviderToken("oidc-zhang", stranger)).GetAsync("/api/account/me")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized),
            "signed by a key the provider does not publish");
        // This host's own development tokens are not accepted once a provider issues them.
        Assert.That((await Client(Api.Token("admin", "510115")).GetAsync("/api/account/me")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Passwords_here_are_not_used_the_provider_signs_people_in()
    {
        var signIn = await _production.CreateClient().PostJson("/api/account/sign-in", new { loginName = "oidc-zhang", password = "Chushi2026" });
        Assert.That(signIn.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        var problem = await signIn.Content.ReadAsStringAsync();
        Assert.That(problem, Does.Contain("统一身份认证"));
    }
}
