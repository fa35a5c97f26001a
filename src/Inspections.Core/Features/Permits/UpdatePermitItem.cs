using System.Text.Json;
using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Inspections.Domain.Calendar;
using Inspections.Domain.Permits;
using Mediator;

namespace Inspections.Core.Features.Permits;

/// <summary>A catalog item 许可事项: its limits in working days, the kinds of application it takes, its materials list.</summary>
public sealed record PermitItemDto
{
    public string Code { get; init; } = "";
    public string Name { get; init; } = "";
    public int StatutoryLimitDays { get; init; }  // 法定时限
    public int PromisedLimitDays { get; init; }   // 承诺时限
    public IReadOnlyList<string> Kinds { get; init; } = [];
    public IReadOnlyList<PermitMaterial> Materials { get; init; } = [];
    public string LegalBasis { get; init; } = "";
    public DateTimeOffset UpdatedAt { get; init; }
    public string UpdatedBy { get; init; } = "";
    public long Version { get; init; }
}

internal static class PermitItems
{
    private sealed record Row
    {
        public string Code { get; init; } = "";
        public string Name { get; init; } = "";
        public int StatutoryLimitDays { get; init; }
        public int PromisedLimitDays { get; init; }
        public string Kinds { get; init; } = "";
        public string Materials { get; init; } = "[]";
        public string LegalBasis { get; init; } = "";
        public DateTimeOffset UpdatedAt { get; init; }
        public string UpdatedBy { get; init; } = "";
        public long Version { get; init; }

        public PermitItemDto Dto() => new()
        {
            Code = Code, Name = Name, StatutoryLimitDays = StatutoryLimitDays, PromisedLimitDays = PromisedLimitDays,
            Kinds = Kinds.Split(',', StringSplitOptions.RemoveEmptyEntries), Materials = PermitJson.Read<PermitMaterial>(Materials),
            LegalBasis = LegalBasis, UpdatedAt = UpdatedAt, UpdatedBy = UpdatedBy, Version = Version,
        };
    }

    private const string Columns = "code, name, statutory_limit_days, promised_limit_days, kinds, materials, legal_basis, updated_at, updated_by, version";
    private static readonly Sql SelectAll = new($"SELECT {Columns} FROM permit_items ORDER BY sort_order, code");
    private static readonly Sql SelectOne = new($"SELECT {Columns} FROM permit_items WHERE code = @Code");

    public static async Task<IReadOnlyList<PermitItemDto>> AllAsync(DbSession db, CancellationToken ct) =>
        (await db.QueryAsync<Row>(SelectAll, null, ct)).Select(r => r.Dto()).ToList();

    public static async Task<PermitItemDto> LoadAsync(DbSession db, string code, CancellationToken ct) =>
        (await db.QuerySingleOrDefaultAsync<Row>(SelectOne, new { Code = code }, ct))?.Dto()
        ?? throw new NotFoundException("许可事项", "permit item", code);
}

/// <summary>The catalog of permit items 许可事项目录 the window takes.</summary>
public static class ListPermitItems
{
    [AllowedRoles(Roles.Officer, Roles.Clerk, Roles.Supervisor, Roles.Admin)]
    public sealed record Query : IQuery<IReadOnlyList<PermitItemDto>>;

    public sealed class Handler(DbSession db) : IQueryHandler<Query, IReadOnlyList<PermitItemDto>>
    {
        public async ValueTask<IReadOnlyList<PermitItemDto>> Handle(Query query, CancellationToken ct) => await PermitItems.AllAsync(db, ct);
    }
}

/// <summary>
/// Admins edit an item's limits, kinds and materials (with the version they read). Applications
/// already received keep the limits and materials copied into them at receipt.
/// </summary>
public static class UpdatePermitItem
{
    public sealed record MaterialInput(string? Code, string? Name);

