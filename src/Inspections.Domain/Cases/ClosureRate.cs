namespace Inspections.Domain.Cases;

/// <summary>
/// What the closure-rate arithmetic needs of one filed case, as local dates (Asia/Shanghai).
/// <paramref name="DecidedOnTime"/> is whether the decision (penalty, no penalty or transfer) came
/// within the decision limit; null while no decision is made.
/// </summary>
public sealed record FiledCase(DateOnly FiledOn, DateOnly? ClosedOn, DateOnly? WithdrawnOn, bool? DecidedOnTime);

/// <summary>The figures supervisors read for one period (and one group of it).</summary>
/// <param name="Filed">Cases filed 立案 in the period, withdrawn ones included.</param>
/// <param name="Withdrawn">Of those, withdrawn 撤销立案 by the as-of date: out of the rate's base.</param>
/// <param name="Closed">Of those, closed 结案 by the as-of date (archived ones included).</param>
/// <param name="ClosedOnTime">Of the closed, those whose decision came within the decision limit.</param>
/// <param name="StillOpen">Filed − withdrawn − closed: neither closed nor withdrawn at the as-of date.</param>
/// <param name="CarriedOver">Filed before the period and still open when it began 上期结转.</param>
/// <param name="ClosureRate">Closed ÷ (filed − withdrawn), four decimals; null when nothing counts.</param>
/// <param name="OnTimeRate">Closed on time ÷ closed, four decimals; null when nothing is closed.</param>
public sealed record ClosureFigures(
    int Filed,
    int Withdrawn,
    int Closed,
    int ClosedOnTime,
    int StillOpen,
    int CarriedOver,
    decimal? ClosureRate,
    decimal? OnTimeRate);

/// <summary>
/// The closure rate 案件办结率: of the cases filed in the period, how many are closed by the as-of
/// date. A withdrawn case was found not to be a case: counting it as unclosed would punish a right
/// withdrawal and counting it as closed would flatter the rate, so it leaves the base and is shown
/// on its own. A lead refused filing 不予立案 was never filed and is not counted at all.
/// </summary>
public static class ClosureRateCalculator
{
    public static ClosureFigures Compute(IEnumerable<FiledCase> cases, DateOnly from, DateOnly to, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(cases);
        if (to < from) throw new ArgumentException("The period ends before it starts.", nameof(to));
        int filed = 0, withdrawn = 0, closed = 0, onTime = 0, carried = 0;
        foreach (var c in cases)
        {
            if (c.FiledOn < from)
            {
                if (IsOpenOn(c, from)) carried++;
                continue;
            }

            if (c.FiledOn > to || c.FiledOn > asOf) continue;
            filed++;
            if (c.WithdrawnOn is { } w && w <= asOf) withdrawn++;
            else if (c.ClosedOn is { } cl && cl <= asOf)
            {
                closed++;
                if (c.DecidedOnTime == true) onTime++;
            }
        }

        return FromCounts(filed, withdrawn, closed, onTime, carried);
    }

    /// <summary>The figures of counts already made (by a GROUP BY): still open and the two rates follow from them.</summary>
    public static ClosureFigures FromCounts(int filed, int withdrawn, int closed, int closedOnTime, int carriedOver)
    {
        var basis = filed - withdrawn;
        return new ClosureFigures(
            filed, withdrawn, closed, closedOnTime, basis - closed, carriedOver,
            Ratio(closed, basis), Ratio(closedOnTime, closed));
    }

    /// <summary>Open at the start of <paramref name="day"/>: neither closed nor withdrawn before it.</summary>
    private static bool IsOpenOn(FiledCase c, DateOnly day) =>
        !(c.ClosedOn is { } cl && cl < day) && !(c.WithdrawnOn is { } w && w < day);

    private static decimal? Ratio(int part, int whole) =>
        whole == 0 ? null : Math.Round((decimal)part / whole, 4, MidpointRounding.AwayFromZero);
}
