using Inspections.Api.Tests.Infrastructure;
using Inspections.Core.Data;

namespace Inspections.Api.Tests;

/// <summary>
/// One session may run several commands (a job's scope does): each command's audit subject is its own,
/// so a command that names none is refused rather than audited under the one before it.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class DbSessionTests(string provider) : ApiFixture(provider)
{
    [Test]
    public async Task The_audit_subject_lasts_one_transaction()
    {
        await using var session = new DbSession(new DbConnectionFactory(Api.Database));

        await session.BeginAsync(CancellationToken.None);
        session.AuditAbout("venue", Guid.NewGuid());
        await session.CommitAsync(CancellationToken.None);
        Assert.That(session.AuditSubject, Is.Null, "cleared by the commit");

        await session.BeginAsync(CancellationToken.None);
        session.AuditAbout("case", "c-1");
        await session.RollbackAsync();
        Assert.That(session.AuditSubject, Is.Null, "cleared by the rollback");

        session.AuditAbout("permit", "left over");
        await session.BeginAsync(CancellationToken.None);
        Assert.That(session.AuditSubject, Is.Null, "a new transaction starts without a subject");
        await session.RollbackAsync();
    }

    [Test]
    public async Task A_released_connection_goes_back_to_the_pool_and_a_transaction_keeps_its_own()
    {
        await using var session = new DbSession(new DbConnectionFactory(Api.Database));
        var first = await session.ConnectionAsync(CancellationToken.None);
        Assert.That(await session.ExecuteScalarAsync<long>(new Sql("SELECT 1"), null, CancellationToken.None), Is.EqualTo(1));

        await session.ReleaseAsync();
        Assert.That(first.State, Is.EqualTo(System.Data.ConnectionState.Closed), "given back: closed to the session");
        Assert.That(await session.ExecuteScalarAsync<long>(new Sql("SELECT 2"), null, CancellationToken.None), Is.EqualTo(2), "opened again when used");
        var second = await session.ConnectionAsync(CancellationToken.None);
        Assert.That(second, Is.Not.SameAs(first));

        await session.BeginAsync(CancellationToken.None);
        await session.ReleaseAsync();
        Assert.That(await session.ConnectionAsync(CancellationToken.None), Is.SameAs(second), "a transaction's connection stays");
        Assert.That(second.State, Is.EqualTo(System.Data.ConnectionState.Open));
        Assert.That(await session.ExecuteScalarAsync<long>(new Sql("SELECT 3"), null, CancellationToken.None), Is.EqualTo(3));
        await session.CommitAsync(CancellationToken.None);
    }
}
