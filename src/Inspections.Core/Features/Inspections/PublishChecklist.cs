using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Inspections.Domain.Venues;
using Mediator;

namespace Inspections.Core.Features.Inspections;

/// <summary>
/// Publishes a new version of a venue type's checklist. Earlier versions stay as they were, so
/// inspections recorded against them keep their questions and legal bases.
/// </summary>
public static class PublishChecklist
{
    [NotForStations(StationBar.SystemWide)]
    [AllowedRoles(Roles.Admin)]
    public sealed record Command : ICommand<ChecklistDto>
    {
        [OneOf<VenueType>] public string? VenueType { get; init; }
        public string? Title { get; init; }
        public IReadOnlyList<Item>? Items { get; init; }
    }

    public sealed record Item(string? Code, string? Text, string? LegalBasis);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.VenueType).Must(Wire.IsValid<VenueType>)
                .Says($"未知的场所类型，可选值：{Wire.Allowed<VenueType>()}", $"Unknown venue type; allowed: {Wire.Allowed<VenueType>()}");
            RuleFor(x => x.Title).NotEmpty().MaximumLength(200).Named("标题", "Title");
            RuleFor(x => x.Items).NotEmpty().Named("检查项", "Items");
            RuleFor(x => x.Items).Must(items => items!.Select(i => i?.Code?.Trim()).Distinct(StringComparer.Ordinal).Count() == items!.Count)
                .When(x => x.Items is { Count: > 0 })
                .Says("检查项编码不能重复", "Item codes must be unique");
            RuleForEach(x => x.Items).ChildRules(item =>
            {
                item.RuleFor(i => i.Code).NotEmpty().MaximumLength(32).Named("编码", "Code");
                item.RuleFor(i => i.Text).NotEmpty().MaximumLength(400).Named("检查内容", "Text");
                item.RuleFor(i => i.LegalBasis).NotEmpty().MaximumLength(400).Named("法律依据", "Legal basis");
            });
        }
    }

    private static readonly Sql LatestVersion = new("SELECT COALESCE(MAX(version), 0) FROM checklist_templates WHERE venue_type = @VenueType");

    public sealed class Handler(DbSession db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, ChecklistDto>
    {
        public async ValueTask<ChecklistDto> Handle(Command command, CancellationToken ct)
        {
            var version = await db.ExecuteScalarAsync<int>(LatestVersion, new { command.VenueType }, ct) + 1;
            var id = await ChecklistWriter.InsertAsync(db, command.VenueType!, version, command.Title!,
                command.Items!.Select(i => (i.Code!, i.Text!, i.LegalBasis!)).ToList(), user.UserId, clock.GetUtcNow(), ct);
            db.AuditAbout("checklist", id);
            return await ChecklistRows.LoadAsync(db, command.VenueType!, version, ct);
        }
    }
}
