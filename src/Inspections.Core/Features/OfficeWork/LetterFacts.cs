using Inspections.Core.Data;
using Inspections.Core.Features.Alerts;
using Inspections.Domain.Calendar;

namespace Inspections.Core.Features.OfficeWork;

/// <summary>
/// Whether a letter's reply came by its due date (the reply limit, or for a petition never accepted the notice limit),
/// stored when the reply is recorded (migration 0025) so the office figures count late replies in SQL; rows replied to
/// before are filled by <see cref="Reports.FigureFacts"/>.
/// </summary>
internal static class LetterFacts
{
    private static readonly Sql Of = new(d => $"SELECT {LetterRows.Columns} FROM office_letters WHERE {d.IdIn("id", "@Ids")}");
    private static readonly Sql Write = new("UPDATE office_letters SET replied_on_time = @RepliedOnTime WHERE id = @Id");

    /// <summary>Letters replied to whose fact is not stored yet (replied before migration 0025).</summary>
    internal static readonly Sql Unfilled = new(d => $"""
        SELECT id FROM office_letters WHERE replied_on IS NOT NULL AND replied_on_time IS NULL ORDER BY id {d.Limit("@Batch")}
        """);

    public static async Task WriteAsync(DbSession db, ClockEvaluator evaluator, DateTimeOffset now, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        foreach (var letter in await db.QueryAsync<LetterRows.Row>(Of, new { Ids = ClockRows.IdList(ids) }, ct))
            if (LetterRows.Dto(letter, evaluator, now, 0).RepliedOnTime is { } onTime)
                await db.ExecuteAsync(Write, new { letter.Id, RepliedOnTime = onTime }, ct);
    }
}
