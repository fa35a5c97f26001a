using Inspections.Domain.Calendar;
using Inspections.Domain.Cases;
using static Inspections.Domain.Tests.Calendar.CalendarFixtures;

namespace Inspections.Domain.Tests.Cases;

/// <summary>
/// The law's day counts on the seeded State Council calendar (National Day 2025: holiday 10-01..10-08,
/// make-up working days Sun 09-28 and Sat 10-11). Each case names the article it checks.
/// </summary>
public sealed class PenaltyPeriodTests
{
    [Test]
    public void Art_64_and_85_five_working_days_from_a_notice_on_the_eve_of_National_Day_end_on_10_14()
    {
        // 10-09 (1), 10-10 (2), Sat 10-11 make-up (3), 10-13 (4), 10-14 (5).
        var due = Evaluator.Evaluate(WorkingClock("2025-09-30", 5), Local(2025, 9, 30), 0).DueDate;
        Assert.That(due, Is.EqualTo(D("2025-10-14")));
        // Counted as natural days the period would have ended on 10-05 (moved to 10-09): five days cut short.
        Assert.That(Evaluator.Evaluate(NaturalClock("2025-09-30", 5), Local(2025, 9, 30), 0).DueDate, Is.EqualTo(D("2025-10-09")));
    }

    [Test]
    public void Art_61_and_85_seven_working_days_from_a_decision_on_Friday_09_26_end_on_10_13()
    {
        // Sun 09-28 make-up (1), 09-29 (2), 09-30 (3), 10-09 (4), 10-10 (5), Sat 10-11 (6), 10-13 (7).
        var due = Evaluator.Evaluate(WorkingClock("2025-09-26", 7), Local(2025, 9, 26), 0).DueDate;
        Assert.That(due, Is.EqualTo(D("2025-10-13")));
    }

    [Test]
    public void Art_67_fifteen_natural_days_ending_in_the_holiday_move_to_the_next_working_day()
    {
        var result = Evaluator.Evaluate(NaturalClock("2025-09-19", 15), Local(2025, 9, 19), 0);
        Assert.That(result.UnadjustedDueDate, Is.EqualTo(D("2025-10-04")));
        Assert.That(result.DueDate, Is.EqualTo(D("2025-10-09")));
    }

    [Test]
    public void Art_60_ninety_natural_days_ending_in_National_Day_2026_move_to_10_08()
    {
        var result = Evaluator.Evaluate(NaturalClock("2026-07-04", 90), Local(2026, 7, 4), 0);
        Assert.That((result.UnadjustedDueDate, result.DueDate), Is.EqualTo((D("2026-10-02"), D("2026-10-08"))));
    }

    [Test]
    public void A_natural_day_period_ending_on_a_make_up_working_day_does_not_move()
    {
        // Sat 2025-10-11 is worked (国庆节调休上班): a period ending on it ends on it.
        var result = Evaluator.Evaluate(NaturalClock("2025-09-26", 15), Local(2025, 9, 26), 0);
        Assert.That((result.UnadjustedDueDate, result.DueDate), Is.EqualTo((D("2025-10-11"), D("2025-10-11"))));
    }

    [TestCase("2024-03-01", false, "2026-03-01", false)]
    [TestCase("2024-03-01", false, "2026-03-02", true)]
    [TestCase("2024-02-29", false, "2026-02-28", false)]
    [TestCase("2024-02-29", false, "2026-03-01", true)]
    [TestCase("2021-03-01", true, "2026-03-01", false)]
    [TestCase("2021-03-01", true, "2026-03-02", true)]
    public void Art_36_two_years_or_five_for_serious_harm_from_the_act_or_its_end(string endedOn, bool seriousHarm, string discoveredOn, bool past)
    {
        Assert.That(PursuitLimitation.IsPast(D(endedOn), seriousHarm, D(discoveredOn)), Is.EqualTo(past));
    }

    [TestCase(500000L, 0, 0L)]
    [TestCase(500000L, 1, 15000L)]      // ¥5,000: ¥150 a day
    [TestCase(500000L, 3, 45000L)]
    [TestCase(500000L, 33, 495000L)]
    [TestCase(500000L, 34, 500000L)]    // 102% capped at the fine
    [TestCase(500000L, 4000, 500000L)]
    [TestCase(333L, 1, 10L)]            // ¥3.33 × 3% = 9.99 fen, rounded to 10
    [TestCase(20000L, 10, 6000L)]       // ¥200 (the simplified procedure's cap for a person), 10 days: ¥60
    public void Art_72_surcharge_is_three_percent_a_day_capped_at_the_fine(long fineFen, int days, long expectedFen)
    {
        Assert.That(LateSurcharge.Fen(fineFen, days), Is.EqualTo(expectedFen));
    }

    [Test]
    public void Art_72_days_late_count_from_the_day_after_the_payment_limit()
    {
        Assert.That(LateSurcharge.DaysLate(D("2025-10-09"), D("2025-10-09")), Is.Zero);
        Assert.That(LateSurcharge.DaysLate(D("2025-10-09"), D("2025-10-12")), Is.EqualTo(3));
        Assert.That(LateSurcharge.DaysLate(D("2025-10-09"), D("2025-10-01")), Is.Zero);
    }
}
