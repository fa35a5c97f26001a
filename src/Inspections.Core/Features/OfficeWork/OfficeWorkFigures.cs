using Inspections.Core.Data;
using Inspections.Domain.Access;

namespace Inspections.Core.Features.OfficeWork;

/// <summary>
/// The office's own work counted for a period: trainings (and the owners who came), publicity events, letters
/// received and replied to by kind (a letter counts as replied in the period its reply falls in, as 篇3's "回复区长信箱1件"),
/// and the replies given after their due date. Seizures are counted with the inspections' in the work summary.
/// </summary>
public sealed record OfficeWorkFigures
{
    public int Trainings { get; init; }
    public int TrainingAttendees { get; init; }
    public int Publicity { get; init; }
    public int MailboxReceived { get; init; }
    public int MailboxReplied { get; init; }
    public int PetitionsReceived { get; init; }
    public int PetitionsReplied { get; init; }
    /// <summary>Letters replied to in the period after their due date.</summary>
    public int RepliedLate { get; init; }
    /// <summary>Letters still waiting for a reply at the end of the period (or today, if sooner).</summary>
    public int AwaitingReply { get; init; }

    private sealed record Counts
    {
        public long Trainings { get; init; }
        public long TrainingAttendees { get; init; }
        public long Publicity { get; init; }
        public long MailboxReceived { get; init; }
        public long PetitionsReceived { get; init; }
    }

    private static readonly Sql Count = new("""
        SELECT
            (SELECT COUNT(*) FROM office_trainings WHERE jurisdiction BETWEEN @JurisdictionFirst AND @JurisdictionLast AND held_on >= @From AND held_on <= @To) AS trainings,
            (SELECT COALESCE(SUM(attendees), 0) FROM office_trainings WHERE jurisdiction BETWEEN @JurisdictionFirst AND @JurisdictionLast AND held_on >= @From AND held_on <= @To) AS training_attendees,
            (SELECT COUNT(*) FROM office_publicity WHERE jurisdiction BETWEEN @JurisdictionFirst AND @JurisdictionLast AND held_on >= @From AND held_on <= @To) AS publicity,
            (SELECT COUNT(*) FROM office_letters WHERE jurisdiction BETWEEN @JurisdictionFirst AND @JurisdictionLast AND kind = 'mailbox' AND received_on >= @From AND received_on <= @To) AS mailbox_received,
            (SELECT COUNT(*) FROM office_letters WHERE jurisdiction BETWEEN @JurisdictionFirst AND @JurisdictionLast AND kind = 'petition' AND received_on >= @From AND received_on <= @To) AS petitions_received
        """);

    // The letters replied to in the period, or still open at its end: their clocks decide lateness.
    private static readonly Sql Letters = new($"""
        SELECT {LetterRows.Columns} FROM office_letters
        WHERE jurisdiction BETWEEN @JurisdictionFirst AND @JurisdictionLast
          AND ((replied_on >= @From AND replied_on <= @To) OR (received_on <= @AsOf AND (replied_on IS NULL OR replied_on > @AsOf)))
        """);

    internal static async Task<OfficeWorkFigures> ComputeAsync(DbSession db, Domain.Calendar.ClockEvaluator evaluator, string jurisdiction,
        DateOnly from, DateOnly to, DateOnly asOf, DateTimeOffset now, CancellationToken ct)
    {
        var range = Jurisdiction.Range(jurisdiction);
        var p = new { JurisdictionFirst = range.First, JurisdictionLast = range.Last, From = from, To = to, AsOf = asOf < to ? asOf : to };
        var counts = (await db.QuerySingleOrDefaultAsync<Counts>(Count, p, ct))!;
        var letters = await db.QueryAsync<LetterRows.Row>(Letters, p, ct);
        var replied = letters.Where(l => l.RepliedOn is { } r && r >= from && r <= to).ToList();
        return new OfficeWorkFigures
        {
            Trainings = (int)counts.Trainings,
            TrainingAttendees = (int)counts.TrainingAttendees,
            Publicity = (int)counts.Publicity,
            MailboxReceived = (int)counts.MailboxReceived,
            PetitionsReceived = (int)counts.PetitionsReceived,
            MailboxReplied = replied.Count(l => l.KindValue == LetterKind.Mailbox),
            PetitionsReplied = replied.Count(l => l.KindValue == LetterKind.Petition),
            RepliedLate = replied.Count(l => LetterRows.Dto(l, evaluator, now, 0).RepliedOnTime == false),
            AwaitingReply = letters.Count(l => l.RepliedOn is null || l.RepliedOn > p.AsOf),
        };
    }
}
