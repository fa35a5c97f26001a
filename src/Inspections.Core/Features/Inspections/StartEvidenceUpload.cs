using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Evidence;
using Inspections.Domain.Access;
using Inspections.Domain.Inspections;
using Mediator;

namespace Inspections.Core.Features.Inspections;

/// <summary>
/// Starts a resumable upload of an evidence file 证据材料 to an inspection: body-camera video 执法记录仪
/// (MP4) and audio (MP3, M4A/AAC, WAV, AMR) of the full-process record 行政执法全过程记录, and photos or
/// PDFs too large or too precious for one request. The client states the file's size, name and type (and
/// may state its SHA-256); chunks then arrive at the offset the upload reports, and the file becomes
/// evidence only when completed.
/// </summary>
public static class StartEvidenceUpload
{
    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Command : ICommand<EvidenceUploadDto>
    {
        [RouteValue] public Guid InspectionId { get; init; }
        public string? FileName { get; init; }
        /// <summary>The declared type (video/mp4, audio/mpeg, audio/mp4, audio/aac, audio/wav, audio/amr, image/jpeg …).</summary>
        public string? ContentType { get; init; }
        public long? SizeBytes { get; init; }
        /// <summary>Optional: the file's SHA-256 as the client computed it (64 hex digits); completion refuses other bytes.</summary>
        public string? Sha256 { get; init; }
        public string? ItemCode { get; init; }
        public string? Caption { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(EvidenceOptions options)
        {
            var gib = options.MaxUploadBytes / (1024.0 * 1024.0 * 1024.0);
            RuleFor(x => x.FileName).NotEmpty().MaximumLength(255).Named("文件名", "File name");
            RuleFor(x => x.ContentType).Must(t => EvidenceContent.OfDeclared(t) is not null)
                .Says("文件类型应为 MP4 视频（video/mp4）、MP3（audio/mpeg）、M4A（audio/mp4）、AAC（audio/aac）、WAV（audio/wav）、AMR（audio/amr）音频，或 JPEG、PNG 图片、PDF 文件",
                      "The type must be MP4 video (video/mp4), MP3 (audio/mpeg), M4A (audio/mp4), AAC (audio/aac), WAV (audio/wav) or AMR (audio/amr) audio, or a JPEG, PNG or PDF file");
            RuleFor(x => x.SizeBytes).NotNull().Named("文件大小", "Size")
                .DependentRules(() => RuleFor(x => x.SizeBytes!.Value).InclusiveBetween(1, options.MaxUploadBytes).OverridePropertyName("SizeBytes")
                    .Says($"文件大小应为 1 字节至 {gib:0.##} GiB（{options.MaxUploadBytes} 字节）", $"The size must be 1 byte to {gib:0.##} GiB ({options.MaxUploadBytes} bytes)"));
            RuleFor(x => x.Sha256).Must(h => h!.Length == 64 && h.All(char.IsAsciiHexDigit)).When(x => !string.IsNullOrEmpty(x.Sha256))
                .Says("SHA-256 应为 64 位十六进制数字", "The SHA-256 must be 64 hexadecimal digits");
            RuleFor(x => x.ItemCode).MaximumLength(32).Named("检查项编码", "Item code");
            RuleFor(x => x.Caption).MaximumLength(400).Named("说明", "Caption");
        }
    }

    private static readonly Sql ItemOfInspection = new("""
        SELECT COUNT(*) FROM inspections i JOIN checklist_items c ON c.template_id = i.template_id
        WHERE i.id = @InspectionId AND c.code = @ItemCode
        """);

    private static readonly Sql Insert = new("""
        INSERT INTO evidence_uploads (id, inspection_id, jurisdiction, item_code, file_name, content_type, size_bytes, declared_sha256,
            caption, received_bytes, write_token, started_by, started_at, updated_at, evidence_id, completed_at)
        VALUES (@Id, @InspectionId, @Jurisdiction, @ItemCode, @FileName, @ContentType, @SizeBytes, @DeclaredSha256,
            @Caption, 0, @WriteToken, @StartedBy, @Now, @Now, NULL, NULL)
        """);

    public sealed class Handler(DbSession db, ICurrentUser user, TimeProvider clock, EvidenceOptions options) : ICommandHandler<Command, EvidenceUploadDto>
    {
        public async ValueTask<EvidenceUploadDto> Handle(Command command, CancellationToken ct)
        {
            var jurisdiction = await InspectionRows.JurisdictionAsync(db, command.InspectionId, ct);
            user.EnsureCanChange(jurisdiction);
            var itemCode = Input.Clean(command.ItemCode);
            if (itemCode is not null
                && await db.ExecuteScalarAsync<long>(ItemOfInspection, new { command.InspectionId, ItemCode = itemCode }, ct) == 0)
                throw Input.Invalid("ItemCode", $"该检查记录的检查表中没有检查项 {itemCode}", $"The inspection's checklist has no item {itemCode}");
            var now = clock.GetUtcNow();
            var id = Guid.CreateVersion7(now);
            var name = Path.GetFileName(command.FileName!.Trim()) is { Length: > 0 } n ? n : id.ToString("N")[..12];
            await db.ExecuteAsync(Insert, new
            {
                Id = id,
                command.InspectionId,
                Jurisdiction = jurisdiction,
                ItemCode = itemCode,
                FileName = name,
                ContentType = command.ContentType!.Split(';', 2)[0].Trim().ToLowerInvariant(),
                SizeBytes = command.SizeBytes!.Value,
                DeclaredSha256 = Input.Clean(command.Sha256)?.ToLowerInvariant(),
                Caption = Input.Clean(command.Caption),
                WriteToken = Guid.NewGuid(),
                StartedBy = user.UserId,
                Now = now,
            }, ct);
            db.AuditAbout("evidence-upload", id);
            return (await EvidenceUploadRows.ReloadAsync(db, command.InspectionId, id, ct)).ToDto(options);
        }
    }
}
