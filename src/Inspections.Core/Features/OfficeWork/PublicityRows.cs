using Inspections.Core.Common;
using Inspections.Core.Data;

namespace Inspections.Core.Features.OfficeWork;

/// <summary>A publicity event 文化市场法律法规宣传: when, on what, where, in which form (宣传车、展板、发放资料、讲座……).</summary>
public sealed record PublicityDto
{
    public Guid Id { get; init; }
    public string Jurisdiction { get; init; } = "";
    public DateOnly HeldOn { get; init; }
    public string Subject { get; init; } = "";
    public string Place { get; init; } = "";
    public string Form { get; init; } = "";
    public string? Note { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public string CreatedBy { get; init; } = "";
}

internal static class PublicityRows
{
    internal const string Columns = "id, jurisdiction, held_on, subject, place, form, note, created_at, created_by";

    private static readonly Sql SelectById = new($"SELECT {Columns} FROM office_publicity WHERE id = @Id");

    public static async Task<PublicityDto> LoadAsync(DbSession db, Guid id, CancellationToken ct) =>
        await db.QuerySingleOrDefaultAsync<PublicityDto>(SelectById, new { Id = id }, ct)
        ?? throw new NotFoundException("宣传活动", "publicity event", id);
}
