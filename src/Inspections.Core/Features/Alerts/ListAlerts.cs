using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.Alerts;

public sealed record AlertDto
{
    public Guid Id { get; init; }
    public string SubjectType { get; init; } = "";
    public Guid SubjectId { get; init; }
    public string Jurisdiction { get; init; } = "";
    public string Kind { get; init; } = "";
    public DateOnly DueDate { get; init; }
    public string Title { get; init; } = "";
    public string Message { get; init; } = "";
    public string? ResponsibleUserId { get; init; }
    public DateTimeOffset RaisedAt { get; init; }
    public DateTimeOffset? AcknowledgedAt { get; init; }
    public string? AcknowledgedBy { get; init; }
    public long Version { get; init; }

    /// <summary>With mine=true: why the caller is told (responsible, holder, supervisor, leadership).</summary>
    public string? Reason { get; init; }

    /// <summary>With mine=true: when the caller marked it read, null while unread.</summary>
    public DateTimeOffset? ReadAt { get; init; }

    internal const string Columns = """
        id, subject_type, subject_id, jurisdiction, kind, due_date, title, message, responsible_user_id,
        raised_at, acknowledged_at, acknowledged_by, version
        """;
}

/// <summary>
/// Due-soon and overdue alerts 预警 of the caller's jurisdiction, open ones unless asked otherwise. With mine=true, the
/// alerts the caller is told of (<see cref="AlertRecipients"/>), unread first, each with why and when it was read.
/// </summary>
public static class ListAlerts
{
    [AllowedRoles(Roles.Officer, Roles.Clerk, Roles.Supervisor, Roles.Admin)]
    public sealed record Query : IQuery<Page<AlertDto>>
    {
        [OneOf("dueSoon", "overdue")] public string? Kind { get; init; }
        public string? SubjectType { get; init; }
        public bool IncludeAcknowledged { get; init; }
        public bool Mine { get; init; }
        public string? Cursor { get; init; }
        public int? Limit { get; init; }
    }

    /// <param name="I">The last alert's id.</param>
    /// <param name="R">With mine=true: 0 while the page was among the unread, 1 among the read.</param>
    internal sealed record Key(Guid I, int R = 0);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(x => x.Kind).Must(k => k is null or "dueSoon" or "overdue")
                .Says("预警类型应为 dueSoon（即将到期）或 overdue（已超期）", "Kind must be dueSoon or overdue");
            RuleFor(x => x.SubjectType).MaximumLength(32).Named("对象类型", "Subject type");
            RuleFor(x => x.Limit).IsPageSize(200);
            RuleFor(x => x.Cursor).IsCursorOf<Query, Key>();
        }
    }

    // A first page walks the primary key in id order and stops when the page is full, instead of reading the jurisdiction
    // range's alerts (open and acknowledged) and sorting them (SqlDialect.Unseeked).
    internal static readonly Sql Select = new(d => $"""
        SELECT {AlertDto.Columns}
        FROM alerts
        WHERE {d.Unseeked("jurisdiction")} BETWEEN @JurisdictionFirst AND @JurisdictionLast
          AND (@Kind IS NULL OR kind = @Kind)
          AND (@SubjectType IS NULL OR subject_type = @SubjectType)
          AND (@IncludeAcknowledged = 1 OR acknowledged_at IS NULL)
          AND id > @After
        ORDER BY id
        {d.Limit("@Take")}
        """);

    private const string ReadRank = "CASE WHEN r.read_at IS NULL THEN 0 ELSE 1 END";

    internal static readonly Sql SelectMine = new(d => $"""
        SELECT {AlertDto.Columns}, r.reason, r.read_at
        FROM alerts a JOIN alert_recipients r ON r.alert_id = a.id AND r.user_id = @Me
        WHERE a.jurisdiction BETWEEN @JurisdictionFirst AND @JurisdictionLast
          AND (@Kind IS NULL OR a.kind = @Kind)
          AND (@SubjectType IS NULL OR a.subject_type = @SubjectType)
          AND (@IncludeAcknowledged = 1 OR a.acknowledged_at IS NULL)
          AND ({ReadRank} > @AfterRank OR ({ReadRank} = @AfterRank AND a.id > @After))
        ORDER BY {ReadRank}, a.id
        {d.Limit("@Take")}
        """);

    /// <summary>
    /// The filters as the statements' parameters (<see cref="Select"/>, or <see cref="SelectMine"/> with mine=true): the
    /// alert list 预警清单 reads the same rows with no page limit.
    /// </summary>
    internal static object Parameters(Query query, ICurrentUser user, Key? after, int take) => new
    {
        Me = user.UserId,
        JurisdictionFirst = Jurisdiction.Range(user.Jurisdiction).First,
        JurisdictionLast = Jurisdiction.Range(user.Jurisdiction).Last,
        query.Kind,
        query.SubjectType,
        IncludeAcknowledged = query.IncludeAcknowledged ? 1 : 0,
        AfterRank = after?.R ?? 0,
        // Guid.Empty sorts before every id on all three databases, so no cursor means "from the start".
        After = after?.I ?? Guid.Empty,
        Take = take,
    };

    public sealed class Handler(DbSession db, ICurrentUser user) : IQueryHandler<Query, Page<AlertDto>>
    {
        public async ValueTask<Page<AlertDto>> Handle(Query query, CancellationToken ct)
        {
            Common.Cursor.TryDecode<Key>(query.Cursor, out var after);
            var limit = query.Limit ?? 50;
            if (query.Mine)
            {
                var mine = await db.QueryAsync<AlertDto>(SelectMine, Parameters(query, user, after, limit + 1), ct);
                var page = mine.Take(limit).ToList();
                return new Page<AlertDto>(page, mine.Count > limit
                    ? Common.Cursor.Encode(new Key(page[^1].Id, page[^1].ReadAt is null ? 0 : 1)) : null);
            }
            var rows = await db.QueryAsync<AlertDto>(Select, Parameters(query, user, after, limit + 1), ct);
            var items = rows.Take(limit).ToList();
            return new Page<AlertDto>(items, rows.Count > limit ? Common.Cursor.Encode(new Key(items[^1].Id)) : null);
        }
    }
}
