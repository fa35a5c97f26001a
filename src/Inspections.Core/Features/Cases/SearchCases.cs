using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Inspections.Domain.Cases;
using Mediator;

namespace Inspections.Core.Features.Cases;

/// <summary>
/// The case register 案件台账: cases of the caller's jurisdiction by stage, officer, venue,
/// violation, filing period or case number, newest first, a page at a time.
/// </summary>
public static class SearchCases
{
    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Query : IQuery<Page<CaseSummary>>
    {
        [OneOf<CaseStage>] public string? Stage { get; init; }
        /// <summary>Only cases still being worked (not closed, archived, withdrawn, not filed, transferred).</summary>
        public bool? OpenOnly { get; init; }
        public string? OfficerId { get; init; }
        public Guid? VenueId { get; init; }
        public string? ViolationCode { get; init; }
        public DateOnly? FiledFrom { get; init; }
        public DateOnly? FiledTo { get; init; }
        public string? CaseNumber { get; init; }
        public string? Cursor { get; init; }
        public int? Limit { get; init; }
    }

    public sealed record CaseSummary
    {
        public Guid Id { get; init; }
        public string Jurisdiction { get; init; } = "";
        public string? CaseNumber { get; init; }
        public string Stage { get; init; } = "";
        public string StageName { get; init; } = "";
        public string Source { get; init; } = "";
        public Guid? VenueId { get; init; }
        public string PartyName { get; init; } = "";
        public string ViolationCode { get; init; } = "";
        public string ViolationName { get; init; } = "";
        public string OfficerId { get; init; } = "";
        public string OfficerName { get; init; } = "";
        public DateOnly? FiledOn { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public long Version { get; init; }
    }

    internal sealed record Key(DateTimeOffset At, Guid I);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(x => x.Stage).Must(s => Wire.TryParse<CaseStage>(s, out _)).When(x => x.Stage is not null)
                .Says($"未知的案件阶段，可选值：{Wire.Allowed<CaseStage>()}", $"Unknown stage; allowed: {Wire.Allowed<CaseStage>()}");
            RuleFor(x => x.OfficerId).MaximumLength(100).Named("承办人", "Officer");
            RuleFor(x => x.ViolationCode).MaximumLength(40).Named("违法行为", "Violation");
            RuleFor(x => x.CaseNumber).MaximumLength(60).Named("案号", "Case number");
            RuleFor(x => x.FiledTo).GreaterThanOrEqualTo(x => x.FiledFrom).When(x => x.FiledFrom is not null && x.FiledTo is not null)
                .Says("截止日期不能早于起始日期", "To must not be before From");
            RuleFor(x => x.Limit).IsPageSize(100);
            RuleFor(x => x.Cursor).IsCursorOf<Query, Key>();
        }
    }

    // Code constants, not user input, so they are written into the text (T-SQL has no "IN @list").
    private static readonly string Finished = string.Join(", ",
        new[] { CaseStage.Closed, CaseStage.Archived, CaseStage.Withdrawn, CaseStage.NotFiled, CaseStage.Transferred }
            .Select(s => $"'{Wire.Name(s)}'"));

    // Optional filters are switched by integer flags: PostgreSQL cannot type a bare "@p IS NULL" for uuid or date.
    internal static readonly Sql Select = new(d => $"""
        SELECT c.id, c.jurisdiction, c.case_number, c.stage, c.source, c.venue_id, c.party_name, c.violation_code,
            v.name AS violation_name, c.officer_id, c.officer_name, c.filed_on, c.created_at, c.version
        FROM cases c JOIN violation_catalog v ON v.code = c.violation_code
        WHERE {d.Unseeked("c.jurisdiction")} BETWEEN @JurisdictionFirst AND @JurisdictionLast
          AND (@Stage IS NULL OR c.stage = @Stage)
          AND (@OpenOnly = 0 OR c.stage NOT IN ({Finished}))
          AND (@OfficerId IS NULL OR c.officer_id = @OfficerId)
          AND (@HasVenue = 0 OR c.venue_id = @VenueId)
          AND (@ViolationCode IS NULL OR c.violation_code = @ViolationCode)
          AND (@HasFrom = 0 OR c.filed_on >= @FiledFrom)
          AND (@HasTo = 0 OR c.filed_on <= @FiledTo)
          AND (@CaseNumberLike IS NULL OR c.case_number LIKE @CaseNumberLike ESCAPE '\')
          AND (@HasAfter = 0 OR c.created_at < @AfterAt OR (c.created_at = @AfterAt AND c.id < @AfterId))
        ORDER BY c.created_at DESC, c.id DESC
        {d.Limit("@Take")}
        """);

    /// <summary>The filters as the statement's parameters: the register 案件台账 reads the same rows with no page limit.</summary>
    internal static object Parameters(Query query, string scope, Key? after, int take) => new
    {
        JurisdictionFirst = Jurisdiction.Range(scope).First,
        JurisdictionLast = Jurisdiction.Range(scope).Last,
        query.Stage,
        OpenOnly = query.OpenOnly == true ? 1 : 0,
        query.OfficerId,
        HasVenue = query.VenueId is null ? 0 : 1,
        VenueId = query.VenueId ?? Guid.Empty,
        query.ViolationCode,
        HasFrom = query.FiledFrom is null ? 0 : 1,
        FiledFrom = query.FiledFrom ?? DateOnly.MinValue,
        HasTo = query.FiledTo is null ? 0 : 1,
        FiledTo = query.FiledTo ?? DateOnly.MaxValue,
        CaseNumberLike = string.IsNullOrWhiteSpace(query.CaseNumber) ? null : SqlDialect.LikeContains(query.CaseNumber.Trim()),
        HasAfter = after is null ? 0 : 1,
        AfterAt = after?.At ?? DateTimeOffset.UnixEpoch,
        AfterId = after?.I ?? Guid.Empty,
        Take = take,
    };

    public sealed class Handler(DbSession db, ICurrentUser user) : IQueryHandler<Query, Page<CaseSummary>>
    {
        public async ValueTask<Page<CaseSummary>> Handle(Query query, CancellationToken ct)
        {
            Common.Cursor.TryDecode<Key>(query.Cursor, out var after);
            var limit = query.Limit ?? 20;
            var rows = await db.QueryAsync<CaseSummary>(Select, Parameters(query, user.Jurisdiction, after, limit + 1), ct);
            var items = rows.Take(limit)
                .Select(r => r with { StageName = CaseWire.Describe(CaseWire.Stage(r.Stage)) })
                .ToList();
            var next = rows.Count > limit ? Common.Cursor.Encode(new Key(items[^1].CreatedAt, items[^1].Id)) : null;
            return new Page<CaseSummary>(items, next);
        }
    }
}
