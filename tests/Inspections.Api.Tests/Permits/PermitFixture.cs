using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Inspections.Api.Auth;
using Inspections.Api.Tests.Cases;
using Inspections.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Inspections.Api.Tests.Permits;

/// <summary>A host whose clock the test moves day by day through the window's work; tokens stay on the real clock.</summary>
public abstract class PermitFixture(string provider) : ApiFixture(provider)
{
    protected SettableClock Clock { get; } = new() { Now = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8)) };

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton(sp => new TokenIssuer(sp.GetRequiredService<AuthOptions>(), TimeProvider.System));
    }

    protected void SetLocal(int year, int month, int day, int hour = 10) =>
        Clock.Now = new DateTimeOffset(year, month, day, hour, 0, 0, TimeSpan.FromHours(8));

    /// <summary>A named user: the name is their id too, so queues and responsibility can be told apart.</summary>
    protected HttpClient As(string role, string user, string jurisdiction = "510115")
    {
        var client = Api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Api.Token(role, jurisdiction, user));
        return client;
    }

    protected HttpClient Supervisor(string jurisdiction = "510115") => As("supervisor", "王科长", jurisdiction);

    protected static object Application(string item, string kind, params string[] materials) => new
    {
        itemCode = item,
        kind,
        applicant = new { name = "成都星空网络有限公司", unifiedSocialCreditCode = "91350100M000100Y43", phone = "028-82711234" },
        materials,
    };

    protected static readonly string[] AudioVideoMaterials = ["application", "business-licence", "representative-id", "premises"];

    protected static readonly string[] InternetCafeMaterials =
        ["application", "business-licence", "representative-id", "premises", "fire-safety", "network-security", "floor-plan"];

    protected static async Task<JsonElement> ReceiveAsync(HttpClient clerk, object application) =>
        await (await clerk.PostJson("/api/permits", application)).Expect(HttpStatusCode.Created);

    protected static async Task<HttpResponseMessage> StepAsync(HttpClient client, JsonElement permit, string to, object? extra = null)
    {
        var body = new Dictionary<string, object?> { ["to"] = to, ["version"] = permit.GetProperty("version").GetInt64() };
        if (extra is not null)
            foreach (var p in JsonSerializer.SerializeToElement(extra).EnumerateObject()) body[p.Name] = p.Value;
        return await client.PostJson($"/api/permits/{permit.Str("id")}/transitions", body);
    }

    protected static async Task<JsonElement> StepOkAsync(HttpClient client, JsonElement permit, string to, object? extra = null) =>
        await (await StepAsync(client, permit, to, extra)).Expect(HttpStatusCode.OK);

    protected static async Task<JsonElement> GetAsync(HttpClient client, JsonElement permit) =>
        await (await client.GetAsync($"/api/permits/{permit.Str("id")}")).Expect(HttpStatusCode.OK);

    protected static string[] Strings(JsonElement e, string property) =>
        e.GetProperty(property).EnumerateArray().Select(x => x.ValueKind == JsonValueKind.String ? x.GetString()! : x.Str("code")).ToArray();

    protected static JsonElement Promised(JsonElement permit) => permit.GetProperty("clocks").GetProperty("promised");

    protected static JsonElement Statutory(JsonElement permit) => permit.GetProperty("clocks").GetProperty("statutory");
}
