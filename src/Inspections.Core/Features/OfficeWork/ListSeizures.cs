using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.OfficeWork;

/// <summary>The seizure records of a jurisdiction (the caller's, or one below it, a town's included), latest first, a page at a time.</summary>
public static class ListSeizures
{
    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Query : IQuery<Page<OfficeSeizureDto>>, IOfficePeriodQuery
    {
        public string? Jurisdiction { get; init; }
        public DateOnly? From { get; init; }
        public DateOnly? To { get; init; }
        public string? Cursor { get; init; }
        public int? Limit { get; init; }
    }

    public sealed class Validator : OfficePeriodValidator<Query>;

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
            var (rows, limit) = await OfficeDay.ReadPageAsync<OfficeSeizureDto>(db, user, query, Select, ct);
            return OfficeDay.Page(rows.Select(SeizureRows.Named).ToList(), limit, s => new OfficePageKey(s.SeizedOn, s.Id));
        }
    }
}
