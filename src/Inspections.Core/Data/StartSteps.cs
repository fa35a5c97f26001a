namespace Inspections.Core.Data;

/// <summary>
/// What the start-up steps last did (start_steps, migration 0037): a step records its outcome when done, and a later
/// start that finds the same outcome recorded skips it. The clocks' due-soon thresholds and the one-time fill of the
/// figure facts use it; each reads whole tables otherwise, seconds at every start of a province's database.
/// </summary>
public static class StartSteps
{
    private static readonly Sql Read = new("SELECT outcome FROM start_steps WHERE step = @Step");
    private static readonly Sql Ensure = new(d => d.InsertIfAbsent("start_steps", "step, outcome", "@Step, @Outcome", "step"));
    private static readonly Sql Write = new("UPDATE start_steps SET outcome = @Outcome WHERE step = @Step");

    /// <summary>The outcome the step last recorded, or null when it never ran.</summary>
    public static async Task<string?> OutcomeAsync(DbConnectionFactory factory, string step, CancellationToken ct)
    {
        await using var db = new DbSession(factory);
        return await db.QuerySingleOrDefaultAsync<string>(Read, new { Step = step }, ct);
    }

    /// <summary>Records the step's outcome, replacing the one before.</summary>
    public static async Task RecordAsync(DbConnectionFactory factory, string step, string outcome, CancellationToken ct)
    {
        await using var db = new DbSession(factory);
        await db.BeginAsync(ct);
        await db.ExecuteAsync(Ensure, new { Step = step, Outcome = outcome }, ct);
        await db.ExecuteAsync(Write, new { Step = step, Outcome = outcome }, ct);
        await db.CommitAsync(ct);
    }
}
