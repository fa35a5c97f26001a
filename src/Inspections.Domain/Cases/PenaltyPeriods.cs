namespace Inspections.Domain.Cases;

/// <summary>
/// 行政处罚法 art. 36: a violation not discovered within two years is no longer penalised; where it
/// endangered citizens' life, health or financial safety and had harmful consequences, five years. The
/// period runs from the day of the act, or for a continuing act from the day it ended. The day of the act
/// is not counted, so an act ending on 2024-03-01 may still be discovered on 2026-03-01 (the same date two
/// years later; 29 February falls back to the 28th). The period bounds the agency's discovery, which may
/// happen on any day: an end on a rest day is not moved.
/// </summary>
public static class PursuitLimitation
{
    public const int Years = 2;

    public const int SeriousHarmYears = 5;

    /// <summary>The last day on which the violation may still be discovered.</summary>
    public static DateOnly LastDay(DateOnly actEndedOn, bool seriousHarm) =>
        actEndedOn.AddYears(seriousHarm ? SeriousHarmYears : Years);

    /// <summary>True when a violation discovered on <paramref name="discoveredOn"/> can no longer be penalised.</summary>
    public static bool IsPast(DateOnly actEndedOn, bool seriousHarm, DateOnly discoveredOn) =>
        discoveredOn > LastDay(actEndedOn, seriousHarm);
}

/// <summary>
/// 行政处罚法 art. 72(1): a party who does not pay by the payment limit owes, for each day after it, a
/// surcharge 加处罚款 of 3% of the fine, never more than the fine itself. Amounts in fen; each day's
/// 3% is the fine × 3 / 100, the total rounded half up to the fen.
/// </summary>
public static class LateSurcharge
{
    public const int PercentPerDay = 3;

    /// <summary>Days after the payment limit's last day up to and including <paramref name="on"/>; 0 on or before it.</summary>
    public static int DaysLate(DateOnly paymentDueDate, DateOnly on) => Math.Max(0, on.DayNumber - paymentDueDate.DayNumber);

    /// <summary>The surcharge in fen for <paramref name="daysLate"/> days, capped at the fine.</summary>
    public static long Fen(long fineFen, int daysLate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fineFen);
        ArgumentOutOfRangeException.ThrowIfNegative(daysLate);
        // Past 34 days the cap applies anyway; stopping there keeps the product far from overflow.
        var days = Math.Min(daysLate, 100 / PercentPerDay + 1);
        var fen = (fineFen * PercentPerDay * days + 50) / 100;
        return Math.Min(fen, fineFen);
    }
}

/// <summary>
/// 行政处罚法 art. 51: the simplified procedure 简易程序 decides on the spot where the facts are certain and
/// have a legal basis and the penalty is a warning, or a fine of at most ¥200 for a citizen or ¥3,000 for a
/// legal person or other organisation. Anything more goes through the general procedure (a case).
/// </summary>
public static class SimplifiedProcedure
{
    public const long PersonFineCapFen = 20_000;

    public const long OrganisationFineCapFen = 300_000;

    /// <summary>The largest fine the simplified procedure may impose on a party of this kind.</summary>
    public static long FineCapFen(PartyKind kind) => kind == PartyKind.Person ? PersonFineCapFen : OrganisationFineCapFen;
}
