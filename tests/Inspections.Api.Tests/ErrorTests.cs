using System.Net;
using Inspections.Api.Tests.Infrastructure;
using Inspections.Core.Data;

namespace Inspections.Api.Tests;

/// <summary>An unexpected failure is a 500 that says only what a user can act on: a trace id, no internals.</summary>
public sealed class ErrorTests() : ApiFixture("sqlite")
{
    [Test]
    public async Task An_unexpected_database_failure_is_a_500_with_a_trace_id_and_nothing_internal()
    {
        var session = new DbSession(new DbConnectionFactory(Api.Database));
        await using (session)
            await session.ExecuteAsync(new Sql("ALTER TABLE venues RENAME TO venues_gone"), null, CancellationToken.None);

        var response = await Api.Client("officer").GetAsync("/api/venues");
        var body = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        var problem = await response.Json();
        Assert.That(problem.Str("traceId"), Is.Not.Empty);
        Assert.That(problem.Str("detail"), Does.Contain("追踪编号"));
        Assert.That(body, Does.Not.Contain("venues").And.Not.Contain("SELECT").And.Not.Contain("Sqlite").And.Not.Contain(" at "));
    }
}
