namespace Inspections.Domain.Cases;

/// <summary>Who may take a step: section heads approve, officers carry the case.</summary>
public enum CaseActor
{
    Officer,
    Supervisor,
}

/// <summary>
/// The general procedure as a state machine: which stage may follow which, and who may take
/// each step. A case moves only along these edges; everything else is refused with the list
/// of steps that are allowed from where it stands.
/// </summary>
public static class CaseStageMachine
{
    private static readonly CaseStage[] BeforeDecision =
        [CaseStage.Filed, CaseStage.Investigation, CaseStage.LegalReview, CaseStage.PriorNotice, CaseStage.Hearing];

    private static readonly Dictionary<CaseStage, CaseStage[]> Next = new()
    {
        [CaseStage.Lead] = [CaseStage.Filed, CaseStage.NotFiled],
        [CaseStage.Filed] = [CaseStage.Investigation, CaseStage.Withdrawn],
        [CaseStage.Investigation] = [CaseStage.LegalReview, CaseStage.Withdrawn],
        // Legal review may send the file back for more evidence, or conclude that no penalty or a transfer is due.
        [CaseStage.LegalReview] = [CaseStage.PriorNotice, CaseStage.NoPenalty, CaseStage.Transferred, CaseStage.Investigation, CaseStage.Withdrawn],
        [CaseStage.PriorNotice] = [CaseStage.Hearing, CaseStage.Decided, CaseStage.NoPenalty, CaseStage.Withdrawn],
        [CaseStage.Hearing] = [CaseStage.Decided, CaseStage.NoPenalty, CaseStage.Withdrawn],
        [CaseStage.Decided] = [CaseStage.Served],
        [CaseStage.Served] = [CaseStage.Executed],
        [CaseStage.Executed] = [CaseStage.Closed],
        [CaseStage.NoPenalty] = [CaseStage.Closed],
        [CaseStage.Transferred] = [CaseStage.Closed],
        [CaseStage.Closed] = [CaseStage.Archived],
        [CaseStage.NotFiled] = [],
        [CaseStage.Archived] = [],
        [CaseStage.Withdrawn] = [],
    };

    public static IReadOnlyList<CaseStage> AllowedNext(CaseStage from) => Next[from];

    public static bool IsAllowed(CaseStage from, CaseStage to) => Next[from].Contains(to);

    public static bool IsTerminal(CaseStage stage) => Next[stage].Length == 0;

    /// <summary>Withdrawal 撤销立案 is possible only before a decision is made.</summary>
    public static bool IsBeforeDecision(CaseStage stage) => BeforeDecision.Contains(stage);

    /// <summary>The decision limit runs from filing until a decision (penalty, no penalty or transfer).</summary>
    public static bool DecisionClockRuns(CaseStage stage) => IsBeforeDecision(stage);

    /// <summary>A decision has been made (the case can be challenged: reconsideration, litigation).</summary>
    public static bool IsDecided(CaseStage stage) => stage is CaseStage.Decided or CaseStage.NoPenalty or CaseStage.Transferred
        or CaseStage.Served or CaseStage.Executed or CaseStage.Closed or CaseStage.Archived;

    /// <summary>
    /// Section heads approve filing (or its refusal), sign off legal review, make the decision,
    /// withdraw and close; officers do the rest, and a supervisor may do anything an officer may.
    /// </summary>
    public static CaseActor RequiredActor(CaseStage from, CaseStage to) => (from, to) switch
    {
        (_, CaseStage.Filed or CaseStage.NotFiled) => CaseActor.Supervisor,
        (CaseStage.LegalReview, _) when to != CaseStage.Withdrawn => CaseActor.Supervisor,
        (_, CaseStage.Decided or CaseStage.NoPenalty or CaseStage.Transferred) => CaseActor.Supervisor,
        (_, CaseStage.Withdrawn or CaseStage.Closed) => CaseActor.Supervisor,
        _ => CaseActor.Officer,
    };
}
