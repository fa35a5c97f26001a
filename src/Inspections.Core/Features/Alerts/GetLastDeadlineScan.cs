using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.Alerts;

/// <summary>What one deadline scan did 到期扫描: clocks read, alerts raised, how long it took and when it finished.</summary>
public sealed record DeadlineScanDto
{
    public Guid Id { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset FinishedAt { get; init; }
    public int ClocksScanned { get; init; }
    public int DueSoon { get; init; }
    public int Overdue { get; init; }
    public int AlertsRaised { get; init; }
    public long DurationMs { get; init; }
}

/// <summary>The last deadline scan that finished (on any server); 404 before the first one.</summary>
public static class GetLastDeadlineScan
{
    [AllowedRoles(Roles.Supervisor, Roles.Admin)]
    public sealed record Query : IQuery<DeadlineScanDto>;

    private static readonly Sql Last = new(d => $"""
        SELECT id, started_at, finished_at, clocks_scanned, due_soon, overdue, alerts_raised, duration_ms
        FROM deadline_scans
        ORDER BY finished_at DESC, id DESC
        {d.Limit("1")}
        """);

    public sealed class Handler(DbSession db) : IQueryHandler<Query, DeadlineScanDto>
    {
        public async ValueTask<DeadlineScanDto> Handle(Query query, CancellationToken ct) =>
            await LastAsync(db, ct) ?? throw new NotFoundException("到期扫描记录", "deadline scan", "last");
    }

    /// <summary>The last finished scan, or null before the first (the health check reads it too).</summary>
    public static async Task<DeadlineScanDto?> LastAsync(DbSession db, CancellationToken ct) =>
        await db.QuerySingleOrDefaultAsync<DeadlineScanDto>(Last, null, ct);
}
