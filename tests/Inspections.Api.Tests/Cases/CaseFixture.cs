using System.Net;
using System.Text.Json;
using Inspections.Api.Auth;
using Inspections.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Inspections.Api.Tests.Cases;

/// <summary>
/// A host whose clock the test moves (the statement period, the 90-day limit); tokens are still
/// minted on the real clock so that moving the application's clock never expires them.
/// </summary>
public abstract class CaseFixture(string provider) : ApiFixture(provider)
{
    protected SettableClock Clock { get; } = new() { Now = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8)) };

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton(sp => new TokenIssuer(sp.GetRequiredService<AuthOptions>(), TimeProvider.System));
    }

    protected void SetLocal(int year, int month, int day, int hour = 10) =>
        Clock.Now = new DateTimeOffset(year, month, day, hour, 0, 0, TimeSpan.FromHours(8));

    protected HttpClient Officer(string jurisdiction = "510115") => Api.Client("officer", jurisdiction);

    protected HttpClient Supervisor(string jurisdiction = "510115") => Api.Client("supervisor", jurisdiction);

    protected static object Lead(string violation = "cafe-minors-admitted", string partyName = "星空网吧经营者王某") => new
    {
        source = "complaint",
        sourceReference = "举报 2026-017",
        party = new { kind = "company", name = partyName, unifiedSocialCreditCode = ValidCreditCode, address = "温江区柳城大道 88 号" },
        violationCode = violation,
        facts = "2025 年 11 月 30 日 22 时检查发现该网吧接纳未成年人 3 名上网。",
        // Before every day the tests record leads on: a lead dated in the future is refused.
        occurredOn = "2025-11-30",
    };

    /// <summary>The same lead with the act on <paramref name="occurredOn"/> (and, for a continuing act, ended on <paramref name="endedOn"/>).</summary>
    protected static Dictionary<string, object?> LeadOn(string occurredOn, string? endedOn = null, bool? seriousHarm = null, string violation = "cafe-minors-admitted")
    {
        var body = JsonSerializer.SerializeToElement(Lead(violation)).EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value);
        body["occurredOn"] = occurredOn;
        if (endedOn is not null) body["endedOn"] = endedOn;
        if (seriousHarm is not null) body["seriousHarm"] = seriousHarm;
        return body;
    }

    /// <summary>A code with a correct GB 32100 check character.</summary>
    protected const string ValidCreditCode = "91350100M000100Y43";

    protected async Task<JsonElement> OpenLeadAsync(object? body = null, string jurisdiction = "510115") =>
        await (await Officer(jurisdiction).PostJson("/api/cases", body ?? Lead())).Expect(HttpStatusCode.Created);

    /// <summary>Takes one step with the case's current version; the body's extra sections merge in.</summary>
    protected async Task<HttpResponseMessage> StepAsync(HttpClient client, JsonElement @case, string to, object? extra = null)
    {
        var body = new Dictionary<string, object?> { ["to"] = to, ["version"] = @case.GetProperty("version").GetInt64(), ["note"] = "办理" };
        if (extra is not null)
            foreach (var p in JsonSerializer.SerializeToElement(extra).EnumerateObject()) body[p.Name] = p.Value;
        return await client.PostJson($"/api/cases/{@case.Str("id")}/transitions", body);
    }

    /// <summary>Posts to one of the case's record endpoints (suspensions, challenges, …) with the case's current version.</summary>
    protected static async Task<JsonElement> RecordAsync(HttpClient client, JsonElement @case, string path, object body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var fields = JsonSerializer.SerializeToElement(body).EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value);
        fields["version"] = @case.GetProperty("version").GetInt64();
        return await (await client.PostJson($"/api/cases/{@case.Str("id")}/{path}", fields)).Expect(expected);
    }

    protected async Task<JsonElement> StepOkAsync(HttpClient client, JsonElement @case, string to, object? extra = null) =>
        await (await StepAsync(client, @case, to, extra)).Expect(HttpStatusCode.OK);

    /// <summary>What each step needs in its body; enough for any step so that only the stage rules decide.</summary>
    protected object Sections(DateOnly today) => new
    {
        priorNotice = new { noticeOn = today.ToString("yyyy-MM-dd"), rightsWaived = true, proposedPenalty = new { warning = true, fineAmount = 3000 } },
        hearing = new { requestedOn = today.ToString("yyyy-MM-dd") },
        decision = new { warning = true, fineAmount = 5000m, transferredTo = "温江区市场监督管理局" },
        service = new { method = "直接送达" },
        execution = new { finePaidOn = today.ToString("yyyy-MM-dd"), finePaidAmount = 5000m },
    };

    protected DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);

    /// <summary>Carries a fresh case along <paramref name="path"/> (stages after lead), with every section in each body.</summary>
    protected async Task<JsonElement> CarryAsync(params string[] path)
    {
        var c = await OpenLeadAsync();
        foreach (var to in path) c = await StepOkAsync(Supervisor(), c, to, Sections(Today));
        return c;
    }
}

/// <summary>A clock tests set to any instant, backwards too (each test starts its cases on the day it needs).</summary>
public sealed class SettableClock : TimeProvider
{
    public DateTimeOffset Now { get; set; }

    public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
}
