using System.Text;
using Inspections.Api.Tests.Infrastructure;

namespace Inspections.Api.Tests;

/// <summary>The check that every API test's answers go through can fail, and says where.</summary>
public sealed class OpenApiContractTests
{
    private static readonly Lazy<OpenApiContract> Contract =
        new(() => OpenApiContract.Parse(File.ReadAllText(OpenApiSnapshotTests.SnapshotPath())));

    private static OpenApiContract.Operation Operation(string method, string path) =>
        Contract.Value.Find(method, path, out _) ?? throw new AssertionException($"{method} {path} not in the document");

    private static IReadOnlyList<string> Check(string method, string path, int status, string? type, string body) =>
        OpenApiContract.Check(Operation(method, path), status, type, Encoding.UTF8.GetBytes(body));

    private const string Venue = """
        {"id":"0b5f2f3e-8a4c-4a51-9a59-1b2f4c0e8d11","jurisdiction":"510115","name":"星空网吧","address":"温江区柳城大道 88 号",
         "type":"internetCafe","operatorName":null,"legalRepresentative":null,"unifiedSocialCreditCode":null,"licenseNumber":"川网文 0115 号",
         "licenseValidUntil":null,"licenseStatus":"licensed","terminals":120,"rooms":null,"createdAt":"2026-03-02T08:00:00Z","updatedAt":"2026-03-02T08:00:00Z","version":1%EXTRA%}
        """;

    [Test]
    public void A_body_as_declared_passes() =>
        Assert.That(Check("GET", "/api/venues/0b5f2f3e-8a4c-4a51-9a59-1b2f4c0e8d11", 200, "application/json; charset=utf-8",
            Venue.Replace("%EXTRA%", "", StringComparison.Ordinal)), Is.Empty);

    [Test]
    public void A_wrongly_typed_field_is_named_by_its_path() =>
        Assert.That(Check("GET", "/api/venues/0b5f2f3e-8a4c-4a51-9a59-1b2f4c0e8d11", 200, "application/json",
                Venue.Replace("\"version\":1", "\"version\":\"1\"", StringComparison.Ordinal).Replace("%EXTRA%", "", StringComparison.Ordinal)),
            Has.Some.Contains("/version"));

    [Test]
    public void A_field_the_document_does_not_name_is_a_mismatch() =>
        Assert.That(Check("GET", "/api/venues/0b5f2f3e-8a4c-4a51-9a59-1b2f4c0e8d11", 200, "application/json",
            Venue.Replace("%EXTRA%", ",\"secret\":true", StringComparison.Ordinal)), Has.Some.Contains("/secret"));

    [Test]
    public void An_undeclared_status_is_a_mismatch() =>
        Assert.That(Check("GET", "/api/venues", 418, "application/json", "{}"), Has.Some.Contains("418 is not declared"));

    [Test]
    public void An_undeclared_content_type_is_a_mismatch() =>
        Assert.That(Check("GET", "/api/venues", 200, "text/html", "<html></html>"), Has.Some.Contains("text/html is not declared"));

    [Test]
    public void A_problem_must_be_a_problem_document() =>
        Assert.That(Check("POST", "/api/venues", 400, "application/problem+json", """{"title":"x","errors":{"name":"required"}}"""),
            Has.Some.Contains("/errors/name"));

    [Test]
    public void Literal_segments_win_over_parameters()
    {
        var candidates = Contract.Value.Find("GET", "/api/cases/closure-rate", out var known);
        Assert.That(known, Is.True);
        Assert.That(candidates?.Template, Is.EqualTo("/api/cases/closure-rate"));
    }
}
