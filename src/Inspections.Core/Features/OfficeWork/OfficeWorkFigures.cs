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

    /// <summary>The letters replied to in the period, or still open at its end, counted.</summary>
    private sealed record LetterCounts
    {
        public long MailboxReplied { get; init; }
        public long PetitionsReplied { get; init; }
        public long RepliedLate { get; init; }
        public long AwaitingReply { get; init; }
    }

    // Lateness is the fact ReplyToLetter stored with the reply (replied_on_time), so the letters are counted, not read.
    private const string RepliedInPeriod = "replied_on >= @From AND replied_on <= @To";
    private static readonly Sql Letters = new($"""
        SELECT SUM(CASE WHEN kind = 'mailbox' AND {RepliedInPeriod} THEN 1 ELSE 0 END) AS mailbox_replied,
               SUM(CASE WHEN kind = 'petition' AND {RepliedInPeriod} THEN 1 ELSE 0 END) AS petitions_replied,
               SUM(CASE WHEN {RepliedInPeriod} AND replied_on_time = @No THEN 1 ELSE 0 END) AS replied_late,
               SUM(CASE WHEN replied_on IS NULL OR replied_on > @AsOf THEN 1 ELSE 0 END) AS awaiting_reply
        FROM office_letters
        WHERE jurisdiction BETWEEN @JurisdictionFirst AND @JurisdictionLast
          AND (({RepliedInPeriod}) OR (received_on <= @AsOf AND (replied_on IS NULL OR replied_on > @AsOf)))
        """);

    internal static async Task<OfficeWorkFigures> ComputeAsync(DbSession db, string jurisdiction, DateOnly from, DateOnly to, DateOnly asOf,
        CancellationToken ct)
    {
        var range = Jurisdiction.Range(jurisdiction);
        var p = new { JurisdictionFirst = range.First, JurisdictionLast = range.Last, From = from, To = to, AsOf = asOf < to ? asOf : to, No = false };
        var counts = (await db.QuerySingleOrDefaultAsync<Counts>(Count, p, ct))!;
        var letters = await db.QuerySingleOrDefaultAsync<LetterCounts>(Letters, p, ct) ?? new LetterCounts();
        return new OfficeWorkFigures
        {
            Trainings = (int)counts.Trainings,
            TrainingAttendees = (int)counts.TrainingAttendees,
            Publicity = (int)counts.Publicity,
            MailboxReceived = (int)counts.MailboxReceived,
            PetitionsReceived = (int)counts.PetitionsReceived,
            MailboxReplied = (int)letters.MailboxReplied,
            PetitionsReplied = (int)letters.PetitionsReplied,
            RepliedLate = (int)letters.RepliedLate,
            AwaitingReply = (int)letters.AwaitingReply,
        };
    }
}
