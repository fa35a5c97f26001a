using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.OfficeWork;

/// <summary>The legal trainings of a jurisdiction (the caller's, or one below it), latest first, a page at a time, optionally within a period.</summary>
public static class ListTrainings
{
    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Query : IQuery<Page<TrainingDto>>, IOfficePeriodQuery
    {
        public string? Jurisdiction { get; init; }
        public DateOnly? From { get; init; }
        public DateOnly? To { get; init; }
        public string? Cursor { get; init; }
        public int? Limit { get; init; }
    }

    public sealed class Validator : OfficePeriodValidator<Query>;

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
            var (rows, limit) = await OfficeDay.ReadPageAsync<TrainingRows.Row>(db, user, query, Select, ct);
            return OfficeDay.Page(rows.Select(r => r.Dto()).ToList(), limit, t => new OfficePageKey(t.HeldOn, t.Id));
        }
    }
}
