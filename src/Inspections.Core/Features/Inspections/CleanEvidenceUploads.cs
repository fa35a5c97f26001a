using Inspections.Core.Behaviors;
using Inspections.Core.Data;
using Inspections.Core.Evidence;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.Inspections;

/// <summary>
/// Removes resumable uploads left unfinished for longer than <see cref="EvidenceOptions.UploadExpiry"/> since
/// their last chunk, with their received bytes, and chunk spool files a stopped process left behind. Run by a
/// recurring job (<see cref="EvidenceUploadCleanupJob"/>) and on demand by an administrator. Completed uploads
/// stay: they record who uploaded which evidence; their bytes are already in the store.
/// </summary>
public static class CleanEvidenceUploads
{
    [NotForStations(StationBar.SystemWide)]
    [AllowedRoles(Roles.System, Roles.Admin)]
    public sealed record Command : ICommand<Result>;

    public sealed record Result(int Removed, DateTimeOffset UntouchedSince);

    private static readonly Sql SelectAbandoned = new(
        "SELECT id FROM evidence_uploads WHERE evidence_id IS NULL AND updated_at < @Before ORDER BY updated_at, id");

    private static readonly Sql Delete = new("DELETE FROM evidence_uploads WHERE id = @Id AND evidence_id IS NULL AND updated_at < @Before");

    public sealed class Handler(DbSession db, TimeProvider clock, EvidenceOptions options, UploadStaging staging, IUploadParts parts) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            var before = now - options.UploadExpiry;
            var removed = new List<Guid>();
            foreach (var id in await db.QueryAsync<Guid>(SelectAbandoned, new { Before = before }, ct))
                if (await db.ExecuteAsync(Delete, new { Id = id, Before = before }, ct) == 1) removed.Add(id);
            // The rows go first: a part file deleted under a row that stayed (a failed commit) is answered as
            // "start again", never served as evidence. Pieces in the database go with the rows, in one transaction.
            foreach (var id in removed)
            {
                await parts.DeleteAsync(id, ct);
                staging.Forget(id);
            }
            staging.DeleteStaleSpools(now - TimeSpan.FromHours(1));
            db.AuditAbout("evidence-upload-cleanup", Guid.CreateVersion7(now));
            return new Result(removed.Count, before);
        }
    }
}

/// <summary>The Hangfire job: thin, it sends the cleanup command as the system user.</summary>
public sealed class EvidenceUploadCleanupJob(IMediator mediator)
{
    public const string Id = "evidence-upload-cleanup";

    public async Task RunAsync(CancellationToken ct) => await mediator.Send(new CleanEvidenceUploads.Command(), ct);
}
