using System.Net;
using System.Text.Json;
using Inspections.Api.Tests.Infrastructure;
using Inspections.Core.Data;

namespace Inspections.Api.Tests.Jurisdictions;

/// <summary>
/// The jurisdiction tree 辖区 as seeded (四川省 › 成都市 › its districts › the towns and streets of 温江区
/// and 锦江区), read through GET /api/jurisdictions by users at each level.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class JurisdictionTreeTests(string provider) : ApiFixture(provider)
{
    private static readonly string[] WenjiangTowns =
        ["柳城街道", "公平街道", "天府街道", "涌泉街道", "金马街道", "永宁街道", "和盛镇", "寿安镇", "万春镇"];

    private static List<JsonElement> Items(JsonElement list) => list.EnumerateArray().ToList();

    private static List<string> Codes(JsonElement list) => Items(list).Select(i => i.Str("code")).ToList();

    [Test]
    public async Task A_district_lists_its_towns_and_streets_with_their_parent_and_level()
    {
        var list = await (await Api.Client("officer", "510115").GetAsync("/api/jurisdictions?under=510115")).Expect(HttpStatusCode.OK);
        var items = Items(list);
        Assert.Multiple(() =>
        {
            Assert.That(items[0].Str("code"), Is.EqualTo("510115"));
            Assert.That(items[0].Str("name"), Is.EqualTo("温江区"));
            Assert.That(items[0].Str("parentCode"), Is.EqualTo("510100"));
            Assert.That(items[0].Str("level"), Is.EqualTo("district"));
            var towns = items.Skip(1).ToList();
            Assert.That(towns.Select(t => t.Str("name")), Is.EquivalentTo(WenjiangTowns));
            Assert.That(towns.Select(t => t.Str("parentCode")), Is.All.EqualTo("510115"));
            Assert.That(towns.Select(t => t.Str("level")), Is.All.EqualTo("town"));
            Assert.That(towns.Select(t => t.Str("code")), Is.All.Length.EqualTo(9).And.All.StartsWith("510115"));
            Assert.That(Codes(list), Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal), "in code order");
        });
    }

    [Test]
    public async Task Without_under_a_user_reads_their_node_and_below_with_the_names_above()
    {
        var town = await (await Api.Client("officer", "510115001").GetAsync("/api/jurisdictions")).Expect(HttpStatusCode.OK);
        Assert.That(Items(town).Select(i => (i.Str("code"), i.Str("name"), i.Str("level"))), Is.EqualTo(new[]
        {
            ("510000", "四川省", "province"), ("510100", "成都市", "city"), ("510115", "温江区", "district"), ("510115001", "柳城街道", "town"),
        }));
        Assert.That(Items(town)[0].GetProperty("parentCode").ValueKind, Is.EqualTo(JsonValueKind.Null), "a province has no parent");

        var district = await (await Api.Client("supervisor", "510115").GetAsync("/api/jurisdictions")).Expect(HttpStatusCode.OK);
        Assert.That(Codes(district), Has.Count.EqualTo(2 + 1 + WenjiangTowns.Length));
        Assert.That(Codes(district), Does.Not.Contain("510104").And.Not.Contain("510104020"), "not the neighbour or its streets");

        var city = await (await Api.Client("supervisor", "510100").GetAsync("/api/jurisdictions")).Expect(HttpStatusCode.OK);
        Assert.That(Codes(city), Does.Contain("510104").And.Contain("510107").And.Contain("510185").And.Contain("510115001"));
        Assert.That(Codes(city), Does.Contain("510104020").And.Contain("510115103"), "the towns of its districts too");
        Assert.That(Codes(city)[0], Is.EqualTo("510000"));
    }

    [Test]
    public async Task A_station_cannot_list_its_district_or_a_sibling_town()
    {
        var station = Api.Client("officer", "510115001");
        await (await station.GetAsync("/api/jurisdictions?under=510115")).Expect(HttpStatusCode.Forbidden);
        await (await station.GetAsync("/api/jurisdictions?under=510115002")).Expect(HttpStatusCode.Forbidden);
        var own = await (await station.GetAsync("/api/jurisdictions?under=510115001")).Expect(HttpStatusCode.OK);
        Assert.That(Codes(own), Is.EqualTo(new[] { "510115001" }));
    }

    [Test]
    public async Task An_unknown_or_malformed_code_is_a_field_error_naming_it()
    {
        var district = Api.Client("officer", "510115");
        var unknown = await (await district.GetAsync("/api/jurisdictions?under=510115998")).Expect(HttpStatusCode.BadRequest);
        Assert.That(unknown.FieldErrors("under"), Has.Some.Contains("510115998").And.Some.Contains("辖区目录"));
        var english = await (await Api.Client("officer", "510115", "en").GetAsync("/api/jurisdictions?under=510115998")).Expect(HttpStatusCode.BadRequest);
        Assert.That(english.FieldErrors("under"), Has.Some.Contains("510115998").And.Some.Contains("not in the jurisdiction tree"));
        foreach (var bad in new[] { "510115000", "51011", "5101150011", "000115" })
        {
            var malformed = await (await district.GetAsync($"/api/jurisdictions?under={bad}")).Expect(HttpStatusCode.BadRequest);
            Assert.That(malformed.FieldErrors("under"), Has.Some.Contains("9 位乡镇（街道）代码"), bad);
        }
    }

    [Test]
    public async Task Seeding_again_adds_what_is_missing_and_keeps_edited_names()
    {
        var factory = new DbConnectionFactory(Api.Database);
        await using (var db = new DbSession(factory))
        {
            await db.ExecuteAsync(new Sql("UPDATE jurisdictions SET name = '合江亭街道办事处' WHERE code = '510104022'"), null, CancellationToken.None);
            await db.ExecuteAsync(new Sql("DELETE FROM jurisdictions WHERE code = '510104023'"), null, CancellationToken.None);
        }
        var before = await Api.CountAsync("jurisdictions");
        await Seeder.RunAsync(factory, new SeedFiles(SeedFiles.DefaultRoot), TimeProvider.System);
        Assert.That(await Api.CountAsync("jurisdictions"), Is.EqualTo(before + 1), "the deleted street is back, nothing doubled");

        var list = await (await Api.Client("officer", "510104022").GetAsync("/api/jurisdictions?under=510104022")).Expect(HttpStatusCode.OK);
        Assert.That(Items(list).Single().Str("name"), Is.EqualTo("合江亭街道办事处"), "an edited name survives the seed");
        var jinjiang = await (await Api.Client("officer", "510104").GetAsync("/api/jurisdictions?under=510104")).Expect(HttpStatusCode.OK);
        Assert.That(Codes(jinjiang), Does.Contain("510104023"));
    }

    [Test]
    public async Task The_dev_token_command_mints_a_station_token_that_the_api_honours()
    {
        string[] args = ["token", "--user", "柳城文化站", "--id", "liucheng", "--role", "officer", "--jurisdiction", "510115001"];
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder(new Microsoft.AspNetCore.Builder.WebApplicationOptions
        {
            EnvironmentName = "Development", Args = args,
        });
        builder.Configuration["Auth:SigningKey"] = ApiFactory.SigningKey;
        var output = new StringWriter();
        var original = Console.Out;
        int status;
        Console.SetOut(output);
        try { status = Inspections.Api.Infrastructure.Commands.Token(builder, args); }
        finally { Console.SetOut(original); }
        Assert.That(status, Is.Zero);
        var token = output.ToString().Trim().Split('\n')[^1].Trim();
        Assert.That(new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token).GetClaim("jurisdiction").Value, Is.EqualTo("510115001"));

        var client = Api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var list = await (await client.GetAsync("/api/jurisdictions?under=510115001")).Expect(HttpStatusCode.OK);
        Assert.That(Codes(list), Is.EqualTo(new[] { "510115001" }));

        var refused = new StringWriter();
        var error = Console.Error;
        Console.SetError(refused);
        try
        {
            Assert.That(Inspections.Api.Infrastructure.Commands.Token(builder, ["token", "--user", "x", "--role", "officer", "--jurisdiction", "510115000"]), Is.EqualTo(2));
        }
        finally { Console.SetError(error); }
        Assert.That(refused.ToString(), Does.Contain("9 位乡镇（街道）代码"));
    }
}
