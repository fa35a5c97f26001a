using Inspections.Core.Data;

namespace Inspections.Core.Features.Alerts;

/// <summary>
/// The stored clocks counted by due date (clock_due_days, migration 0035): for each jurisdiction, kind of work, clock, due
/// date and first due-soon day (<see cref="Never"/> for a clock that never reads due soon), how many clocks are stored;
/// suspended clocks, which have no dates, are not counted. <see cref="ClockRows"/> moves the counts whenever it replaces
/// clocks, in the same transaction, so a dashboard counts a city's due-soon and overdue work from a few thousand rows.
/// </summary>
public static class ClockDueDays
{
    /// <summary>The first due-soon day of a clock that never reads due soon: after every day a dashboard asks about.</summary>
    public static readonly DateOnly Never = new(9999, 12, 31);

    /// <summary>What the counts key a stored clock by: as the table holds it, or as returned by a delete.</summary>
    internal sealed record Key
    {
        public string Jurisdiction { get; init; } = "";
        public string SubjectType { get; init; } = "";
        public string Clock { get; init; } = "";
        public DateOnly? DueOn { get; init; }
        public DateOnly? DueSoonOn { get; init; }
    }

    /// <summary>The counts, and the same counted afresh from the stored clocks as they now stand (what migration 0035 wrote).</summary>
    public static readonly SummaryTable Table = new("clock_due_days", "jurisdiction, subject_type, clock, due_on, due_soon_on", "number", """
        SELECT jurisdiction, subject_type, clock, due_on, COALESCE(due_soon_on, @Never) AS due_soon_on, COUNT(*) AS number
        FROM deadline_clocks
        WHERE due_on IS NOT NULL
        GROUP BY jurisdiction, subject_type, clock, due_on, COALESCE(due_soon_on, @Never)
        """, new { Never });

    /// <summary>
    /// Moves the counts from the clocks a refresh deleted (<paramref name="deleted"/>) to those it wrote
    /// (<paramref name="written"/>): a clock written again with the same dates changes nothing; each changed count's row is
    /// created when absent and changed by the difference, in the order of the keys.
    /// </summary>
    internal static async Task MoveAsync(DbSession db, IEnumerable<Key> deleted, IEnumerable<ClockRows.Row> written, CancellationToken ct)
    {
        var changes = Table.Start();
        void Move(string jurisdiction, string subjectType, string clock, DateOnly? dueOn, DateOnly? dueSoonOn, int sign)
        {
            if (dueOn is { } due) changes.At(jurisdiction, subjectType, clock, due, dueSoonOn ?? Never)[0] += sign;
        }
        foreach (var k in deleted) Move(k.Jurisdiction, k.SubjectType, k.Clock, k.DueOn, k.DueSoonOn, -1);
        foreach (var r in written) Move(r.Jurisdiction, r.SubjectType, r.Clock, r.DueOn, r.DueSoonOn, +1);
        await changes.WriteAsync(db, ct);
    }
}
