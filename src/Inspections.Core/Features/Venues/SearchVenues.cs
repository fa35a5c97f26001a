using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Jurisdictions;
using Inspections.Domain.Access;
using Inspections.Domain.Venues;
using Mediator;

namespace Inspections.Core.Features.Venues;

/// <summary>
/// Finds venues by type, licence status, name fragment, jurisdiction, or one text that may be part of the name, the
/// unified social credit code 统一社会信用代码 or the licence number 许可证号 (Search), a page at a time (keyset on name, id).
/// </summary>
public static class SearchVenues
{
    [AllowedRoles(Roles.Officer, Roles.Clerk, Roles.Supervisor, Roles.Admin)]
    public sealed record Query : IQuery<Page<VenueDto>>
    {
        [OneOf<VenueType>] public string? Type { get; init; }
        [OneOf<LicenseStatus>] public string? LicenseStatus { get; init; }
        public string? Name { get; init; }
        /// <summary>Part of the name, the credit code (letters in any case) or the licence number.</summary>
        public string? Search { get; init; }
        public string? Jurisdiction { get; init; }
        public string? Cursor { get; init; }
        public int? Limit { get; init; }
    }

    internal sealed record Key(string N, Guid I);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(x => x.Type)
                .Must(t => Wire.TryParse<VenueType>(t, out _))
                .When(x => x.Type is not null)
                .Says("未知的场所类型", "Unknown venue type");
            RuleFor(x => x.LicenseStatus)
                .Must(s => Wire.TryParse<LicenseStatus>(s, out _))
                .When(x => x.LicenseStatus is not null)
                .Says("未知的证照状态", "Unknown licence status");
            RuleFor(x => x.Name).MaximumLength(100).Named("名称", "Name");
            RuleFor(x => x.Search).MaximumLength(100).Named("名称、信用代码或许可证号", "Search");
            RuleFor(x => x.Jurisdiction).IsJurisdictionCode();
            RuleFor(x => x.Limit).IsPageSize(100);
            RuleFor(x => x.Cursor).IsCursorOf<Query, Key>();
        }
    }

    private static string Statement(string from, string jurisdiction) => $"""
        SELECT {VenueDto.Columns}
        FROM {from}
        WHERE {jurisdiction} BETWEEN @JurisdictionFirst AND @JurisdictionLast
          AND (@Type IS NULL OR venue_type = @Type)
          AND (@LicenseStatus IS NULL OR license_status = @LicenseStatus)
          AND (@NameLike IS NULL OR name LIKE @NameLike ESCAPE '\')
          AND (@SearchLike IS NULL OR name LIKE @SearchLike ESCAPE '\' OR license_number LIKE @SearchLike ESCAPE '\'
               OR unified_social_credit_code LIKE @CodeLike ESCAPE '\')
          AND (@AfterName IS NULL OR name > @AfterName OR (name = @AfterName AND id > @AfterId))
        ORDER BY name, id
        """;

    /// <summary>
    /// A page of the list: walks ix_venues_name (name, id, jurisdiction) in order, the jurisdiction range checked in the entry,
    /// and stops when the page is full; an index led by jurisdiction spans a district's towns, so its rows would have to be
    /// read whole and sorted by name (<see cref="SqlDialect.Unseeked"/>).
    /// </summary>
    internal static readonly Sql Select = new(d => $"""
        {Statement("venues", d.Unseeked("jurisdiction"))}
        {d.Limit("@Take")}
        """);

    /// <summary>
    /// The jurisdiction range's venues read whole from ix_venues_jurisdiction_name and sorted: for a name-contains search,
    /// which may match few of the range's venues (walking the names would then read every venue of the province), the
    /// fragment is tested in the index entry; and for the register 场所台账, which reads every row anyway.
    /// </summary>
    internal static readonly Sql SelectRange = new(d => $"""
        {Statement($"venues {d.IndexedBy("ix_venues_jurisdiction_name")}", "jurisdiction")}
        {d.Limit("@Take")}
        """);

    /// <summary>The statement a page of <paramref name="query"/> reads: the range for a fragment, else the walk.</summary>
    internal static Sql For(Query query) =>
        string.IsNullOrWhiteSpace(query.Name) && string.IsNullOrWhiteSpace(query.Search) ? Select : SelectRange;

    /// <summary>The filters as the statement's parameters: the register 场所台账 reads the same rows with no page limit.</summary>
    internal static object Parameters(Query query, string scope, Key? after, int take) => new
    {
        JurisdictionFirst = Domain.Access.Jurisdiction.Range(scope).First,
        JurisdictionLast = Domain.Access.Jurisdiction.Range(scope).Last,
        query.Type,
        query.LicenseStatus,
        NameLike = string.IsNullOrWhiteSpace(query.Name) ? null : SqlDialect.LikeContains(query.Name.Trim()),
        // Credit codes are stored in capitals; SQLite's LIKE ignores ASCII case and PostgreSQL's does not, so the text is raised first.
        SearchLike = string.IsNullOrWhiteSpace(query.Search) ? null : SqlDialect.LikeContains(query.Search.Trim()),
        CodeLike = string.IsNullOrWhiteSpace(query.Search) ? null : SqlDialect.LikeContains(query.Search.Trim().ToUpperInvariant()),
        AfterName = after?.N,
        AfterId = after?.I,
        Take = take,
    };

    public sealed class Handler(DbSession db, ICurrentUser user) : IQueryHandler<Query, Page<VenueDto>>
    {
        public async ValueTask<Page<VenueDto>> Handle(Query query, CancellationToken ct)
        {
            var scope = query.Jurisdiction ?? user.Jurisdiction;
            user.EnsureCanSee(scope);
            if (query.Jurisdiction is not null) await JurisdictionRows.EnsureKnownAsync(db, nameof(Query.Jurisdiction), query.Jurisdiction, ct);
            Common.Cursor.TryDecode<Key>(query.Cursor, out var after);
            var limit = query.Limit ?? 20;
            var rows = await db.QueryAsync<VenueDto>(For(query), Parameters(query, scope, after, limit + 1), ct);
            var items = rows.Take(limit).ToList();
            var next = rows.Count > limit ? Common.Cursor.Encode(new Key(items[^1].Name, items[^1].Id)) : null;
            return new Page<VenueDto>(items, next);
        }
    }
}
