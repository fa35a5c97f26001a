using System.Net;
using Inspections.Api.Infrastructure;
using Inspections.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Inspections.Api.Tests.Users;

/// <summary>
/// The host's command-line verbs and the users table: `token` reads it when it knows the login and keeps
/// to its arguments otherwise; `create-admin` adds the first administrator of a new installation.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class CommandLineTests(string provider) : UserFixture(provider)
{
    protected override IEnumerable<TestUser> FixtureUsers =>
        [new("kezhang", "王科长", ["officer", "supervisor"], "510115", "51011508501"), new("lizhi", "离职者", ["clerk"], "510115")];

    private WebApplicationBuilder Builder(string environment, string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment, Args = args });
        builder.Configuration["Database:Provider"] = Api.Database.Provider;
        builder.Configuration["Database:ConnectionString"] = Api.Database.ConnectionString;
        builder.Configuration["Auth:SigningKey"] = ApiFactory.SigningKey;
        return builder;
    }

    private (int Exit, string Output, string Errors) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exit = Commands.Token(Builder("Development", args), args, output, errors);
        return (exit, output.ToString().Trim(), errors.ToString());
    }

    [Test]
    public async Task Create_admin_adds_the_first_administrator_with_a_one_time_password_even_in_production()
    {
        string[] args = ["create-admin", "--id", "diyiren", "--name", "首位管理员", "--jurisdiction", "510115"];
        using var output = new StringWriter();
        using var errors = new StringWriter();
        Assert.That(await Commands.CreateAdminAsync(Builder("Production", args), args, output, errors), Is.Zero, errors.ToString());
        var password = output.ToString().Trim().Split('\n')[^1].Trim();
        Assert.That(password, Has.Length.EqualTo(16).And.Match("[A-Za-z]").And.Match("[0-9]"));

        var signedIn = await (await SignInAsync("diyiren", password)).Expect(HttpStatusCode.OK);
        Assert.That(signedIn.GetProperty("mustChangePassword").GetBoolean(), Is.True);
        Assert.That(signedIn.GetProperty("user").GetProperty("roles").EnumerateArray().Select(r => r.GetString()), Is.EqualTo(new[] { "admin" }));
        Assert.That(await AuditPayloadsAsync(), Has.Some.Contains("\"id\":\"diyiren\"").And.None.Contains(password), "audited, without the password");

        using var again = new StringWriter();
        Assert.That(await Commands.CreateAdminAsync(Builder("Production", args), args, new StringWriter(), again), Is.EqualTo(2));
        Assert.That(again.ToString(), Does.Contain("diyiren"));
        string[] bad = ["create-admin", "--id", "Di Yi", "--name", "x", "--jurisdiction", "51"];
        Assert.That(await Commands.CreateAdminAsync(Builder("Production", bad), bad, new StringWriter(), new StringWriter()), Is.EqualTo(2));
    }

    private static JsonWebToken Read(string token) => new JsonWebTokenHandler().ReadJsonWebToken(token);

    [Test]
    public async Task A_known_login_gets_its_roles_jurisdiction_and_credential_from_the_table()
    {
        var (exit, output, _) = Run("token", "--id", "kezhang", "--user", "别名", "--role", "clerk", "--jurisdiction", "510104");
        Assert.That(exit, Is.Zero);
        var token = Read(output);
        Assert.Multiple(() =>
        {
            Assert.That(token.GetClaim("sub").Value, Is.EqualTo("kezhang"));
            Assert.That(token.GetClaim("name").Value, Is.EqualTo("王科长"));
            Assert.That(token.Claims.Where(c => c.Type == "role").Select(c => c.Value), Is.EqualTo(new[] { "officer", "supervisor" }));
            Assert.That(token.GetClaim("jurisdiction").Value, Is.EqualTo("510115"));
            Assert.That(token.GetClaim("credential").Value, Is.EqualTo("51011508501"));
        });
        // The token works, with both roles.
        var client = Api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", output);
        await (await client.GetAsync("/api/users")).Expect(HttpStatusCode.OK);
        await (await client.GetAsync("/api/inspections")).Expect(HttpStatusCode.OK);
    }

    [Test]
    public void An_unknown_login_or_a_display_name_keeps_to_the_arguments()
    {
        var (exit, output, _) = Run("token", "--user", "张三", "--role", "officer", "--jurisdiction", "510104", "--credential", "51010400123");
        Assert.That(exit, Is.Zero);
        var token = Read(output);
        Assert.That((token.GetClaim("sub").Value, token.GetClaim("role").Value, token.GetClaim("jurisdiction").Value), Is.EqualTo(("张三", "officer", "510104")));
        var unknown = Read(Run("token", "--id", "nosuch", "--user", "某人", "--role", "clerk", "--jurisdiction", "510115").Output);
        Assert.That((unknown.GetClaim("sub").Value, unknown.GetClaim("name").Value), Is.EqualTo(("nosuch", "某人")));
        Assert.That(Run("token", "--id", "nosuch", "--user", "某人").Exit, Is.EqualTo(2), "without the table, role and jurisdiction are needed");
    }

    [Test]
    public async Task A_deactivated_user_gets_no_token()
    {
        var user = await (await Admin().GetAsync("/api/users/lizhi")).Expect(HttpStatusCode.OK);
        await (await Admin().PutJson("/api/users/lizhi", new
        {
            displayName = "离职者", roles = new[] { "clerk" }, jurisdiction = "510115", active = false, version = user.GetProperty("version").GetInt64(),
        })).Expect(HttpStatusCode.OK);
        var (exit, output, errors) = Run("token", "--id", "lizhi", "--user", "离职者", "--role", "clerk", "--jurisdiction", "510115");
        Assert.That((exit, output), Is.EqualTo((2, "")));
        Assert.That(errors, Does.Contain("停用"));
    }
}
