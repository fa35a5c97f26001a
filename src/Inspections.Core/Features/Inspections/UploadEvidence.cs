using System.Text.Json.Serialization;
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
/// Attaches a photo or document (or a short recording) to an inspection in one multipart request; large
/// video and audio go through a resumable upload (<see cref="StartEvidenceUpload"/>). The type is decided by the file's first bytes,
/// never by its name or declared type. Identical bytes are stored once, but every upload is its own
/// evidence row. Bytes written before a failed transaction stay behind unreferenced: harmless,
/// because the store is addressed by content.
/// </summary>
public static class UploadEvidence
{
    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Command : ICommand<EvidenceDto>
    {
        public Guid InspectionId { get; init; }
        public string? FileName { get; init; }
        public string? ItemCode { get; init; }
        public string? Caption { get; init; }
        /// <summary>Kept out of the audit payload: the audit row records the hash instead.</summary>
        [JsonIgnore] public byte[]? Content { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(EvidenceOptions options)
        {
            var megabytes = options.MaxBytes / (1024.0 * 1024.0);
            RuleFor(x => x.Content).Must(c => c is { Length: > 0 }).OverridePropertyName("File")
                .Says("请选择要上传的文件", "Choose a file to upload")
                .DependentRules(() =>
                {
                    RuleFor(x => x.Content).Must(c => c!.Length <= options.MaxBytes).OverridePropertyName("File")
                        .Says($"文件不能超过 {megabytes:0.#} MB", $"The file may not exceed {megabytes:0.#} MB");
                    RuleFor(x => x.Content).Must(c => EvidenceContent.Detect(c) is not null).OverridePropertyName("File")
                        .Says("只接受 JPEG、PNG 图片、PDF 文件，或 MP4 视频及 MP3、M4A、AAC、WAV、AMR 音频（按文件内容识别，改扩展名无效）",
                              "Only JPEG or PNG pictures, PDF files, MP4 video or MP3, M4A, AAC, WAV or AMR audio are accepted (recognised by content, not by name)");
                });
            RuleFor(x => x.FileName).MaximumLength(255).Named("文件名", "File name");
            RuleFor(x => x.ItemCode).MaximumLength(32).Named("检查项编码", "Item code");
            RuleFor(x => x.Caption).MaximumLength(400).Named("说明", "Caption");
        }
    }

    private static readonly Sql ItemOfInspection = new("""
        SELECT COUNT(*) FROM inspections i JOIN checklist_items c ON c.template_id = i.template_id
        WHERE i.id = @InspectionId AND c.code = @ItemCode
        """);

    internal static readonly Sql Insert = new("""
        INSERT INTO inspection_evidence (id, inspection_id, item_code, file_name, content_type, size_bytes, sha256, caption, uploaded_by, uploaded_at)
        VALUES (@Id, @InspectionId, @ItemCode, @FileName, @ContentType, @SizeBytes, @Sha256, @Caption, @UploadedBy, @Now)
        """);

    private static readonly Sql SelectById = new($"SELECT {EvidenceDto.Columns} FROM inspection_evidence WHERE id = @Id");

    public sealed class Handler(DbSession db, ICurrentUser user, TimeProvider clock, IEvidenceStore store) : ICommandHandler<Command, EvidenceDto>
    {
        public async ValueTask<EvidenceDto> Handle(Command command, CancellationToken ct)
        {
            user.EnsureCanChange(await InspectionRows.JurisdictionAsync(db, command.InspectionId, ct));
            var itemCode = Input.Clean(command.ItemCode);
            if (itemCode is not null
                && await db.ExecuteScalarAsync<long>(ItemOfInspection, new { command.InspectionId, ItemCode = itemCode }, ct) == 0)
                throw Input.Invalid("ItemCode", $"该检查记录的检查表中没有检查项 {itemCode}", $"The inspection's checklist has no item {itemCode}");

            var content = command.Content!;
            var sha256 = EvidenceHash.Of(content);
            await store.SaveAsync(sha256, content, ct);
            var now = clock.GetUtcNow();
            var id = Guid.CreateVersion7(now);
            var name = Path.GetFileName(Input.Clean(command.FileName) ?? "") is { Length: > 0 } n ? n : sha256[..12];
            await db.ExecuteAsync(Insert, new
            {
                Id = id,
                command.InspectionId,
                ItemCode = itemCode,
                FileName = name,
                ContentType = EvidenceContent.Detect(content)!.Value.ContentType(),
                SizeBytes = (long)content.Length,
                Sha256 = sha256,
                Caption = Input.Clean(command.Caption),
                UploadedBy = user.UserId,
                Now = now,
            }, ct);
            db.AuditAbout("evidence", id);
            return (await db.QuerySingleOrDefaultAsync<EvidenceDto>(SelectById, new { Id = id }, ct))!;
        }
    }
}
