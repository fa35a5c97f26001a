using Inspections.Core.Data;
using Inspections.Domain.Access;
using Inspections.Domain.Calendar;

namespace Inspections.Core.Features.Alerts;

/// <summary>
/// A feature's open work with a deadline: permit applications, penalty cases, rectification
/// notices. <see cref="ClockRows"/> asks the sources for the open clocks of the subjects a command
/// changed and stores them as rows, which the deadline scan reads. Implementations are found by
/// reflection in this assembly and need a public parameterless constructor.
/// </summary>
public interface IDeadlineSource
{
    /// <summary>The clock type for due-soon thresholds ("permit", "case", "notice", …; see ClockOptions).</summary>
    string ClockType { get; }

    /// <summary>The open clocks of rows whose jurisdiction lies in <paramref name="scope"/>.</summary>
    Task<IReadOnlyList<OpenClock>> OpenClocksAsync(DbSession db, CodeRange scope, CancellationToken ct);

    /// <summary>
    /// The audit entity types (what a command names with <c>DbSession.AuditAbout</c>) of the commands that can change
    /// these clocks: after such a command, its subject's clocks are computed again in its transaction.
    /// </summary>
    IReadOnlyCollection<string> ChangedBy => [];

    /// <summary>False for clocks stored only to order work by (the permit desk's correction window): no alerts, not on the dashboard.</summary>
    bool RaisesAlerts => true;

    /// <summary>
    /// The open clocks that hang on <paramref name="ids"/>, ids of entities of the <see cref="ChangedBy"/> types
    /// (the subjects themselves, or what they belong to, such as a notice's venue). The default filters the
    /// full list; a source over a table reads only those rows.
    /// </summary>
    async Task<IReadOnlyList<OpenClock>> OpenClocksOfAsync(DbSession db, IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        (await OpenClocksAsync(db, Jurisdiction.Everywhere, ct)).Where(c => ids.Contains(c.SubjectId)).ToList();
}

/// <summary>One running clock and what an alert about it needs to say.</summary>
/// <param name="SubjectType">"permit", "case", "notice", …</param>
/// <param name="SubjectId">The row the clock belongs to.</param>
/// <param name="Jurisdiction">The row's jurisdiction: alerts are scoped like the row.</param>
/// <param name="Title">What a person recognises, e.g. "星空网吧 网吧设立申请" or the case number.</param>
/// <param name="Clock">The deadline clock.</param>
/// <param name="Wording">How the explanation names the start and the limit.</param>
/// <param name="ResponsibleUserId">Who answers for it (首问责任人, case officer), if known.</param>
/// <param name="ResponsibleName">Their name as the row recorded it, if it did.</param>
/// <param name="ParentId">The record the subject belongs to, where its address needs it (an unlicensed venue's campaign).</param>
public sealed record OpenClock(
    string SubjectType,
    Guid SubjectId,
    string Jurisdiction,
    string Title,
    DeadlineClock Clock,
    ClockWording Wording,
    string? ResponsibleUserId,
    string? ResponsibleName = null,
    Guid? ParentId = null);
