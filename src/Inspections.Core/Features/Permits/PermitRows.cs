using System.Text.Encodings.Web;
using System.Text.Json;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Permits;

namespace Inspections.Core.Features.Permits;

/// <summary>Materials lists kept as JSON text, the same on all three databases.</summary>
internal static class PermitJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static IReadOnlyList<T> Read<T>(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<T>>(json, Options) ?? [];

    public static string Write<T>(IEnumerable<T> items) => JsonSerializer.Serialize(items.ToList(), Options);
}

/// <summary>Reading and writing applications, shared by the permit slices.</summary>
internal static class PermitRows
{
    private static readonly Sql SelectById = new($"SELECT {PermitRecord.Columns} FROM permit_applications WHERE id = @Id");

    private static readonly Sql Update = new("""
        UPDATE permit_applications SET stage = @Stage, submitted = @Submitted, correction_items = @CorrectionItems,
            correction_requested_on = @CorrectionRequestedOn, not_accepted_reason = @NotAcceptedReason,
            accepted_at = @AcceptedAt, accepted_on = @AcceptedOn, accepted_deemed = @AcceptedDeemed,
            decided_at = @DecidedAt, decided_on = @DecidedOn, certificate_limit_days = @CertificateLimitDays, refusal_reason = @RefusalReason, completed_at = @CompletedAt, completed_on = @CompletedOn,
            certificate_number = @CertificateNumber, holder_id = @HolderId, holder_name = @HolderName,
            updated_at = @UpdatedAt, version = version + 1
        WHERE id = @Id AND version = @ReadVersion
        """);

    private static readonly Sql InsertStep = new("""
        INSERT INTO permit_steps (id, application_id, from_stage, to_stage, actor_id, actor_name, actor_role, occurred_at, app_version, note)
        VALUES (@Id, @ApplicationId, @FromStage, @ToStage, @ActorId, @ActorName, @ActorRole, @OccurredAt, @AppVersion, @Note)
        """);

    public static async Task<PermitRecord> LoadAsync(DbSession db, Guid id, CancellationToken ct) =>
        await db.QuerySingleOrDefaultAsync<PermitRecord>(SelectById, new { Id = id }, ct)
        ?? throw new NotFoundException("许可申请", "permit application", id);

    /// <summary>Loads an application the caller may change, at the version the caller read (stale → 409).</summary>
    public static async Task<PermitRecord> LoadForChangeAsync(DbSession db, ICurrentUser user, Guid id, long version, CancellationToken ct)
    {
        var current = await LoadAsync(db, id, ct);
        user.EnsureCanChange(current.Jurisdiction);
        if (current.Version != version) throw ConflictException.StaleVersion("许可申请", "permit application", version, current.Version);
        return current;
    }

    /// <summary>
    /// Writes the changed copy of <paramref name="stored"/>, the row as read (stale → 409); the window's day rows
    /// (<see cref="PermitFigureDays"/>) move with it. The completion's facts are not written here (<see cref="PermitFacts"/>).
    /// </summary>
    public static async Task SaveAsync(DbSession db, PermitRecord stored, PermitRecord changed, CancellationToken ct)
    {
        var readVersion = stored.Version;
        var rows = await db.ExecuteAsync(Update, new
        {
            changed.Id, changed.Stage, changed.Submitted, changed.CorrectionItems, changed.CorrectionRequestedOn,
            changed.NotAcceptedReason, changed.AcceptedAt, changed.AcceptedOn, changed.AcceptedDeemed, changed.DecidedAt,
            changed.DecidedOn, changed.CertificateLimitDays,
            changed.RefusalReason, changed.CompletedAt, changed.CompletedOn, changed.CertificateNumber, changed.HolderId,
            changed.HolderName, changed.UpdatedAt, ReadVersion = readVersion,
        }, ct);
        if (rows == 0)
        {
            var now = await db.QuerySingleOrDefaultAsync<PermitRecord>(SelectById, new { changed.Id }, ct);
            throw ConflictException.StaleVersion("许可申请", "permit application", readVersion, now?.Version);
        }
        await PermitFigureDays.MoveAsync(db, [stored], [changed with { CompletedOnTime = stored.CompletedOnTime, UsedDays = stored.UsedDays }], ct);
    }

    /// <summary>Each step is kept with who took it and when; the version it produced orders steps that share an instant.</summary>
    public static Task RecordStepAsync(DbSession db, Guid applicationId, long version, PermitStage? from, PermitStage to,
        string actorId, string actorName, string actorRole, DateTimeOffset at, string? note, CancellationToken ct) =>
        db.ExecuteAsync(InsertStep, new
        {
            Id = Guid.CreateVersion7(at),
            ApplicationId = applicationId,
            FromStage = from is { } f ? Wire.Name(f) : null,
            ToStage = Wire.Name(to),
            ActorId = actorId,
            ActorName = actorName,
            ActorRole = actorRole,
            OccurredAt = at,
            AppVersion = version,
            Note = Input.Clean(note),
        }, ct);

}
