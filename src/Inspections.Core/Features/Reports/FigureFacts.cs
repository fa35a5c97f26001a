using Inspections.Core.Data;
using Inspections.Core.Features.Calendar;
using Inspections.Core.Features.Cases;
using Inspections.Core.Features.OfficeWork;
using Inspections.Core.Features.Permits;
using Inspections.Domain.Calendar;

namespace Inspections.Core.Features.Reports;

/// <summary>
/// The one-time step after migration 0025: the facts the figures count (a case's closing and withdrawal dates and whether
/// its decision was on time, an application's on-time completion and days used, a letter's on-time reply) are written by
/// the commands from then on; rows written before are filled here, at start, by the same code the commands use (it needs
/// the working calendar, which SQL does not have). Each batch is its own transaction; a row already filled is never read
/// again, so a start after the first finds nothing to do.
/// </summary>
public sealed class FigureFacts(CalendarStore calendars, TimeProvider clock)
{
    public const int Batch = 500;

    private delegate Task Writer(DbSession db, ClockEvaluator evaluator, IReadOnlyCollection<Guid> ids, CancellationToken ct);

    /// <summary>Fills every row whose facts are missing; answers how many rows were filled.</summary>
    public async Task<int> BackfillAsync(DbConnectionFactory factory, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var filled = 0;
        filled += await FillAsync(factory, CaseFacts.Unfilled, CaseFacts.WriteAsync, ct);
        filled += await FillAsync(factory, PermitFacts.Unfilled, PermitFacts.WriteAsync, ct);
        filled += await FillAsync(factory, LetterFacts.Unfilled, (db, evaluator, ids, c) => LetterFacts.WriteAsync(db, evaluator, now, ids, c), ct);
        return filled;
    }

    private async Task<int> FillAsync(DbConnectionFactory factory, Sql unfilled, Writer write, CancellationToken ct)
    {
        var filled = 0;
        while (true)
        {
            await using var db = new DbSession(factory);
            await db.BeginAsync(ct);
            var ids = await db.QueryAsync<Guid>(unfilled, new { Batch }, ct);
            if (ids.Count == 0) return filled;
            await write(db, await calendars.EvaluatorAsync(db, ct), ids, ct);
            await db.CommitAsync(ct);
            filled += ids.Count;
        }
    }
}
