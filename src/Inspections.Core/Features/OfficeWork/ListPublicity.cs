using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.OfficeWork;

/// <summary>The publicity events of a jurisdiction (the caller's, or one below it), latest first, a page at a time, optionally within a period.</summary>
public static class ListPublicity
{
    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Query : IQuery<Page<PublicityDto>>, IOfficePeriodQuery
    {
        public string? Jurisdiction { get; init; }
        public DateOnly? From { get; init; }
        public DateOnly? To { get; init; }
        public string? Cursor { get; init; }
        public int? Limit { get; init; }
    }

    public sealed class Validator : OfficePeriodValidator<Query>;

    private static readonly Sql Select = new(d => $"""
        SELECT {PublicityRows.Columns} FROM office_publicity
        WHERE {OfficeDay.PageFilter("held_on")}
        ORDER BY held_on DESC, id DESC
        {d.Limit("@Take")}
        """);

    public sealed class Handler(DbSession db, ICurrentUser user) : IQueryHandler<Query, Page<PublicityDto>>
    {
        public async ValueTask<Page<PublicityDto>> Handle(Query query, CancellationToken ct)
        {
            var (rows, limit) = await OfficeDay.ReadPageAsync<PublicityDto>(db, user, query, Select, ct);
            return OfficeDay.Page(rows, limit, t => new OfficePageKey(t.HeldOn, t.Id));
        }
    }
}
