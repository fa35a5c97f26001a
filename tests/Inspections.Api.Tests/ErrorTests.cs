using System.Net;
using Inspections.Api.Tests.Infrastructure;
using Inspections.Core.Data;

namespace Inspections.Api.Tests;

/// <summary>An unexpected failure is a 500 that says only what a user can act on: a trace id, no internals.</summary>
public sealed class ErrorTests() : ApiFixture("sqlite")
{
    protected override bool ChecksStoredClocks => false; // the venues table is renamed away

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

/// <summary>A write that loses a race on a unique index is a 409 on every database, not a 500.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class UniqueViolationTests(string provider) : ApiFixture(provider)
{
    [Test]
    public async Task A_duplicate_key_from_the_real_database_is_recognised_as_a_conflict()
    {
        var insert = new Sql("""
            INSERT INTO calendar_days (day, year, kind, name) VALUES (@Day, 2026, 'holiday', '重复')
            """);
        var session = new DbSession(new DbConnectionFactory(Api.Database));
        Exception? caught = null;
        await using (session)
        {
            try { await session.ExecuteAsync(insert, new { Day = new DateOnly(2026, 10, 1) }, CancellationToken.None); }
            catch (Exception e) { caught = e; }
        }
        Assert.That(caught, Is.Not.Null, "2026-10-01 is seeded, so a second row must be refused");
        Assert.That(DbErrors.IsUniqueViolation(caught!), Is.True, caught!.ToString());
        Assert.That(DbErrors.IsUniqueViolation(new InvalidOperationException()), Is.False);
    }

    [Test]
    public async Task Another_constraint_failure_is_not_taken_for_a_duplicate()
    {
        // SQLite reports NOT NULL and UNIQUE under the same primary code (19): only the extended code tells them apart.
        var insert = new Sql("""
            INSERT INTO calendar_days (day, year, kind, name) VALUES (@Day, 2026, 'holiday', NULL)
            """);
        var session = new DbSession(new DbConnectionFactory(Api.Database));
        Exception? caught = null;
        await using (session)
        {
            try { await session.ExecuteAsync(insert, new { Day = new DateOnly(2026, 12, 30) }, CancellationToken.None); }
            catch (Exception e) { caught = e; }
        }
        Assert.That(caught, Is.Not.Null, "calendar_days.name is NOT NULL");
        Assert.That(DbErrors.IsUniqueViolation(caught!), Is.False, caught!.ToString());
    }
}
