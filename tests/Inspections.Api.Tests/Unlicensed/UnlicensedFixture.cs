using System.Net;
using System.Text.Json;
using Inspections.Api.Auth;
using Inspections.Api.Tests.Cases;
using Inspections.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Inspections.Api.Tests.UnlicensedFeature;

/// <summary>
/// A host whose clock stands at 2026-11-20 (so September's notices are history and a November one
/// is still running), with helpers that walk a campaign through its steps over HTTP.
/// </summary>
public abstract class UnlicensedFixture(string provider) : ApiFixture(provider)
{
    protected SettableClock Clock { get; } = new() { Now = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(8)) };

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton(sp => new TokenIssuer(sp.GetRequiredService<AuthOptions>(), TimeProvider.System));
    }

    protected HttpClient Officer(string jurisdiction = "510115") => Api.Client("officer", jurisdiction);

    protected static object Campaign(string name = "无证网吧集中整治", params string[] types) => new
    {
        name,
        startsOn = "2026-09-01",
        endsOn = "2026-12-31",
        venueTypes = types.Length == 0 ? ["internetCafe", "gameArcade"] : types,
    };

    protected async Task<string> OpenCampaignAsync(string name = "无证网吧集中整治") =>
        (await (await Officer().PostJson("/api/unlicensed-campaigns", Campaign(name))).Expect(HttpStatusCode.Created)).Str("id");

    protected static object Found(string name, string type = "internetCafe", string foundOn = "2026-09-10") => new
    {
        name,
        address = "温江区柳城街道 " + name,
        type,
        operatorName = name + "经营者",
        foundOn,
    };

    protected async Task<JsonElement> SurveyAsync(string campaign, object body) =>
        await (await Officer().PostJson($"/api/unlicensed-campaigns/{campaign}/venues", body)).Expect(HttpStatusCode.Created);

    protected static string Url(string campaign, JsonElement venue, string path = "") =>
        $"/api/unlicensed-campaigns/{campaign}/venues/{venue.Str("id")}{path}";

    protected static long Version(JsonElement venue) => venue.GetProperty("version").GetInt64();

    protected async Task<JsonElement> NoticeAsync(string campaign, JsonElement venue, string issuedOn, int limitDays) =>
        await (await Officer().PostJson(Url(campaign, venue, "/notice"),
            new { version = Version(venue), issuedOn, limitDays, requirements = "停止无证经营，限期办理许可或停业" })).Expect(HttpStatusCode.OK);

    protected async Task<JsonElement> PrerequisiteAsync(string campaign, JsonElement venue, string department, string status,
        string? decidedOn = "2026-10-15", string? note = null) =>
        await (await Officer().PutJson(Url(campaign, venue, $"/prerequisites/{department}"),
            new { version = Version(venue), status, decidedOn, note })).Expect(HttpStatusCode.OK);

    protected Task<HttpResponseMessage> OutcomeAsync(string campaign, JsonElement venue, object fields)
    {
        var body = JsonSerializer.SerializeToElement(fields).EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value);
        body["version"] = Version(venue);
        return Officer().PostJson(Url(campaign, venue, "/outcome"), body);
    }

    /// <summary>A permit application received at the window, for a venue that gets licensed.</summary>
    protected async Task<string> PermitApplicationAsync(string applicant) =>
        (await (await Api.Client("clerk").PostJson("/api/permits", new
        {
            itemCode = "internet-cafe",
            kind = "establish",
            applicant = new { name = applicant, phone = "028-82711234" },
            materials = new[] { "application" },
        })).Expect(HttpStatusCode.Created)).Str("id");

    protected async Task<JsonElement> ProgressAsync(string campaign) =>
        await (await Officer().GetAsync($"/api/unlicensed-campaigns/{campaign}/progress")).Expect(HttpStatusCode.OK);
}
