using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.Permits;

/// <summary>A supervisor reviews a record and closes it with a finding 追究结论; closing twice is a 409.</summary>
public static class CloseAccountability
{
    [NotForStations(StationBar.Permits)]
    [AllowedRoles(Roles.Supervisor)]
    public sealed record Command(Guid Id, long? Version, string? Finding) : ICommand<AccountabilityDto>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Version).IsVersion();
            RuleFor(x => x.Finding).NotEmpty().MaximumLength(2000).Named("追究结论", "Finding");
        }
    }

    private static readonly Sql SelectOne = new($"SELECT {AccountabilityDto.Columns} FROM permit_accountability WHERE id = @Id");
    private static readonly Sql Close = new("""
        UPDATE permit_accountability SET status = 'closed', finding = @Finding, closed_by_id = @ById, closed_by_name = @ByName,
            closed_at = @Now, version = version + 1
        WHERE id = @Id AND version = @Version AND status = 'open'
        """);

    public sealed class Handler(DbSession db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, AccountabilityDto>
    {
        public async ValueTask<AccountabilityDto> Handle(Command command, CancellationToken ct)
        {
            var record = await db.QuerySingleOrDefaultAsync<AccountabilityDto>(SelectOne, new { command.Id }, ct)
                ?? throw new NotFoundException("责任追究记录", "accountability record", command.Id);
            user.EnsureCanChange(record.Jurisdiction);
            if (record.Status == "closed")
                throw new ConflictException($"该记录已于 {record.ClosedAt:yyyy-MM-dd} 由 {record.ClosedByName} 作出结论。",
                    $"The record was already closed by {record.ClosedByName} on {record.ClosedAt:yyyy-MM-dd}.");
            var changed = await db.ExecuteAsync(Close, new
            {
                command.Id, command.Version, Finding = command.Finding!.Trim(), ById = user.UserId, ByName = user.DisplayName, Now = clock.GetUtcNow(),
            }, ct);
            if (changed == 0) // read again: the version read above may predate the winner's commit
                throw ConflictException.StaleVersion("责任追究记录", "accountability record", command.Version!.Value,
                    (await db.QuerySingleOrDefaultAsync<AccountabilityDto>(SelectOne, new { command.Id }, ct))?.Version);
            db.AuditAbout("permit-accountability", command.Id);
            return (await db.QuerySingleOrDefaultAsync<AccountabilityDto>(SelectOne, new { command.Id }, ct))!;
        }
    }
}
