using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.Inspections;

/// <summary>Opens a special campaign 专项行动 (e.g. 打击黑网吧专项行动) with its period, in the caller's jurisdiction.</summary>
public static class CreateSpecialCampaign
{
    [NotForStations(StationBar.Campaigns)]
    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Command : ICommand<SpecialCampaignDto>
    {
        public string? Name { get; init; }
        public string? Description { get; init; }
        public DateOnly? StartsOn { get; init; }
        public DateOnly? EndsOn { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Name).NotEmpty().MaximumLength(200).Named("专项行动名称", "Name");
            RuleFor(x => x.Description).MaximumLength(2000).Named("说明", "Description");
            RuleFor(x => x.StartsOn).NotNull().Named("开始日期", "Start date");
            RuleFor(x => x.EndsOn).NotNull().Named("结束日期", "End date");
            RuleFor(x => x.EndsOn).GreaterThanOrEqualTo(x => x.StartsOn).When(x => x.StartsOn is not null && x.EndsOn is not null)
                .Says("结束日期不能早于开始日期", "The campaign ends before it starts");
        }
    }

    internal static readonly Sql Insert = new("""
        INSERT INTO campaigns (id, jurisdiction, name, description, starts_on, ends_on, created_at, created_by, version)
        VALUES (@Id, @Jurisdiction, @Name, @Description, @StartsOn, @EndsOn, @Now, @CreatedBy, 1)
        """);

    public sealed class Handler(DbSession db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, SpecialCampaignDto>
    {
        public async ValueTask<SpecialCampaignDto> Handle(Command command, CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            var id = Guid.CreateVersion7(now);
            await db.ExecuteAsync(Insert, new
            {
                Id = id,
                user.Jurisdiction,
                Name = command.Name!.Trim(),
                Description = Input.Clean(command.Description),
                StartsOn = command.StartsOn!.Value,
                EndsOn = command.EndsOn!.Value,
                Now = now,
                CreatedBy = user.UserId,
            }, ct);
            db.AuditAbout("campaign", id);
            return await SpecialCampaignRows.LoadAsync(db, id, ct);
        }
    }
}
