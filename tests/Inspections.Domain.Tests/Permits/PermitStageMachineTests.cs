using Inspections.Domain.Permits;

namespace Inspections.Domain.Tests.Permits;

public sealed class PermitStageMachineTests
{
    [Test]
    public void Correction_is_asked_once_so_a_corrected_application_goes_on_to_acceptance_or_refusal()
    {
        Assert.That(PermitStageMachine.AllowedNext(PermitStage.CorrectionRequested, PermitKind.Establish),
            Is.EqualTo(new[] { PermitStage.NotAccepted, PermitStage.Accepted }));
    }

    [Test]
    public void A_filing_is_completed_when_recorded_and_never_reviewed()
    {
        Assert.That(PermitStageMachine.IsAllowed(PermitStage.Received, PermitStage.Completed, PermitKind.Filing), Is.True);
        Assert.That(PermitStageMachine.IsAllowed(PermitStage.Received, PermitStage.Accepted, PermitKind.Filing), Is.False);
        Assert.That(PermitStageMachine.IsAllowed(PermitStage.Received, PermitStage.Completed, PermitKind.Establish), Is.False);
    }

    [Test]
    public void A_suspension_only_resumes_into_review()
    {
        Assert.That(PermitStageMachine.AllowedNext(PermitStage.Suspended, PermitKind.Change), Is.EqualTo(new[] { PermitStage.UnderReview }));
    }

    [Test]
    public void Not_accepted_and_completed_are_terminal_and_every_other_stage_leads_somewhere()
    {
        foreach (var stage in Enum.GetValues<PermitStage>())
            Assert.That(PermitStageMachine.IsTerminal(stage), Is.EqualTo(stage is PermitStage.NotAccepted or PermitStage.Completed), stage.ToString());
    }

    [Test]
    public void Every_stage_is_reachable_from_receipt()
    {
        var seen = new HashSet<PermitStage> { PermitStage.Received };
        var queue = new Queue<PermitStage>(seen);
        while (queue.TryDequeue(out var stage))
            foreach (var next in PermitStageMachine.AllowedNext(stage, PermitKind.Establish))
                if (seen.Add(next)) queue.Enqueue(next);
        Assert.That(seen, Is.EquivalentTo(Enum.GetValues<PermitStage>()));
    }

    [Test]
    public void Only_an_application_still_at_the_desk_is_deemed_accepted()
    {
        Assert.That(PermitStageMachine.IsDeemedAccepted(PermitStage.Received, correctionWindowPassed: true), Is.True);
        Assert.That(PermitStageMachine.IsDeemedAccepted(PermitStage.Received, correctionWindowPassed: false), Is.False);
        Assert.That(PermitStageMachine.IsDeemedAccepted(PermitStage.CorrectionRequested, correctionWindowPassed: true), Is.False);
    }

    [Test]
    public void The_clocks_run_from_acceptance_until_completion()
    {
        var running = Enum.GetValues<PermitStage>().Where(PermitStageMachine.ClocksRun);
        Assert.That(running, Is.EquivalentTo(new[]
            { PermitStage.Accepted, PermitStage.UnderReview, PermitStage.Suspended, PermitStage.Approved, PermitStage.Refused }));
    }

    [Test]
    public void Every_stage_and_kind_has_a_chinese_name()
    {
        Assert.That(Enum.GetValues<PermitStage>().Select(s => s.Chinese()), Has.None.Matches("^[A-Za-z]"));
        Assert.That(Enum.GetValues<PermitKind>().Select(k => k.Chinese()), Is.EqualTo(new[] { "设立", "变更", "延续", "年检", "备案", "注销" }));
        Assert.That(Enum.GetValues<PermitSuspensionKind>().Select(k => k.Chinese()), Has.None.Matches("^[A-Za-z]"));
    }
}

public sealed class PermitOnTimeTests
{
    [Test]
    public void The_rate_is_on_time_over_completed_with_average_days_used_against_promised()
    {
        var f = PermitOnTime.Compute([new(5, 4, true), new(5, 7, false), new(5, 1, true), new(1, 0, true)]);
        Assert.That(f, Is.EqualTo(new OnTimeFigures(4, 3, 0.75m, 3.00m, 4.00m)));
    }

    [Test]
    public void Nothing_completed_gives_no_rate_rather_than_zero_or_a_hundred_percent()
    {
        Assert.That(PermitOnTime.Compute([]), Is.EqualTo(new OnTimeFigures(0, 0, null, null, null)));
    }

    [Test]
    public void Rates_round_to_four_places()
    {
        Assert.That(PermitOnTime.Compute([new(5, 1, true), new(5, 1, true), new(5, 9, false)]).OnTimeRate, Is.EqualTo(0.6667m));
    }
}
