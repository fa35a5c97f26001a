using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Calendar;
using Inspections.Core.Features.Permits;
using Inspections.Core.Features.Unlicensed;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.Alerts;

/// <summary>One of my deadlines that is due soon or overdue today, as the stored clocks have it.</summary>
public sealed record MyDeadline
{
    /// <summary>"case", "permit", "notice" (an inspection's rectification notice) or "unlicensedNotice".</summary>
    public string SubjectType { get; init; } = "";
    public Guid SubjectId { get; init; }
    /// <summary>Which deadline of the item: "case" (办案期限), "case-service" (送达), "case-payment" (缴纳罚款), "permit" (承诺时限),
    /// "permit-certificate" (发证送达), "notice" (整改期限).</summary>
    public string Clock { get; init; } = "";
    public string Jurisdiction { get; init; } = "";
    /// <summary>The case number, "申请人 · 事项", or "场所 责令整改通知".</summary>
    public string Title { get; init; } = "";
    /// <summary>"dueSoon" or "overdue".</summary>
    public string Status { get; init; } = "";
    public DateOnly DueOn { get; init; }
    /// <summary>The clock explained in Chinese, e.g. "下达整改通知 2026-03-02，整改期限 15 日，应于 2026-03-17 完成整改；还剩 2 日".</summary>
    public string Explanation { get; init; } = "";
    /// <summary>The item in the API, e.g. "/api/cases/{id}".</summary>
    public string ApiPath { get; init; } = "";
    /// <summary>The item's page, e.g. "/cases/{id}".</summary>
    public string PagePath { get; init; } = "";
}

/// <summary>
/// My due-soon and overdue work 我的到期事项 today (Beijing date): the stored clocks (<see cref="ClockRows"/>) of my
/// jurisdiction whose responsible person I am — cases I handle, applications I took in first 首问, rectification
/// notices I issued and the notices served on unlicensed venues — by due date, a page at a time. Unlike
/// <see cref="ListAlerts"/> it does not wait for the deadline scan: it reads the clocks' dates against today.
/// Clocks held by an open suspension, and the permit desk's correction windows (which raise no alerts), are not listed.
/// </summary>
public static class MyDeadlines
{
    [AllowedRoles(Roles.Officer, Roles.Clerk, Roles.Supervisor)]
    public sealed record Query : IQuery<Page<MyDeadline>>
    {
        [OneOf("dueSoon", "overdue")] public string? Status { get; init; }
        [OneOf("case", "permit", "notice", UnlicensedNoticeSource.SubjectType)] public string? SubjectType { get; init; }
        public string? Cursor { get; init; }
        public int? Limit { get; init; }
    }

    internal sealed record Key(DateOnly D, Guid I);