    [AllowedRoles(Roles.Admin)]
    public sealed record Command : ICommand<PermitItemDto>
    {
        [RouteValue] public string Code { get; init; } = "";
        public long? Version { get; init; }
        public string? Name { get; init; }
        public int? StatutoryLimitDays { get; init; }
        public int? PromisedLimitDays { get; init; }
        [OneOf<PermitKind>] public IReadOnlyList<string>? Kinds { get; init; }
        public IReadOnlyList<MaterialInput>? Materials { get; init; }
        public string? LegalBasis { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Version).NotNull().GreaterThan(0).Named("版本号", "Version");
            RuleFor(x => x.Name).NotEmpty().MaximumLength(200).Named("事项名称", "Name");
            RuleFor(x => x.StatutoryLimitDays).NotNull().InclusiveBetween(1, DeadlineClock.MaxDays).Named("法定时限", "Statutory limit");
            RuleFor(x => x.PromisedLimitDays).NotNull().InclusiveBetween(1, DeadlineClock.MaxDays).Named("承诺时限", "Promised limit");
            RuleFor(x => x.PromisedLimitDays).LessThanOrEqualTo(x => x.StatutoryLimitDays)
                .When(x => x.StatutoryLimitDays is not null && x.PromisedLimitDays is not null)
                .Says("承诺时限不能长于法定时限", "The promised limit cannot be longer than the statutory one");
            RuleFor(x => x.Kinds).NotEmpty().Named("申请类型", "Kinds");
            RuleForEach(x => x.Kinds).Must(k => PermitWire.TryParse<PermitKind>(k, out _))
                .Says($"未知的申请类型，可选值：{PermitWire.Allowed<PermitKind>()}", $"Unknown kind; allowed: {PermitWire.Allowed<PermitKind>()}");
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
        }
    }

    private static readonly Sql Update = new("""
        UPDATE permit_items SET name = @Name, statutory_limit_days = @StatutoryLimitDays, promised_limit_days = @PromisedLimitDays,
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

/// <summary>Seeds the catalog from db/seed/permits when it is empty, so admins' edits survive restarts.</summary>
public sealed class PermitCatalogSeed : ISeed
{
    public int Order => 20;

    private sealed record Entry(string Code, string Name, int StatutoryLimitDays, int PromisedLimitDays, string[] Kinds,
        string LegalBasis, PermitMaterial[] Materials);

    private static readonly Sql Count = new("SELECT COUNT(*) FROM permit_items");
    private static readonly Sql Insert = new("""
        INSERT INTO permit_items (code, name, statutory_limit_days, promised_limit_days, kinds, materials, legal_basis, sort_order, updated_at, updated_by, version)
        VALUES (@Code, @Name, @StatutoryLimitDays, @PromisedLimitDays, @Kinds, @Materials, @LegalBasis, @SortOrder, @Now, 'seed', 1)
        """);

    public async Task SeedAsync(DbSession db, SeedFiles files, TimeProvider clock, CancellationToken ct)
    {
        if (await db.ExecuteScalarAsync<long>(Count, null, ct) > 0) return;
        var entries = JsonSerializer.Deserialize<Entry[]>(files.ReadText(Path.Combine("permits", "catalog.json")), JsonSerializerOptions.Web)
            ?? throw new InvalidDataException("The permit catalog seed is empty.");
        for (var i = 0; i < entries.Length; i++)
        {
            var e = entries[i];
            if (e.PromisedLimitDays > e.StatutoryLimitDays || e.Kinds.Any(k => !PermitWire.TryParse<PermitKind>(k, out _)))
                throw new InvalidDataException($"Permit item {e.Code}: promised limit above statutory, or an unknown kind.");
            await db.ExecuteAsync(Insert, new
            {
                e.Code, e.Name, e.StatutoryLimitDays, e.PromisedLimitDays, Kinds = string.Join(',', e.Kinds),
                Materials = PermitJson.Write(e.Materials), e.LegalBasis, SortOrder = (i + 1) * 10, Now = clock.GetUtcNow(),
            }, ct);
        }
    }
}
