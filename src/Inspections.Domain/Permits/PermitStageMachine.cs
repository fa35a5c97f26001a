namespace Inspections.Domain.Permits;

/// <summary>
/// The window's workflow as a state machine. A filing 备案 has no acceptance or review: it is
/// completed when recorded. Correction 补正 is asked once, naming every missing item
/// (一次性告知), so a corrected application goes on to acceptance or refusal, never to a second
/// correction. Review may stop the clock (suspension) and resume; approval or refusal is then
/// completed 办结 when the certificate or the decision is handed over.
/// </summary>
public static class PermitStageMachine
{
    private static readonly Dictionary<PermitStage, PermitStage[]> Next = new()
    {
        [PermitStage.Received] = [PermitStage.CorrectionRequested, PermitStage.NotAccepted, PermitStage.Accepted],
        [PermitStage.CorrectionRequested] = [PermitStage.NotAccepted, PermitStage.Accepted],
        [PermitStage.Accepted] = [PermitStage.UnderReview, PermitStage.Suspended, PermitStage.Approved, PermitStage.Refused],
        [PermitStage.UnderReview] = [PermitStage.Suspended, PermitStage.Approved, PermitStage.Refused],
        [PermitStage.Suspended] = [PermitStage.UnderReview],
        [PermitStage.Approved] = [PermitStage.Completed],
        [PermitStage.Refused] = [PermitStage.Completed],
        [PermitStage.NotAccepted] = [],
        [PermitStage.Completed] = [],
    };

    private static readonly Dictionary<PermitStage, PermitStage[]> FilingNext = new()
    {
        [PermitStage.Received] = [PermitStage.CorrectionRequested, PermitStage.NotAccepted, PermitStage.Completed],
        [PermitStage.CorrectionRequested] = [PermitStage.NotAccepted, PermitStage.Completed],
    };

    public static IReadOnlyList<PermitStage> AllowedNext(PermitStage from, PermitKind kind) =>
        kind == PermitKind.Filing && FilingNext.TryGetValue(from, out var filing) ? filing : Next[from];

    public static bool IsAllowed(PermitStage from, PermitStage to, PermitKind kind) => AllowedNext(from, kind).Contains(to);

    public static bool IsTerminal(PermitStage stage) => Next[stage].Length == 0;

    /// <summary>The promised and statutory clocks run from acceptance until completion.</summary>
    public static bool ClocksRun(PermitStage stage) =>
        stage is PermitStage.Accepted or PermitStage.UnderReview or PermitStage.Suspended or PermitStage.Approved or PermitStage.Refused;

    /// <summary>
    /// 行政许可法 art. 32: an application not told to correct within the window counts as accepted
    /// from the day it was received. Only an application still waiting at the desk can be deemed so.
    /// </summary>
    public static bool IsDeemedAccepted(PermitStage stage, bool correctionWindowPassed) =>
        stage == PermitStage.Received && correctionWindowPassed;
}