    private static readonly string[] SubjectTypes = ["case", "permit", "notice", UnlicensedNoticeSource.SubjectType];

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(x => x.Status).Must(k => k is null or "dueSoon" or "overdue")
                .Says("状态应为 dueSoon（即将到期）或 overdue（已超期）", "Status must be dueSoon or overdue");
            RuleFor(x => x.SubjectType).Must(t => t is null || SubjectTypes.Contains(t))
                .Says($"对象类型应为 {string.Join("、", SubjectTypes)} 之一", $"Subject type must be one of {string.Join(", ", SubjectTypes)}");
            RuleFor(x => x.Limit).IsPageSize(200);
            RuleFor(x => x.Cursor).IsCursorOf<Query, Key>();
        }
    }

    private sealed record Row
    {
        public Guid Id { get; init; }
        public string SubjectType { get; init; } = "";
        public Guid SubjectId { get; init; }
        public string Clock { get; init; } = "";
        public string Jurisdiction { get; init; } = "";
        public string Title { get; init; } = "";
        public Guid? ParentId { get; init; }
        public DateOnly DueOn { get; init; }
        public DateOnly OverdueOn { get; init; }
        public int DueSoonDays { get; init; }
        public string Facts { get; init; } = "";
    }

    /// <summary>The stored clocks a person is told about: the four kinds of work with a page, less the desk's correction windows (which raise no alerts).</summary>
    internal const string Listed = $"subject_type IN ('case', 'permit', 'notice', '{UnlicensedNoticeSource.SubjectType}') AND {ListedClock}";

    /// <summary>The clock half of <see cref="Listed"/>, for a statement that names its one kind of work outright.</summary>
    internal const string ListedClock = $"clock <> '{PermitCorrectionWindows.Type}'";

    // A clock is due soon from due_soon_on and overdue from overdue_on (the day after the due date), as the scan reads
    // them; a suspended clock has no dates. The clock types that raise alerts are code constants, written into the text.
    // A page walks my clocks in due order (ix_deadline_clocks_responsible), the jurisdiction range checked on each, and
    // stops when it is full (SqlDialect.Unseeked: not a jurisdiction range of everyone's clocks, sorted).
    internal static readonly Sql Select = new(d => $"""
        SELECT id, subject_type, subject_id, clock, jurisdiction, title, parent_id, due_on, overdue_on, due_soon_days, facts
        FROM deadline_clocks
        WHERE responsible_user_id = @Me
          AND {d.Unseeked("jurisdiction")} BETWEEN @JurisdictionFirst AND @JurisdictionLast
          AND {Listed}
          AND due_on IS NOT NULL
          AND (due_soon_on <= @Today OR overdue_on <= @Today)
          AND (@Status = 0 OR (@Status = 1 AND overdue_on > @Today) OR (@Status = 2 AND overdue_on <= @Today))
          AND (@SubjectType IS NULL OR subject_type = @SubjectType)
          AND (@HasAfter = 0 OR due_on > @AfterDue OR (due_on = @AfterDue AND id > @AfterId))
        ORDER BY due_on, id
        {d.Limit("@Take")}
        """);

    public sealed class Handler(DbSession db, ICurrentUser user, CalendarStore calendars, TimeProvider clock) : IQueryHandler<Query, Page<MyDeadline>>
    {
        public async ValueTask<Page<MyDeadline>> Handle(Query query, CancellationToken ct)
        {
            Common.Cursor.TryDecode<Key>(query.Cursor, out var after);
            var limit = query.Limit ?? 50;
            var now = clock.GetUtcNow();
            var evaluator = await calendars.EvaluatorAsync(db, ct);
            var today = evaluator.LocalDate(now);
            var range = Jurisdiction.Range(user.Jurisdiction);
            var rows = await db.QueryAsync<Row>(Select, new
            {
                Me = user.UserId,
                JurisdictionFirst = range.First,
                JurisdictionLast = range.Last,
                Today = today,
                Status = query.Status switch { "dueSoon" => 1, "overdue" => 2, _ => 0 },
                query.SubjectType,
                HasAfter = after is null ? 0 : 1,
                AfterDue = after?.D ?? DateOnly.MinValue,
                AfterId = after?.I ?? Guid.Empty,
                Take = limit + 1,
            }, ct);
            var items = rows.Take(limit).ToList();
            var next = rows.Count > limit ? Common.Cursor.Encode(new Key(items[^1].DueOn, items[^1].Id)) : null;
            return new Page<MyDeadline>(items.Select(r =>
            {
                var (deadline, wording) = ClockFacts.Read(r.Facts, r.SubjectId);
                var (api, page) = Paths(r.SubjectType, r.SubjectId, r.ParentId);
                return new MyDeadline
                {
                    SubjectType = r.SubjectType,
                    SubjectId = r.SubjectId,
                    Clock = r.Clock,
                    Jurisdiction = r.Jurisdiction,
                    Title = r.Title,
                    Status = today >= r.OverdueOn ? "overdue" : "dueSoon",
                    DueOn = r.DueOn,
                    Explanation = evaluator.Explain(deadline, evaluator.Evaluate(deadline, now, r.DueSoonDays), wording),
                    ApiPath = api,
                    PagePath = page,
                };
            }).ToList(), next);
        }
    }

    /// <summary>Where a listed clock's item is read, in the API and on the pages.</summary>
    internal static (string Api, string Page) Paths(string subjectType, Guid subjectId, Guid? parentId) => subjectType switch
    {
        "case" => ($"/api/cases/{subjectId}", $"/cases/{subjectId}"),
        "permit" => ($"/api/permits/{subjectId}", $"/permits/{subjectId}"),
        "notice" => ($"/api/inspections/{subjectId}", $"/inspections/{subjectId}"),
        _ => ($"/api/unlicensed-campaigns/{parentId}/venues/{subjectId}", $"/unlicensed-campaigns/{parentId}/venues/{subjectId}"),
    };
}
