using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Inspections.Domain.Calendar;
using Inspections.Domain.Permits;
using Mediator;

namespace Inspections.Core.Features.Permits;

/// <summary>
/// Admins edit an item's limits, kinds and materials (with the version they read). Applications
/// already received keep the limits and materials copied into them at receipt.
/// </summary>
public static class UpdatePermitItem
{
    public sealed record MaterialInput(string? Code, string? Name);

    [NotForStations(StationBar.Permits)]
    [AllowedRoles(Roles.Admin)]
    public sealed record Command : ICommand<PermitItemDto>
    {
        [RouteValue] public string Code { get; init; } = "";
        public long? Version { get; init; }
        public string? Name { get; init; }
        public int? StatutoryLimitDays { get; init; }
        /// <summary>The article that sets the statutory limit; left out, it stays as it is.</summary>
        public string? StatutoryLimitBasis { get; init; }
        public int? PromisedLimitDays { get; init; }
        [OneOf<PermitKind>] public IReadOnlyList<string>? Kinds { get; init; }
        public IReadOnlyList<MaterialInput>? Materials { get; init; }
        public string? LegalBasis { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Version).IsVersion();
            RuleFor(x => x.Name).NotEmpty().MaximumLength(200).Named("事项名称", "Name");
            RuleFor(x => x.StatutoryLimitDays).NotNull().InclusiveBetween(1, DeadlineClock.MaxDays).Named("法定时限", "Statutory limit");
            RuleFor(x => x.PromisedLimitDays).NotNull().InclusiveBetween(1, DeadlineClock.MaxDays).Named("承诺时限", "Promised limit");
            RuleFor(x => x.PromisedLimitDays).LessThanOrEqualTo(x => x.StatutoryLimitDays)
                .When(x => x.StatutoryLimitDays is not null && x.PromisedLimitDays is not null)
                .Says("承诺时限不能长于法定时限", "The promised limit cannot be longer than the statutory one");
            RuleFor(x => x.Kinds).NotEmpty().Named("申请类型", "Kinds");
            RuleForEach(x => x.Kinds).Must(k => Wire.TryParse<PermitKind>(k, out _))
                .Says($"未知的申请类型，可选值：{Wire.Allowed<PermitKind>()}", $"Unknown kind; allowed: {Wire.Allowed<PermitKind>()}");
            RuleFor(x => x.Materials).NotEmpty().Named("申请材料", "Materials");
            RuleForEach(x => x.Materials).ChildRules(m =>
            {
                m.RuleFor(x => x.Code).NotEmpty().MaximumLength(40).Named("材料编码", "Material code");
                m.RuleFor(x => x.Name).NotEmpty().MaximumLength(200).Named("材料名称", "Material name");
            });
            RuleFor(x => x.Materials).Must(ms => ms!.Select(m => m.Code).Distinct(StringComparer.Ordinal).Count() == ms!.Count)
                .When(x => x.Materials is { Count: > 0 })
                .Says("材料编码不能重复", "Material codes must be unique");
            RuleFor(x => x.LegalBasis).MaximumLength(1000).Named("设定依据", "Legal basis");
            RuleFor(x => x.StatutoryLimitBasis).MaximumLength(400).Named("法定时限依据", "Statutory limit's article");
        }
    }

    private static readonly Sql Update = new("""
        UPDATE permit_items SET name = @Name, statutory_limit_days = @StatutoryLimitDays, promised_limit_days = @PromisedLimitDays, statutory_limit_basis = @StatutoryLimitBasis,
            kinds = @Kinds, materials = @Materials, legal_basis = @LegalBasis, updated_at = @Now, updated_by = @By, version = version + 1
        WHERE code = @Code AND version = @Version
        """);

    public sealed class Handler(DbSession db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, PermitItemDto>
    {
        public async ValueTask<PermitItemDto> Handle(Command command, CancellationToken ct)
        {
            var current = await PermitItems.LoadAsync(db, command.Code, ct);
            var changed = await db.ExecuteAsync(Update, new
            {
                command.Code,
                Name = command.Name!.Trim(),
                command.StatutoryLimitDays,
                command.PromisedLimitDays,
                Kinds = string.Join(',', command.Kinds!.Distinct(StringComparer.Ordinal)),
                Materials = PermitJson.Write(command.Materials!.Select(m => new PermitMaterial(m.Code!.Trim(), m.Name!.Trim()))),
                LegalBasis = command.LegalBasis?.Trim() ?? current.LegalBasis,
                StatutoryLimitBasis = Input.Clean(command.StatutoryLimitBasis) ?? current.StatutoryLimitBasis,
                Now = clock.GetUtcNow(),
                By = user.UserId,
                command.Version,
            }, ct);
            if (changed == 0) // read again: the version read above may predate the winner's commit
                throw ConflictException.StaleVersion("许可事项", "permit item", command.Version!.Value, (await PermitItems.LoadAsync(db, command.Code, ct)).Version);
            db.AuditAbout("permit-item", command.Code);
            return await PermitItems.LoadAsync(db, command.Code, ct);
        }
    }
}
