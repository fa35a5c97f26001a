using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Jurisdictions;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.OfficeWork;

/// <summary>The seizure records of a jurisdiction (the caller's, or one below it, a town's included), latest first, a page at a time.</summary>
public static class ListSeizures
{
    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Query : IQuery<Page<OfficeSeizureDto>>
    {
        public string? Jurisdiction { get; init; }
        public DateOnly? From { get; init; }
        public DateOnly? To { get; init; }
        public string? Cursor { get; init; }
        public int? Limit { get; init; }
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(x => x.Jurisdiction).IsJurisdictionCode();
            RuleFor(x => x.To).GreaterThanOrEqualTo(x => x.From).When(x => x.From is not null && x.To is not null)
                .Says("结束日期不能早于开始日期", "The period ends before it starts");
            RuleFor(x => x.Limit).IsPageSize(100);
            RuleFor(x => x.Cursor).IsCursorOf<Query, OfficePageKey>();
        }
    }

    private static readonly Sql Select = new(d => $"""
        {SeizureRows.Select}
        WHERE {OfficeDay.PageFilter("seized_on", "s.")}
        ORDER BY s.seized_on DESC, s.id DESC
        {d.Limit("@Take")}
        """);

    public sealed class Handler(DbSession db, ICurrentUser user) : IQueryHandler<Query, Page<OfficeSeizureDto>>
    {
        public async ValueTask<Page<OfficeSeizureDto>> Handle(Query query, CancellationToken ct)
        {
            var scope = query.Jurisdiction ?? user.Jurisdiction;
            user.EnsureCanSee(scope);
            if (query.Jurisdiction is not null) await JurisdictionRows.EnsureKnownAsync(db, nameof(Query.Jurisdiction), query.Jurisdiction, ct);
            Common.Cursor.TryDecode<OfficePageKey>(query.Cursor, out var after);
            var limit = query.Limit ?? 20;
            var rows = await db.QueryAsync<OfficeSeizureDto>(Select, OfficeDay.PageParameters(scope, query.From, query.To, after, limit + 1), ct);
            return OfficeDay.Page(rows.Select(SeizureRows.Named).ToList(), limit, s => new OfficePageKey(s.SeizedOn, s.Id));
        }
    }
}
