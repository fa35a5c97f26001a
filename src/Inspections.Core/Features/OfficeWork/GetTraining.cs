using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.OfficeWork;

/// <summary>One legal training, for whoever sees its jurisdiction.</summary>
public static class GetTraining
{
    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Query(Guid Id) : IQuery<TrainingDto>;

    public sealed class Handler(DbSession db, ICurrentUser user) : IQueryHandler<Query, TrainingDto>
    {
        public async ValueTask<TrainingDto> Handle(Query query, CancellationToken ct)
        {
            var training = await TrainingRows.LoadAsync(db, query.Id, ct);
            user.EnsureCanSee(training.Jurisdiction);
            return training;
        }
    }
}
