using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Calendar;
using Inspections.Core.Features.Users;
using Inspections.Domain.Access;
using Inspections.Domain.Permits;
using Mediator;

namespace Inspections.Core.Features.Permits;

/// <summary>
/// A clerk's work queue 待办: the open applications they answer for or hold, the most urgent first
/// (fewest working days left on the clock that binds now), each with its clock status and explanation.
/// Applications waiting for the applicant's correction have no running clock and come last.
/// </summary>
public static class PermitQueue
{
    public sealed record Entry
    {
        public Guid Id { get; init; }
        public string Title { get; init; } = "";
        public string ItemName { get; init; } = "";
        public string Kind { get; init; } = "";
        public string Stage { get; init; } = "";
        public string StageName { get; init; } = "";
        public DateOnly ReceivedOn { get; init; }
        public DateOnly? AcceptedOn { get; init; }
        public bool AcceptedDeemed { get; init; }
        public string ResponsibleId { get; init; } = "";
        public string ResponsibleName { get; init; } = "";
        public string HolderId { get; init; } = "";
        public string HolderName { get; init; } = "";
        /// <summary>promised (承诺时限), correctionWindow (补正告知期限), or null while waiting for the applicant.</summary>
        public string? ClockName { get; init; }
        public ClockDto? Clock { get; init; }
        public long Version { get; init; }
    }

    [AllowedRoles(Roles.Clerk, Roles.Supervisor)]
    public sealed record Query(string? ClerkId) : IQuery<IReadOnlyList<Entry>>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(x => x.ClerkId).MaximumLength(100).Named("经办人", "Clerk");
    }

    private static readonly Sql Open = new($"""
        SELECT {PermitRecord.Columns} FROM permit_applications
        WHERE jurisdiction BETWEEN @JurisdictionFirst AND @JurisdictionLast
          AND stage NOT IN ('notAccepted', 'completed')
          AND (@ClerkId IS NULL OR responsible_id = @ClerkId OR holder_id = @ClerkId)
        """);
    private static readonly Sql OpenSuspensions = new("""
        SELECT s.application_id, s.id, s.kind, s.start_on, s.end_on, s.reason
        FROM permit_suspensions s JOIN permit_applications a ON a.id = s.application_id
        WHERE a.jurisdiction BETWEEN @JurisdictionFirst AND @JurisdictionLast
          AND a.stage NOT IN ('notAccepted', 'completed')
          AND (@ClerkId IS NULL OR a.responsible_id = @ClerkId OR a.holder_id = @ClerkId)
        """);


    public sealed class Handler(DbSession db, ICurrentUser user, CalendarStore calendars, TimeProvider clock, PermitView view)
        : IQueryHandler<Query, IReadOnlyList<Entry>>
    {
        public async ValueTask<IReadOnlyList<Entry>> Handle(Query query, CancellationToken ct)
        {
            // A clerk's queue is their own; a supervisor reads any clerk's (an active one of the window's
            // jurisdiction), or the whole window's.
            var clerkId = user.IsInRole(Roles.Supervisor) ? Input.Clean(query.ClerkId) : user.UserId;
            if (user.IsInRole(Roles.Supervisor) && clerkId is not null)
                await NamedUsers.RequireAsync(db, user, nameof(Query.ClerkId), clerkId, NamedUsers.WindowStaff, ct);
            var parameters = new
            {
                JurisdictionFirst = Jurisdiction.Range(user.Jurisdiction).First,
                JurisdictionLast = Jurisdiction.Range(user.Jurisdiction).Last,
                ClerkId = clerkId,
            };
            var evaluator = await calendars.EvaluatorAsync(db, ct);
            var now = clock.GetUtcNow();
            var rows = await db.QueryAsync<PermitRecord>(Open, parameters, ct);
            var suspensions = (await db.QueryAsync<PermitSuspensionOf>(OpenSuspensions, parameters, ct)).ToLookup(s => s.ApplicationId, s => s.Row);
            return rows
                .Select(stored => PermitClocks.Effective(stored, evaluator, now))
                .Select(p =>
                {
                    var clocks = view.Clocks(evaluator, p, suspensions[p.Id].ToList(), []);
                    var (name, shown) = clocks.Promised is { } promised ? ("promised", promised)
                        : clocks.CorrectionWindow is { } window ? ("correctionWindow", window)
                        : ((string?)null, (ClockDto?)null);
                    return new Entry
                    {
                        Id = p.Id, Title = p.Title, ItemName = p.ItemName, Kind = p.Kind, Stage = p.Stage,
                        StageName = PermitWire.Describe(p.StageValue), ReceivedOn = p.ReceivedOn, AcceptedOn = p.AcceptedOn,
                        AcceptedDeemed = p.AcceptedDeemed, ResponsibleId = p.ResponsibleId, ResponsibleName = p.ResponsibleName,
                        HolderId = p.HolderId, HolderName = p.HolderName, ClockName = name, Clock = shown, Version = p.Version,
                    };
                })
                .OrderBy(e => e.Clock?.RemainingDays ?? int.MaxValue)
                .ThenBy(e => e.Clock?.DueDate ?? DateOnly.MaxValue)
                .ThenBy(e => e.ReceivedOn)
                .ThenBy(e => e.Id)
                .ToList();
        }
    }
}
