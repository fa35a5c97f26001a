using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Inspections.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Inspections.Api.Tests;

/// <summary>
/// Nothing answers 500 to a bad request: every mapped endpoint, called by every role with a set of
/// malformed bodies and query strings, gets a 4xx (or a 2xx where the input happens to be acceptable).
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class BadInputTests(string provider) : ApiFixture(provider)
{
    private static readonly string[] Bodies =
    [
        "{}",
        "[]",
        "null",
        "{\"version\":\"x\",\"id\":12,\"name\":[1,2],\"date\":\"2026-02-30\",\"limit\":-1}",
        "{\"version\":99999999999999999999999}",
        "{\"name\":\"" + new string('长', 5000) + "\",\"days\":[{\"date\":null}],\"officers\":[null],\"results\":[{}]}",
        "{\"to\":\"archived\",\"version\":1,\"kind\":\"\\u0000\",\"startedAt\":\"yesterday\"}",
        "not json at all",
    ];

    private static readonly string[] Queries =
    [
        "",
        "?limit=0&cursor=%%%",
        "?from=2026-13-01&to=x&date=2026-02-30&days=-5&year=abc",
        "?stage=nope&kind=nope&type=nope&openOnly=maybe&includeAcknowledged=2",
    ];

    [Test]
    public async Task No_endpoint_answers_500_to_malformed_input_from_any_role() => await Sweep(null);

    [Test]
    public async Task Refusals_are_in_english_when_english_is_asked_for() => await Sweep("en");

    private static readonly Regex Chinese = new(@"\p{IsCJKUnifiedIdeographs}", RegexOptions.Compiled);

    private async Task Sweep(string? language)
    {
        var endpoints = Api.Services.GetRequiredService<IEnumerable<EndpointDataSource>>()
            .SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api", StringComparison.Ordinal) || e.RoutePattern.RawText.StartsWith("api", StringComparison.Ordinal))
            .ToList();
        Assert.That(endpoints, Has.Count.GreaterThan(20));
        var failures = new List<string>();
        var calls = 0;
        var statuses = new List<int>();
        var englishChecked = 0;
        Assert.That(Chinese.IsMatch("未找到") && !Chinese.IsMatch("Not found"), "the check tells Chinese from English");
        foreach (var role in new[] { "officer", "clerk", "supervisor", "admin" })
        {
            var client = Api.Client(role, language: language);
            foreach (var endpoint in endpoints)
            {
                var template = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
                var path = Regex.Replace(template, @"\{([^}:]+)(:[^}]*)?\}", m => m.Groups[2].Value switch
                {
                    var c when c.Contains("guid") => Guid.CreateVersion7().ToString(),
                    var c when c.Contains("int") => "2026",
                    _ => "internetCafe",
                });
                foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                {
                    var inputs = method is "GET" or "DELETE"
                        ? Queries.Select(q => (Url: path + q, Body: (string?)null))
                        : Bodies.Select(b => (Url: path, Body: (string?)b));
                    foreach (var (url, body) in inputs)
                    {
                        using var request = new HttpRequestMessage(new HttpMethod(method), url);
                        if (body is not null)
                        {
                            request.Content = url.Contains("/evidence", StringComparison.Ordinal)
                                ? new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(body)), "file", "x.jpg" } }
                                : new StringContent(body, Encoding.UTF8, "application/json");
                        }
                        var response = await client.SendAsync(request);
                        calls++;
                        statuses.Add((int)response.StatusCode);
                        if ((int)response.StatusCode >= 500)
                            failures.Add($"{role} {method} {url} {(body is null ? "" : body[..Math.Min(body.Length, 60)])} → {(int)response.StatusCode}");
                        if (language == "en" && (int)response.StatusCode >= 400 && ++englishChecked > 0
                            && await response.Content.ReadAsStringAsync() is var text && Chinese.IsMatch(text))
                            failures.Add($"{role} {method} {url} {(body is null ? "" : body[..Math.Min(body.Length, 60)])} → Chinese in an English answer: {text[..Math.Min(text.Length, 300)]}");
                    }
                }
            }
        }
        TestContext.Out.WriteLine($"{calls} calls: " + string.Join(", ", statuses.GroupBy(s => s).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}")));
        Assert.That(calls, Is.GreaterThan(500));
        if (language == "en") Assert.That(englishChecked, Is.GreaterThan(500), "refusals checked for English");
        Assert.That(failures, Is.Empty, string.Join("\n", failures));
    }
}
