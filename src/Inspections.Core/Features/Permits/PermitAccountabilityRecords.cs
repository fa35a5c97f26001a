using Inspections.Core.Data;
using Inspections.Domain.Calendar;

namespace Inspections.Core.Features.Permits;

/// <summary>An accountability record 责任追究: an application completed late, or still open past its promised limit.</summary>
public sealed record AccountabilityDto
{
    public Guid Id { get; init; }
    public Guid ApplicationId { get; init; }
    public string Jurisdiction { get; init; } = "";
    public string ClerkId { get; init; } = "";      // the first-inquiry responsible person 首问责任人
    public string ClerkName { get; init; } = "";
    public string Title { get; init; } = "";
    /// <summary>completedLate (办结超期) or overdueOpen (超期未办结).</summary>
    public string Reason { get; init; } = "";
    public DateOnly DueDate { get; init; }
    public int OverdueDays { get; init; }
    public string Explanation { get; init; } = "";
    public DateTimeOffset DetectedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    /// <summary>open (待审查) or closed (已结论).</summary>
    public string Status { get; init; } = "";
    public string? Finding { get; init; }
    public string? ClosedByName { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    public long Version { get; init; }

    internal const string Columns = """
        id, application_id, jurisdiction, clerk_id, clerk_name, title, reason, due_date, overdue_days, explanation,
        detected_at, completed_at, status, finding, closed_by_name, closed_at, version
        """;
}

/// <summary>
/// Raising records: one per application, by whichever finds it first. Completion raises one in its
/// own transaction when it comes late; the sweep raises one for every application still open past
/// its promised limit; when an application the sweep found is completed, its record notes when.
/// </summary>
internal static class PermitAccountabilityRecords
{
    private static readonly Sql Insert = new(d => d.InsertIfAbsent("permit_accountability",
        "id, application_id, jurisdiction, clerk_id, clerk_name, title, reason, due_date, overdue_days, explanation, detected_at, completed_at, status, version",
        "@Id, @ApplicationId, @Jurisdiction, @ClerkId, @ClerkName, @Title, @Reason, @DueDate, @OverdueDays, @Explanation, @Now, @CompletedAt, 'open', 1",
        "application_id"));

    private static readonly Sql NoteCompletion = new("""
        UPDATE permit_accountability SET completed_at = @CompletedAt, overdue_days = @OverdueDays, explanation = @Explanation,
            version = version + 1
        WHERE application_id = @ApplicationId AND completed_at IS NULL
        """);

    /// <returns>1 when a record was raised, 0 when the application already had one.</returns>
    public static async Task<int> RaiseAsync(DbSession db, PermitRecord p, string reason, ClockEvaluation evaluation, string explanation,
        DateTimeOffset now, CancellationToken ct)
    {
        var completedAt = evaluation.IsCompleted ? p.CompletedAt : null;
        var parameters = new
        {
            Id = Guid.CreateVersion7(now),
            ApplicationId = p.Id,
            p.Jurisdiction,
            ClerkId = p.ResponsibleId,
            ClerkName = p.ResponsibleName,
            p.Title,
            Reason = reason,
            evaluation.DueDate,
            // Late on the weekend after a Friday deadline is late by no counted day yet.
            OverdueDays = Math.Max(0, -evaluation.RemainingDays),
            Explanation = explanation,
            Now = now,
            CompletedAt = completedAt,
        };
        var raised = await db.ExecuteAsync(Insert, parameters, ct);
        if (raised == 0 && completedAt is not null) await db.ExecuteAsync(NoteCompletion, parameters, ct);
        return raised;
    }
}
