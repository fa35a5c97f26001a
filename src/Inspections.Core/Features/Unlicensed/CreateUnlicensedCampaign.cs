using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Inspections.Domain.Venues;
using Mediator;

namespace Inspections.Core.Features.Unlicensed;

/// <summary>Opens a rectification campaign 集中整治行动 against unlicensed venues of the given types, in the caller's jurisdiction.</summary>
public static class CreateUnlicensedCampaign
{
    [NotForStations(StationBar.Campaigns)]
    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Command : ICommand<UnlicensedCampaignDto>
    {
        public string? Name { get; init; }
        public string? Description { get; init; }
        public DateOnly? StartsOn { get; init; }
        public DateOnly? EndsOn { get; init; }
        [OneOf<VenueType>] public IReadOnlyList<string?>? VenueTypes { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Name).NotEmpty().MaximumLength(200).Named("整治行动名称", "Name");
            RuleFor(x => x.Description).MaximumLength(2000).Named("说明", "Description");
            RuleFor(x => x.StartsOn).NotNull().Named("开始日期", "Start date");
            RuleFor(x => x.EndsOn).NotNull().Named("结束日期", "End date");
            RuleFor(x => x.EndsOn).GreaterThanOrEqualTo(x => x.StartsOn).When(x => x.StartsOn is not null && x.EndsOn is not null)
                .Says("结束日期不能早于开始日期", "The campaign ends before it starts");
            RuleFor(x => x.VenueTypes).NotEmpty().Named("整治场所类型", "Venue types");
            RuleFor(x => x.VenueTypes)
                .Must(types => types!.All(Wire.IsValid<VenueType>))
                .When(x => x.VenueTypes is not null)
                .Says($"未知的场所类型，可选值：{Wire.Allowed<VenueType>()}", $"Unknown venue type; allowed: {Wire.Allowed<VenueType>()}");
            RuleFor(x => x.VenueTypes)
                .Must(types => types!.Distinct().Count() == types!.Count)
                .When(x => x.VenueTypes is not null)
                .Says("场所类型重复", "A venue type is listed twice");
        }
    }

    internal static readonly Sql Insert = new("""
        INSERT INTO unlicensed_campaigns (id, jurisdiction, name, description, starts_on, ends_on, venue_types, created_at, created_by, version)
        VALUES (@Id, @Jurisdiction, @Name, @Description, @StartsOn, @EndsOn, @VenueTypes, @Now, @CreatedBy, 1)
        """);

    public sealed class Handler(DbSession db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, UnlicensedCampaignDto>
    {
        public async ValueTask<UnlicensedCampaignDto> Handle(Command command, CancellationToken ct)
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
                VenueTypes = string.Join(',', command.VenueTypes!),
                Now = now,
                CreatedBy = user.UserId,
            }, ct);
            db.AuditAbout("unlicensedCampaign", id);
            return await UnlicensedRows.CampaignAsync(db, id, ct);
        }
    }
}
