using System.Globalization;
using System.Text;
using Inspections.Core.Behaviors;
using Inspections.Core.Data;
using Inspections.Core.Features.Calendar;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.Alerts;

/// <summary>
/// The morning digest 每日预警汇总 (a Hangfire job at 08:30 in the office's time): on a working day by the office
/// calendar — not on a holiday or an ordinary weekend, yes on a make-up working day 调休上班日 — each user told of open
/// work gets one message listing their overdue and due-soon items (alerts not acknowledged whose clock still runs to
/// the same due date), through the channels of their jurisdiction. Keyed "digest:{day}:{user}:{channel}": once a day
/// however many servers run it.
/// </summary>
public static class SendMorningDigest
{
    [NotForStations(StationBar.SystemWide)]
    [AllowedRoles(Roles.System, Roles.Admin)]
    public sealed record Command : ICommand<Result>;

    /// <param name="Day">The office's date the digest is for.</param>
    /// <param name="Skipped">True on a day off by the calendar: nothing is sent.</param>
    /// <param name="Users">Users with open alerts.</param>
    /// <param name="Messages">Messages written to the outbox now (0 when another server wrote them first).</param>
    public sealed record Result(DateOnly Day, bool Skipped, int Users, int Messages);

    private sealed record Line
    {
        public string UserId { get; init; } = "";
        public string? DisplayName { get; init; }
        public string? UserJurisdiction { get; init; }
        public string SubjectType { get; init; } = "";
        public Guid SubjectId { get; init; }
        public string Kind { get; init; } = "";
        public DateOnly DueDate { get; init; }
        public string Title { get; init; } = "";
    }

    private static readonly Sql Open = new("""
        SELECT r.user_id, u.display_name, u.jurisdiction AS user_jurisdiction, a.subject_type, a.subject_id, a.kind, a.due_date, a.title
        FROM alert_recipients r
        JOIN alerts a ON a.id = r.alert_id
        LEFT JOIN users u ON u.id = r.user_id
        WHERE a.acknowledged_at IS NULL
          AND EXISTS (SELECT 1 FROM deadline_clocks c
                      WHERE c.subject_type = a.subject_type AND c.subject_id = a.subject_id AND c.due_on = a.due_date)
        ORDER BY r.user_id, a.due_date, a.title
        """);

    public sealed class Handler(DbSession db, CalendarStore calendars, AlertOptions options, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            var evaluator = await calendars.EvaluatorAsync(db, ct);
            var today = evaluator.LocalDate(now);
            db.AuditAbout("morning-digest", today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            if (!evaluator.Calendar.IsWorkingDay(today).Value) return new Result(today, true, 0, 0);

            // One line per item and user: an item both due soon and now overdue shows as overdue.
            var lines = (await db.QueryAsync<Line>(Open, null, ct))
                .GroupBy(l => (l.UserId, l.SubjectType, l.SubjectId, l.DueDate))
                .Select(g => g.OrderBy(l => l.Kind == "overdue" ? 0 : 1).First() with { Kind = today > g.Key.DueDate ? "overdue" : "dueSoon" })
                .ToLookup(l => l.UserId);
            var codes = lines.Select(u => u.First().UserJurisdiction).OfType<string>()
                .SelectMany(j => new[] { j, AlertRecipients.DistrictOf(j) }).Distinct().ToArray();
            var channels = await AlertDeliveries.ChannelsOfAsync(db, codes, ct);
            var messages = 0;
            foreach (var user in lines)
            {
                var first = user.First();
                if (first.UserJurisdiction is not { } home) continue; // not a user of the system: no channel of theirs
                var (title, body) = Render(first.DisplayName ?? user.Key, today, user.ToList(), options);
                foreach (var c in channels.Where(c => c.Jurisdiction == home || c.Jurisdiction == AlertRecipients.DistrictOf(home)))
                    messages += await db.ExecuteAsync(AlertDeliveries.Insert, new
                    {
                        Id = Guid.CreateVersion7(now), DedupeKey = $"digest:{today:yyyy-MM-dd}:{user.Key}:{c.Id:D}", ChannelId = c.Id,
                        AlertId = (Guid?)null, UserId = user.Key, DigestOn = (DateOnly?)today, Title = title, Body = body, Recipients = AlertDeliveries.RecipientList([user.Key]), Now = now,
                    }, ct);
            }
            return new Result(today, false, lines.Count, messages);
        }
    }

    private static (string Title, string Body) Render(string name, DateOnly today, List<Line> items, AlertOptions options)
    {
        var overdue = items.Count(i => i.Kind == "overdue");
        var soon = items.Count - overdue;
        var title = AlertDeliveries.Clip($"【每日预警】{name} {today:yyyy-MM-dd}：已超期 {overdue} 项，即将到期 {soon} 项", 200);
        var body = new StringBuilder().Append("**").Append(title).Append("**\n\n");
        foreach (var i in items.OrderBy(i => i.Kind == "overdue" ? 0 : 1).ThenBy(i => i.DueDate))
            body.Append("- 【").Append(i.Kind == "overdue" ? "已超期" : "即将到期").Append("】[").Append(i.Title).Append("](")
                .Append(options.LinkTo(i.SubjectType, i.SubjectId)).Append(") 到期日 ")
                .Append(i.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append('\n');
        return (title, body.ToString());
    }
}

/// <summary>The Hangfire job: thin, it sends the digest command as the system user.</summary>
public sealed class MorningDigestJob(IMediator mediator)
{
    public const string Id = "morning-digest";

    public async Task RunAsync(CancellationToken ct) => await mediator.Send(new SendMorningDigest.Command(), ct);
}
