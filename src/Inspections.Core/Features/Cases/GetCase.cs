using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Inspections.Domain.Cases;
using Mediator;

namespace Inspections.Core.Features.Cases;

/// <summary>One case with its history, records and the status and explanation of each of its clocks.</summary>
public static class GetCase
{
    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Query(Guid Id) : IQuery<CaseDto>;

    public sealed class Handler(DbSession db, ICurrentUser user, CaseView view) : IQueryHandler<Query, CaseDto>
    {
        public async ValueTask<CaseDto> Handle(Query query, CancellationToken ct)
        {
            var record = await CaseRows.LoadAsync(db, query.Id, ct);
            user.EnsureCanSee(record.Jurisdiction);
            return await view.BuildAsync(db, record, ct);
        }
    }
}
