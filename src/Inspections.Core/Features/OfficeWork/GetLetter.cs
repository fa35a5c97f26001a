using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Calendar;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.OfficeWork;

/// <summary>One letter with its limits, reply and running clock, for whoever sees its jurisdiction.</summary>
public static class GetLetter
{
    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Query(Guid Id) : IQuery<LetterDto>;

    public sealed class Handler(DbSession db, ICurrentUser user, TimeProvider clock, ClockOptions clocks, CalendarStore calendars)
        : IQueryHandler<Query, LetterDto>
    {
        public async ValueTask<LetterDto> Handle(Query query, CancellationToken ct)
        {
            var letter = await LetterRows.RowAsync(db, query.Id, ct);
            user.EnsureCanSee(letter.Jurisdiction);
            var evaluator = await calendars.EvaluatorAsync(db, ct);
            return LetterRows.Dto(letter, evaluator, clock.GetUtcNow(), clocks.DueSoonFor(OfficeLetterSource.Type));
        }
    }
}
