using Inspections.Domain.Cases;

namespace Inspections.Domain.Tests.Cases;

public sealed class CaseStageMachineTests
{
    [Test]
    public void Every_stage_is_reachable_from_a_lead_and_only_the_terminal_ones_have_no_way_out()
    {
        var seen = new HashSet<CaseStage> { CaseStage.Lead };
        var queue = new Queue<CaseStage>([CaseStage.Lead]);
        while (queue.TryDequeue(out var s))
            foreach (var next in CaseStageMachine.AllowedNext(s))
                if (seen.Add(next)) queue.Enqueue(next);
        Assert.That(seen, Is.EquivalentTo(Enum.GetValues<CaseStage>()));
        Assert.That(Enum.GetValues<CaseStage>().Where(CaseStageMachine.IsTerminal),
            Is.EquivalentTo(new[] { CaseStage.NotFiled, CaseStage.Archived, CaseStage.Withdrawn }));
    }

    [Test]
    public void Withdrawal_is_possible_exactly_before_the_decision()
    {
        foreach (var s in Enum.GetValues<CaseStage>())
            Assert.That(CaseStageMachine.IsAllowed(s, CaseStage.Withdrawn), Is.EqualTo(CaseStageMachine.IsBeforeDecision(s)), s.ToString());
    }

    [Test]
    public void A_decision_needs_legal_review_first()
    {
        foreach (var s in new[] { CaseStage.Lead, CaseStage.Filed, CaseStage.Investigation })
            Assert.That(CaseStageMachine.IsAllowed(s, CaseStage.Decided), Is.False, s.ToString());
        Assert.That(CaseStageMachine.IsAllowed(CaseStage.LegalReview, CaseStage.Decided), Is.False, "a penalty needs the prior notice");
    }

    [TestCase(CaseStage.Lead, CaseStage.Filed, CaseActor.Supervisor)]
    [TestCase(CaseStage.Lead, CaseStage.NotFiled, CaseActor.Supervisor)]
    [TestCase(CaseStage.Filed, CaseStage.Investigation, CaseActor.Officer)]
    [TestCase(CaseStage.Investigation, CaseStage.LegalReview, CaseActor.Officer)]
    [TestCase(CaseStage.LegalReview, CaseStage.PriorNotice, CaseActor.Supervisor)]
    [TestCase(CaseStage.LegalReview, CaseStage.Investigation, CaseActor.Supervisor)]
    [TestCase(CaseStage.PriorNotice, CaseStage.Hearing, CaseActor.Officer)]
    [TestCase(CaseStage.Hearing, CaseStage.Decided, CaseActor.Supervisor)]
    [TestCase(CaseStage.Decided, CaseStage.Served, CaseActor.Officer)]
    [TestCase(CaseStage.Executed, CaseStage.Closed, CaseActor.Supervisor)]
    [TestCase(CaseStage.Closed, CaseStage.Archived, CaseActor.Officer)]
    [TestCase(CaseStage.Investigation, CaseStage.Withdrawn, CaseActor.Supervisor)]
    public void Who_takes_each_step(CaseStage from, CaseStage to, CaseActor actor) =>
        Assert.That(CaseStageMachine.RequiredActor(from, to), Is.EqualTo(actor));
}

public sealed class CaseNumberPatternTests
{
    [Test]
    public void A_pattern_renders_agency_year_and_sequence() =>
        Assert.That(CaseNumberPattern.Render("温文执罚〔{year}〕{seq}号", "510115", 2026, 29), Is.EqualTo("温文执罚〔2026〕29号"));

    [TestCase("温文执罚〔2026〕{seq}号")]
    [TestCase("温文执罚〔{year}〕号")]
    [TestCase("")]
    public void A_pattern_without_year_or_sequence_is_refused(string pattern)
    {
        Assert.That(CaseNumberPattern.IsValid(pattern), Is.False);
        Assert.Throws<ArgumentException>(() => CaseNumberPattern.Render(pattern, "510115", 2026, 1));
    }
}

public sealed class ClosureRateCalculatorTests
{
    private static readonly DateOnly From = new(2026, 1, 1), To = new(2026, 6, 30);

    private static DateOnly D(int m, int d, int y = 2026) => new(y, m, d);

    [Test]
    public void Withdrawn_cases_leave_the_base_and_open_ones_stay_in_it()
    {
        var f = ClosureRateCalculator.Compute(
        [
            new FiledCase(D(1, 5), D(1, 20), null, true),
            new FiledCase(D(2, 1), D(5, 20), null, false),
            new FiledCase(D(3, 1), null, D(3, 10), null),
            new FiledCase(D(4, 1), null, null, null),
        ], From, To, To);
        Assert.That(f, Is.EqualTo(new ClosureFigures(4, 1, 2, 1, 1, 0, 0.6667m, 0.5m)));
    }

    [Test]
    public void Closure_after_the_as_of_date_is_still_open_and_filing_after_it_is_not_counted()
    {
        var cases = new[] { new FiledCase(D(6, 20), D(7, 5), null, true), new FiledCase(D(6, 29), null, null, null) };
        Assert.That(ClosureRateCalculator.Compute(cases, From, To, D(6, 28)), Is.EqualTo(new ClosureFigures(1, 0, 0, 0, 1, 0, 0m, null)));
        Assert.That(ClosureRateCalculator.Compute(cases, From, To, D(7, 31)), Is.EqualTo(new ClosureFigures(2, 0, 1, 1, 1, 0, 0.5m, 1m)));
    }

    [Test]
    public void Cases_open_when_the_period_began_are_carried_over()
    {
        var f = ClosureRateCalculator.Compute(
        [
            new FiledCase(D(12, 10, 2025), D(2, 10), null, true),
            new FiledCase(D(11, 1, 2025), D(12, 31, 2025), null, true),
            new FiledCase(D(11, 2, 2025), null, D(1, 1), null),
        ], From, To, To);
        Assert.That(f, Is.EqualTo(new ClosureFigures(0, 0, 0, 0, 0, 2, null, null)));
    }
}
