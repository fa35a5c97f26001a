namespace Inspections.Core.Common;

/// <summary>One recorded step of a case or an application: who moved it from where to where, when, and why.</summary>
public sealed record StageStep
{
    public string? FromStage { get; init; }
    public string ToStage { get; init; } = "";
    public string ActorId { get; init; } = "";
    public string ActorName { get; init; } = "";
    public string ActorRole { get; init; } = "";
    public DateTimeOffset OccurredAt { get; init; }
    public string? Note { get; init; }
}

/// <summary>A period not counted against a deadline (hearing, testing, appraisal, expert review); open while EndOn is null.</summary>
public sealed record SuspensionRow
{
    public Guid Id { get; init; }
    public string Kind { get; init; } = "";
    public DateOnly StartOn { get; init; }
    public DateOnly? EndOn { get; init; }
    public string Reason { get; init; } = "";
}

/// <summary>A supervisor-approved extension of a limit, with its reason.</summary>
public sealed record ExtensionRow
{
    public Guid Id { get; init; }
    public int Days { get; init; }
    public string Reason { get; init; } = "";
    public string ApproverName { get; init; } = "";
    public DateTimeOffset ApprovedAt { get; init; }
}
