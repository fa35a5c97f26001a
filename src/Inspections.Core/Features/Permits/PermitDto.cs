using Inspections.Core.Features.Calendar;
using System.Text.Encodings.Web;
using System.Text.Json;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Permits;

namespace Inspections.Core.Features.Permits;

/// <summary>An application as the API shows it: its facts, where it stands and what may come next, its clocks and its records.</summary>
public sealed record PermitDto
{
    public Guid Id { get; init; }
    public string Jurisdiction { get; init; } = "";
    public string ItemCode { get; init; } = "";
    public string ItemName { get; init; } = "";
    public string Kind { get; init; } = "";
    public string KindName { get; init; } = "";
    public string Stage { get; init; } = "";
    public string StageName { get; init; } = "";
    public IReadOnlyList<string> AllowedNext { get; init; } = [];
    public PermitApplicant Applicant { get; init; } = new();
    public Guid? VenueId { get; init; }
    public int StatutoryLimitDays { get; init; }     // 法定时限
    public int PromisedLimitDays { get; init; }      // 承诺时限
    public IReadOnlyList<MaterialDto> Materials { get; init; } = [];
    public IReadOnlyList<PermitMaterial> MissingMaterials { get; init; } = [];
    public IReadOnlyList<PermitMaterial>? CorrectionItems { get; init; } // 一次性告知补正材料
    public DateOnly? CorrectionRequestedOn { get; init; }
    public string? NotAcceptedReason { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    public DateOnly ReceivedOn { get; init; }
    public DateTimeOffset? AcceptedAt { get; init; }
    public DateOnly? AcceptedOn { get; init; }
    /// <summary>Accepted by law because no correction notice went out in time (行政许可法 art. 32).</summary>
    public bool AcceptedDeemed { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }
    public string? RefusalReason { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public DateOnly? CompletedOn { get; init; }
    public string? CertificateNumber { get; init; }
    public string ResponsibleId { get; init; } = "";   // 首问责任人
    public string ResponsibleName { get; init; } = "";
    public string HolderId { get; init; } = "";        // where the file is now
    public string HolderName { get; init; } = "";
    public PermitClocksDto Clocks { get; init; } = new();
    public IReadOnlyList<StageStep> History { get; init; } = [];
    public IReadOnlyList<SuspensionRow> Suspensions { get; init; } = [];
    public IReadOnlyList<ExtensionRow> Extensions { get; init; } = [];
    public IReadOnlyList<PermitHandoffRow> Handoffs { get; init; } = [];
    public DateTimeOffset UpdatedAt { get; init; }
    public long Version { get; init; }
}

public sealed record PermitApplicant
{
    public string Name { get; init; } = "";
    public string? UnifiedSocialCreditCode { get; init; }
    public string? Phone { get; init; }
}

/// <summary>One item of the materials list 申请材料 as snapshotted at receipt.</summary>
public sealed record PermitMaterial(string Code, string Name);

public sealed record MaterialDto(string Code, string Name, bool Submitted);

/// <summary>
/// The correction window 补正告知期限 while the application waits at the desk; the promised 承诺时限
/// and statutory 法定时限 limits once it is accepted.
/// </summary>
public sealed record PermitClocksDto
{
    public ClockDto? CorrectionWindow { get; init; }
    public ClockDto? Promised { get; init; }
    public ClockDto? Statutory { get; init; }
}

/// <summary>去向留言: who passed the file to whom, when and why.</summary>
public sealed record PermitHandoffRow
{
    public string FromUserId { get; init; } = "";
    public string FromUserName { get; init; } = "";
    public string ToUserId { get; init; } = "";
    public string ToUserName { get; init; } = "";
    public string Message { get; init; } = "";
    public DateTimeOffset HandedAt { get; init; }
}

/// <summary>A suspension read for many applications at once (queues, scans, figures).</summary>
internal sealed record PermitSuspensionOf
{
    public Guid ApplicationId { get; init; }
    public Guid Id { get; init; }
    public string Kind { get; init; } = "";
    public DateOnly StartOn { get; init; }
    public DateOnly? EndOn { get; init; }
    public string Reason { get; init; } = "";

    public SuspensionRow Row => new() { Id = Id, Kind = Kind, StartOn = StartOn, EndOn = EndOn, Reason = Reason };
}

/// <summary>The permit_applications row as stored; handlers change a copy and write it back whole.</summary>
internal sealed record PermitRecord
{
    public Guid Id { get; init; }
    public string Jurisdiction { get; init; } = "";
    public string ItemCode { get; init; } = "";
    public string ItemName { get; init; } = "";
    public string Kind { get; init; } = "";
    public string Stage { get; init; } = "";
    public string ApplicantName { get; init; } = "";
    public string? ApplicantCreditCode { get; init; }
    public string? ApplicantPhone { get; init; }
    public Guid? VenueId { get; init; }
    public int StatutoryLimitDays { get; init; }
    public int PromisedLimitDays { get; init; }
    public int CorrectionWindowDays { get; init; }
    public string Materials { get; init; } = "[]";
    public string Submitted { get; init; } = "[]";
    public string? CorrectionItems { get; init; }
    public DateOnly? CorrectionRequestedOn { get; init; }
    public string? NotAcceptedReason { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    public DateOnly ReceivedOn { get; init; }
    public DateTimeOffset? AcceptedAt { get; init; }
    public DateOnly? AcceptedOn { get; init; }
    public bool AcceptedDeemed { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }
    public string? RefusalReason { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public DateOnly? CompletedOn { get; init; }
    public string? CertificateNumber { get; init; }
    public string ResponsibleId { get; init; } = "";
    public string ResponsibleName { get; init; } = "";
    public string HolderId { get; init; } = "";
    public string HolderName { get; init; } = "";
    public DateTimeOffset UpdatedAt { get; init; }
    public long Version { get; init; }

    public PermitStage StageValue => PermitWire.Parse<PermitStage>(Stage);

    public PermitKind KindValue => PermitWire.Parse<PermitKind>(Kind);

    public IReadOnlyList<PermitMaterial> MaterialList => PermitJson.Read<PermitMaterial>(Materials);

    public IReadOnlyList<string> SubmittedCodes => PermitJson.Read<string>(Submitted);

    /// <summary>Every listed material not yet handed in, in the list's order.</summary>
    public IReadOnlyList<PermitMaterial> Missing
    {
        get
        {
            var submitted = SubmittedCodes.ToHashSet(StringComparer.Ordinal);
            return MaterialList.Where(m => !submitted.Contains(m.Code)).ToList();
        }
    }

    /// <summary>"星空网吧 · 网吧设立审批 设立申请": what a person recognises in a queue or an alert.</summary>
    public string Title => $"{ApplicantName} · {ItemName}（{KindValue.Chinese()}）";

    internal const string Columns = """
        id, jurisdiction, item_code, item_name, kind, stage, applicant_name, applicant_credit_code, applicant_phone, venue_id,
        statutory_limit_days, promised_limit_days, correction_window_days, materials, submitted, correction_items,
        correction_requested_on, not_accepted_reason, received_at, received_on, accepted_at, accepted_on, accepted_deemed,
        decided_at, refusal_reason, completed_at, completed_on, certificate_number, responsible_id, responsible_name,
        holder_id, holder_name, updated_at, version
        """;
}

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
            decided_at = @DecidedAt, refusal_reason = @RefusalReason, completed_at = @CompletedAt, completed_on = @CompletedOn,
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

    public static async Task SaveAsync(DbSession db, PermitRecord changed, long readVersion, CancellationToken ct)
    {
        var rows = await db.ExecuteAsync(Update, new
        {
            changed.Id, changed.Stage, changed.Submitted, changed.CorrectionItems, changed.CorrectionRequestedOn,
            changed.NotAcceptedReason, changed.AcceptedAt, changed.AcceptedOn, changed.AcceptedDeemed, changed.DecidedAt,
            changed.RefusalReason, changed.CompletedAt, changed.CompletedOn, changed.CertificateNumber, changed.HolderId,
            changed.HolderName, changed.UpdatedAt, ReadVersion = readVersion,
        }, ct);
        if (rows == 0)
        {
            var now = await db.QuerySingleOrDefaultAsync<PermitRecord>(SelectById, new { changed.Id }, ct);
            throw ConflictException.StaleVersion("许可申请", "permit application", readVersion, now?.Version);
        }
    }

    /// <summary>Each step is kept with who took it and when; the version it produced orders steps that share an instant.</summary>
    public static Task RecordStepAsync(DbSession db, Guid applicationId, long version, PermitStage? from, PermitStage to,
        string actorId, string actorName, string actorRole, DateTimeOffset at, string? note, CancellationToken ct) =>
        db.ExecuteAsync(InsertStep, new
        {
            Id = Guid.CreateVersion7(at),
            ApplicationId = applicationId,
            FromStage = from is { } f ? PermitWire.Name(f) : null,
            ToStage = PermitWire.Name(to),
            ActorId = actorId,
            ActorName = actorName,
            ActorRole = actorRole,
            OccurredAt = at,
            AppVersion = version,
            Note = Clean(note),
        }, ct);

    public static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>A field error found only against the database; answered as 400 like the validator's.</summary>
    public static FluentValidation.ValidationException FieldError(string field, string zh, string en) =>
        new([new FluentValidation.Results.ValidationFailure(field, Text.Pick(zh, en))]);
}
