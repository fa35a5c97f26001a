using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Permits;

namespace Inspections.Core.Features.Permits;

/// <summary>A catalog item 许可事项: its limits in working days, the kinds of application it takes, its materials list.</summary>
public sealed record PermitItemDto
{
    public string Code { get; init; } = "";
    public string Name { get; init; } = "";
    public int StatutoryLimitDays { get; init; }  // 法定时限
    /// <summary>The article that sets the statutory limit, beside it.</summary>
    public string StatutoryLimitBasis { get; init; } = "";
    /// <summary>The article requiring a hearing before approval (娱乐场所管理条例 art. 10); null when none.</summary>
    public string? HearingBasis { get; init; }
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
        public string StatutoryLimitBasis { get; init; } = "";
        public string? HearingBasis { get; init; }
        public int PromisedLimitDays { get; init; }
        public string Kinds { get; init; } = "";
        public string Materials { get; init; } = "[]";
        public string LegalBasis { get; init; } = "";
        public DateTimeOffset UpdatedAt { get; init; }
        public string UpdatedBy { get; init; } = "";
        public long Version { get; init; }

        public PermitItemDto Dto() => new()
        {
            Code = Code, Name = Name, StatutoryLimitDays = StatutoryLimitDays, StatutoryLimitBasis = StatutoryLimitBasis,
            HearingBasis = HearingBasis, PromisedLimitDays = PromisedLimitDays,
            Kinds = Kinds.Split(',', StringSplitOptions.RemoveEmptyEntries), Materials = PermitJson.Read<PermitMaterial>(Materials),
            LegalBasis = LegalBasis, UpdatedAt = UpdatedAt, UpdatedBy = UpdatedBy, Version = Version,
        };
    }

    private const string Columns = "code, name, statutory_limit_days, statutory_limit_basis, hearing_basis, promised_limit_days, kinds, materials, legal_basis, updated_at, updated_by, version";
    private static readonly Sql SelectAll = new($"SELECT {Columns} FROM permit_items ORDER BY sort_order, code");
    private static readonly Sql SelectOne = new($"SELECT {Columns} FROM permit_items WHERE code = @Code");

    public static async Task<IReadOnlyList<PermitItemDto>> AllAsync(DbSession db, CancellationToken ct) =>
        (await db.QueryAsync<Row>(SelectAll, null, ct)).Select(r => r.Dto()).ToList();

    public static async Task<PermitItemDto> LoadAsync(DbSession db, string code, CancellationToken ct) =>
        (await db.QuerySingleOrDefaultAsync<Row>(SelectOne, new { Code = code }, ct))?.Dto()
        ?? throw new NotFoundException("许可事项", "permit item", code);
}
