using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Jurisdictions;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.OfficeWork;

/// <summary>The legal trainings of a jurisdiction (the caller's, or one below it), latest first, a page at a time, optionally within a period.</summary>
public static class ListTrainings
{
    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Query : IQuery<Page<TrainingDto>>
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
        SELECT {TrainingRows.Columns} FROM office_trainings
        WHERE {OfficeDay.PageFilter("held_on")}
        ORDER BY held_on DESC, id DESC
        {d.Limit("@Take")}
        """);

    public sealed class Handler(DbSession db, ICurrentUser user) : IQueryHandler<Query, Page<TrainingDto>>
    {
        public async ValueTask<Page<TrainingDto>> Handle(Query query, CancellationToken ct)
        {
            var scope = query.Jurisdiction ?? user.Jurisdiction;
            user.EnsureCanSee(scope);
            if (query.Jurisdiction is not null) await JurisdictionRows.EnsureKnownAsync(db, nameof(Query.Jurisdiction), query.Jurisdiction, ct);
            Common.Cursor.TryDecode<OfficePageKey>(query.Cursor, out var after);
            var limit = query.Limit ?? 20;
            var rows = await db.QueryAsync<TrainingRows.Row>(Select, OfficeDay.PageParameters(scope, query.From, query.To, after, limit + 1), ct);
            return OfficeDay.Page(rows.Select(r => r.Dto()).ToList(), limit, t => new OfficePageKey(t.HeldOn, t.Id));
        }
    }
}
