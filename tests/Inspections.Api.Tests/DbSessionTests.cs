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
}
