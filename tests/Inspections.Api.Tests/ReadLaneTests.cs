using System.Net;
using System.Text;
using System.Text.Json;
using Inspections.Api.Auth;
using Inspections.Api.Endpoints;
using Inspections.Api.Tests.Infrastructure;
using Inspections.Api.Tests.Users;
using Inspections.Core.Features.Users;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Inspections.Api.Tests;

/// <summary>
/// The API's read lane (AuthSetup.UseApiReadLane): a GET of an API read with a token validated before goes from the exception
/// handler straight to its endpoint. It is taken exactly by the reads it is meant for, and answers them as the whole pipeline
/// does; anything it does not take (a token seen for the first time, a role refused, an address or body type the input rules
/// refuse) goes through every step as before. Whether a request took it is read from the host's own log: the endpoint
/// middleware, which the lane does not pass through, logs each endpoint it runs.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class ReadLaneTests(string provider) : UserFixture(provider)
{
    private const string VenueById = "/api/venues/{id:guid}";

    private int EndpointRuns(string pattern) =>
        Logs.Lines.Count(l => l.Contains("Microsoft.AspNetCore.Routing.EndpointMiddleware: Executing endpoint", StringComparison.Ordinal)
            && l.Contains($"HTTP: GET {pattern}'", StringComparison.Ordinal));

    [Test]
    public async Task A_read_with_a_token_seen_before_takes_the_lane_and_answers_as_the_whole_pipeline_does()
    {
        await CreateAsync("rl-officer", "读取通道", ["officer"], credential: "51011508801");
        var token = await ReadyTokenAsync("rl-officer");
        var officer = Bearer(token);
        var venue = await (await officer.PostJson("/api/venues", new
        {
            name = "通道测试网吧", address = "成都市温江区光华大道8号", type = "internetCafe", operatorName = "李四",
            licenseStatus = "licensed", licenseNumber = "川文网0801", jurisdiction = "510115", terminals = 20,
        })).Expect(HttpStatusCode.Created);
        var id = venue.Str("id");

        // The POST above was the token's first request (the handler validated it); every GET from here is admitted from memory.
        var runs = EndpointRuns(VenueById);
        var first = await (await officer.GetAsync($"/api/venues/{id}")).Expect(HttpStatusCode.OK);
        var second = await (await officer.GetAsync($"/api/venues/{id}")).Expect(HttpStatusCode.OK);
        Assert.That(EndpointRuns(VenueById), Is.EqualTo(runs), "both reads went from the lane to the endpoint");
        Assert.That(second.GetRawText(), Is.EqualTo(first.GetRawText()));
        Assert.That(first.Str("name"), Is.EqualTo("通道测试网吧"));
        Assert.That(first.GetProperty("version").GetInt64(), Is.EqualTo(venue.GetProperty("version").GetInt64()));

        // A token this host has not seen (one minted now; signing in again within the second would give the same token): its
        // first read goes through every step (and the handler), the next takes the lane, with the same answer.
        var fresh = Bearer(Api.Services.GetRequiredService<TokenIssuer>()
            .Mint(new TokenSubject("rl-fresh", "rl-fresh", ["officer"], "510115", "51011508803", null), TimeSpan.FromMinutes(10)).Token);
        var throughAll = await (await fresh.GetAsync($"/api/venues/{id}")).Expect(HttpStatusCode.OK);
        Assert.That(EndpointRuns(VenueById), Is.EqualTo(runs + 1), "a token's first read runs through the whole pipeline");
        var inLane = await (await fresh.GetAsync($"/api/venues/{id}")).Expect(HttpStatusCode.OK);
        Assert.That(EndpointRuns(VenueById), Is.EqualTo(runs + 1));
        Assert.That(throughAll.GetRawText(), Is.EqualTo(first.GetRawText()));
        Assert.That(inLane.GetRawText(), Is.EqualTo(first.GetRawText()));
    }

    [Test]
    public async Task What_the_endpoint_throws_in_the_lane_is_the_same_problem_in_the_callers_language()
    {
        await CreateAsync("rl-missing", "读取通道二", ["officer"], credential: "51011508802");
        var token = await ReadyTokenAsync("rl-missing");
        await (await Bearer(token).GetAsync("/api/venues")).Expect(HttpStatusCode.OK); // the token's first request
        var unknown = $"/api/venues/{Guid.NewGuid()}";

        var runs = EndpointRuns(VenueById);
        var zh = await (await Bearer(token).GetAsync(unknown)).Expect(HttpStatusCode.NotFound);
        var en = await (await Bearer(token, "en").GetAsync(unknown)).Expect(HttpStatusCode.NotFound);
        Assert.That(EndpointRuns(VenueById), Is.EqualTo(runs), "both went by the lane");
        Assert.That(zh.Str("title"), Does.Match("[\\u4e00-\\u9fff]"), "Chinese by default");
        Assert.That(en.Str("title"), Does.Not.Match("[\\u4e00-\\u9fff]"), "English on Accept-Language: en");
        Assert.That(zh.GetProperty("status").GetInt32(), Is.EqualTo(404));
    }

    [Test]
    public async Task A_read_the_lane_does_not_take_is_refused_by_the_step_that_refuses_it()
    {
        await CreateAsync("rl-clerk", "读取通道三", ["clerk"], credential: null);
        var token = await ReadyTokenAsync("rl-clerk");
        var clerk = Bearer(token);
        await (await clerk.GetAsync("/api/venues")).Expect(HttpStatusCode.OK);
        var id = Guid.NewGuid();

        // A role the endpoint does not admit (a venue's history is for officers and supervisors): the authorization step's 403.
        var refused = await (await clerk.GetAsync($"/api/venues/{id}/history")).Expect(HttpStatusCode.Forbidden);
        Assert.That(refused.GetProperty("status").GetInt32(), Is.EqualTo(403));

        // A control character in the path: the input rules' 400, naming the path.
        var badPath = await (await clerk.GetAsync("/api/venues/a%01b")).Expect(HttpStatusCode.BadRequest);
        Assert.That(badPath.FieldErrors("path"), Is.Not.Empty);

        // An address too long: the input rules' 414.
        await (await clerk.GetAsync($"/api/venues?search={new string('a', 9_000)}")).Expect(HttpStatusCode.RequestUriTooLong);

        // A body type on a read: not the lane's (the input rules look at it first), answered as any read.
        using var withBody = new HttpRequestMessage(HttpMethod.Get, $"/api/venues/{id}")
        {
            Content = new StringContent("{}", Encoding.UTF8, "application/json"),
        };
        await (await clerk.SendAsync(withBody)).Expect(HttpStatusCode.NotFound);

        // No token, or one altered: asked to sign in.
        await (await Api.Client(null).GetAsync($"/api/venues/{id}")).Expect(HttpStatusCode.Unauthorized);
        await (await Bearer(token[..^2] + (token[^2] == 'A' ? "BB" : "AA")).GetAsync($"/api/venues/{id}")).Expect(HttpStatusCode.Unauthorized);
    }

    [Test]
    public void The_lane_takes_exactly_the_api_reads()
    {
        var policies = Api.Services.GetRequiredService<EndpointPolicies>();
        var endpoints = Api.Services.GetRequiredService<IEnumerable<EndpointDataSource>>().SelectMany(s => s.Endpoints).Distinct().ToList();
        var lane = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var route = endpoint as RouteEndpoint;
            var name = $"{string.Join(",", endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])} {route?.RoutePattern.RawText ?? endpoint.DisplayName}";
            var kept = policies.For(endpoint);
            var apiRead = endpoint.Metadata.GetMetadata<WritesItsAnswers>() is not null;
            if (!kept.ReadLane)
            {
                Assert.That(apiRead && kept.Policy is not null, Is.False, $"{name}: an API read with a kept policy takes the lane");
                continue;
            }
            lane.Add(name);
            Assert.That(apiRead, Is.True, $"{name} writes its own answers");
            Assert.That(route!.RoutePattern.RawText, Does.StartWith("/api/"), name);
            Assert.That(endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods, Is.EqualTo(new[] { "GET" }), name);
            Assert.That(kept.Policy, Is.Not.Null, name);
        }
        Assert.That(lane, Has.Count.GreaterThan(30), "the API's reads");
        Assert.That(lane, Does.Contain("GET " + VenueById));
        Assert.That(lane, Has.None.Contains("/health").And.None.Contains("/openapi").And.None.Contains("sign-in"));
    }
}
