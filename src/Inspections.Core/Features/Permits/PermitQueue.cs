using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Alerts;
using Inspections.Core.Features.Calendar;
using Inspections.Core.Features.Users;
using Inspections.Domain.Access;
using Inspections.Domain.Permits;
using Mediator;

namespace Inspections.Core.Features.Permits;

/// <summary>
/// A clerk's work queue 待办: the open applications they answer for or hold (or the whole window's), the most urgent first
/// (fewest working days left on the clock that binds now), each with its clock status and explanation.
/// Applications whose clock is suspended follow the running ones; those waiting for the applicant's correction
/// have no running clock and come last. Paged with a keyset cursor (at most <see cref="MaxLimit"/> a page), with the total.
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

    /// <summary>A page of the queue, the cursor of the next page (null on the last), and how many open applications the queue holds in all.</summary>
    public sealed record Entries(IReadOnlyList<Entry> Items, string? NextCursor, int Total);

    [AllowedRoles(Roles.Clerk, Roles.Supervisor)]
    public sealed record Query(string? ClerkId) : IQuery<Entries>
    {
        /// <summary>A clerk's queue is their own unless this is true: then the whole window's, as when covering for a colleague.</summary>
        public bool? All { get; init; }
        public string? Cursor { get; init; }
        public int? Limit { get; init; }
    }

    /// <summary>Most a page holds.</summary>
    public const int MaxLimit = 200;

    /// <summary>The last row's sort key: group (0 running, 1 suspended, 2 no running clock), due date, receipt, id.</summary>
    internal sealed record Key(int G, DateOnly D, DateOnly R, Guid I);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(x => x.ClerkId).MaximumLength(100).Named("经办人", "Clerk");
            RuleFor(x => x.Limit).IsPageSize(MaxLimit);
            RuleFor(x => x.Cursor).IsCursorOf<Query, Key>();
        }
    }

    // The order comes from the stored clocks (deadline_clocks), not from evaluating every application: for
    // working-day clocks fewer working days left is exactly an earlier due date. At the desk the clock shown is the
    // correction window until it runs out, then the promised clock from receipt (art. 32, as PermitClocks.Effective
    // reads it); a suspended clock's due date moves daily, so suspended applications follow the running ones, and
    // applications waiting for the applicant (no running clock) come last.
    private const string Ordered = $"""
        SELECT p.id, p.received_on,
               CASE WHEN k.id IS NULL THEN 2 WHEN k.suspended = @Yes THEN 1 ELSE 0 END AS g,
               COALESCE(CASE WHEN w.due_on >= @Today THEN w.due_on ELSE k.due_on END, @Never) AS d
        FROM permit_applications p
        LEFT JOIN deadline_clocks k ON k.subject_type = 'permit' AND k.clock = 'permit' AND k.subject_id = p.id
        LEFT JOIN deadline_clocks w ON w.subject_type = 'permit' AND w.clock = '{PermitCorrectionWindows.Type}' AND w.subject_id = p.id
        WHERE p.jurisdiction BETWEEN @JurisdictionFirst AND @JurisdictionLast
          AND p.stage NOT IN ('notAccepted', 'completed')
          AND (@ClerkId IS NULL OR p.responsible_id = @ClerkId OR p.holder_id = @ClerkId)
        """;

    private static readonly Sql PageKeys = new(d => $"""
        SELECT id, g, d, received_on FROM ({Ordered}) q
        WHERE g > @G OR (g = @G AND (d > @D OR (d = @D AND (received_on > @R OR (received_on = @R AND id > @I)))))
        ORDER BY g, d, received_on, id
        {d.Limit("@Take")}
        """);
    private static readonly Sql Count = new("""
        SELECT COUNT(*) FROM permit_applications p
        WHERE p.jurisdiction BETWEEN @JurisdictionFirst AND @JurisdictionLast
          AND p.stage NOT IN ('notAccepted', 'completed')
          AND (@ClerkId IS NULL OR p.responsible_id = @ClerkId OR p.holder_id = @ClerkId)
        """);
    private static readonly Sql Rows = new(d => $"SELECT {PermitRecord.Columns} FROM permit_applications WHERE {d.IdIn("id", "@Ids")}");
    private static readonly Sql RowSuspensions = new(d => $"""
        SELECT s.application_id, s.id, s.kind, s.start_on, s.end_on, s.reason
        FROM permit_suspensions s WHERE {d.IdIn("s.application_id", "@Ids")}
        """);

    private sealed record PageKey
    {
        public Guid Id { get; init; }
        public int G { get; init; }
        public DateOnly D { get; init; }
        public DateOnly ReceivedOn { get; init; }
    }

    public sealed class Handler(DbSession db, ICurrentUser user, CalendarStore calendars, TimeProvider clock, PermitView view)
        : IQueryHandler<Query, Entries>
    {
        public async ValueTask<Entries> Handle(Query query, CancellationToken ct)
        {
            // A clerk's queue is their own, or the whole window's when asked; a supervisor reads any clerk's (an active
            // one of the window's jurisdiction), or the whole window's.
            var clerkId = user.IsInRole(Roles.Supervisor) ? Input.Clean(query.ClerkId) : query.All == true ? null : user.UserId;
            if (user.IsInRole(Roles.Supervisor) && clerkId is not null)
                await NamedUsers.RequireAsync(db, user, nameof(Query.ClerkId), clerkId, NamedUsers.WindowStaff, ct);
            var evaluator = await calendars.EvaluatorAsync(db, ct);
            var now = clock.GetUtcNow();
            Common.Cursor.TryDecode<Key>(query.Cursor, out var after);
            var limit = query.Limit ?? 50;
            var scope = new
            {
                JurisdictionFirst = Jurisdiction.Range(user.Jurisdiction).First,
                JurisdictionLast = Jurisdiction.Range(user.Jurisdiction).Last,
                ClerkId = clerkId,
            };
            var keys = await db.QueryAsync<PageKey>(PageKeys, new
            {
                scope.JurisdictionFirst, scope.JurisdictionLast, scope.ClerkId,
                Yes = true,
                Today = evaluator.LocalDate(now),
                Never = DateOnly.MaxValue,
                G = after?.G ?? -1, D = after?.D ?? DateOnly.MinValue, R = after?.R ?? DateOnly.MinValue, I = after?.I ?? Guid.Empty,
                Take = limit + 1,
            }, ct);
            var page = keys.Take(limit).ToList();
            var ids = new { Ids = ClockRows.IdList(page.Select(k => k.Id)) };
            var rows = page.Count == 0 ? [] : (await db.QueryAsync<PermitRecord>(Rows, ids, ct)).ToDictionary(p => p.Id);
            var suspensions = (page.Count == 0 ? [] : await db.QueryAsync<PermitSuspensionOf>(RowSuspensions, ids, ct)).ToLookup(s => s.ApplicationId, s => s.Row);
            var items = page.Where(k => rows.ContainsKey(k.Id))
                .Select(k => PermitClocks.Effective(rows[k.Id], evaluator, now))
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
                .ToList();
            var total = await db.ExecuteScalarAsync<long>(Count, scope, ct);
            var next = keys.Count > limit && page.Count > 0
                ? Common.Cursor.Encode(new Key(page[^1].G, page[^1].D, page[^1].ReceivedOn, page[^1].Id))
                : null;
            return new Entries(items, next, (int)total);
        }
    }
}
