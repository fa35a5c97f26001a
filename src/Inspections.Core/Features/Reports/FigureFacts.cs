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
/// again, and once every row is filled the start records it and later starts do not look again.
/// </summary>
public sealed class FigureFacts(CalendarStore calendars, TimeProvider clock)
{
    public const int Batch = 500;

    private delegate Task Writer(DbSession db, ClockEvaluator evaluator, IReadOnlyCollection<Guid> ids, CancellationToken ct);

    /// <summary>The start step that records the fill as done: the commands store the facts from then on.</summary>
    public const string Step = "figureFacts.filled";

    /// <summary>
    /// Fills every row whose facts are missing, unless a start did so before (<see cref="StartSteps"/>: the search reads whole
    /// tables); answers how many rows were filled.
    /// </summary>
    public async Task<int> BackfillAsync(DbConnectionFactory factory, CancellationToken ct)
    {
        if (await StartSteps.OutcomeAsync(factory, Step, ct) is not null) return 0;
        var now = clock.GetUtcNow();
        var filled = 0;
        filled += await FillAsync(factory, CaseFacts.Unfilled, CaseFacts.WriteAsync, ct);
        filled += await FillAsync(factory, PermitFacts.Unfilled, PermitFacts.WriteAsync, ct);
        filled += await FillAsync(factory, LetterFacts.Unfilled, (db, evaluator, ids, c) => LetterFacts.WriteAsync(db, evaluator, now, ids, c), ct);
        await StartSteps.RecordAsync(factory, Step, "done", ct);
        return filled;
    }

    // The rows whose stored facts lean on a year's working calendar: the days from the start of their limit to the act.
    private static readonly Sql CasesOfYear = new("SELECT id FROM cases WHERE decided_at IS NOT NULL AND filed_on <= @Last AND decided_on >= @First");
    private static readonly Sql ApplicationsOfYear = new(
        "SELECT id FROM permit_applications WHERE completed_at IS NOT NULL AND accepted_on <= @Last AND completed_on >= @First");
    private static readonly Sql LettersOfYear = new("SELECT id FROM office_letters WHERE replied_on IS NOT NULL AND received_on <= @Last AND replied_on >= @First");

    /// <summary>
    /// Writes again, in the caller's transaction, the facts that lean on <paramref name="year"/>'s working calendar, as the stored
    /// deadline clocks are when an admin replaces a year; answers how many rows were written.
    /// </summary>
    public async Task<int> RecomputeYearAsync(DbSession db, int year, CancellationToken ct)
    {
        var evaluator = await calendars.EvaluatorAsync(db, ct);
        var now = clock.GetUtcNow();
        var p = new { First = new DateOnly(year, 1, 1), Last = new DateOnly(year, 12, 31) };
        var written = 0;
        async Task WriteAll(Sql of, Writer write)
        {
            foreach (var chunk in (await db.QueryAsync<Guid>(of, p, ct)).Chunk(Batch))
            {
                await write(db, evaluator, chunk, ct);
                written += chunk.Length;
            }
        }
        await WriteAll(CasesOfYear, CaseFacts.WriteAsync);
        await WriteAll(ApplicationsOfYear, PermitFacts.WriteAsync);
        await WriteAll(LettersOfYear, (session, e, ids, c) => LetterFacts.WriteAsync(session, e, now, ids, c));
        return written;
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
