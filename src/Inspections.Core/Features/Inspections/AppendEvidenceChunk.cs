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
/// One chunk of a resumable upload, at the offset its Content-Range names. The chunk has been read off the
/// network into a spool file before this command is sent, so a slow phone never holds a transaction open.
/// Idempotent: a chunk whose bytes have all arrived already is accepted again without writing (after checking
/// they are the same bytes), and one that overlaps the received end adds only what is new. A chunk that starts
/// past the received end is a 409 that names the offset to resume from. The first chunk must show the declared
/// type in its bytes. The range is claimed in the database before the bytes are written, so two requests
/// for one upload (on one server or two) never write it at once.
/// </summary>
public static class AppendEvidenceChunk
{
    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Command : ICommand<EvidenceUploadDto>
    {
        public Guid InspectionId { get; init; }
        public Guid UploadId { get; init; }
        /// <summary>From Content-Range: bytes {Offset}-{Last}/{Total}.</summary>
        public long? Offset { get; init; }
        public long? Last { get; init; }
        public long? Total { get; init; }
        /// <summary>How many bytes the request body held (at most one more than a chunk may hold).</summary>
        public long BodyBytes { get; init; }
        /// <summary>The spooled body; kept out of the audit payload.</summary>
        [JsonIgnore] public string? SpoolPath { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(EvidenceOptions options)
        {
            var mib = options.MaxChunkBytes / (1024.0 * 1024.0);
            RuleFor(x => x.Offset).NotNull().OverridePropertyName("ContentRange")
                .Says("请用 Content-Range 请求头说明分块位置，格式为 bytes 起始-结束/总长（如 bytes 0-8388607/209715200）",
                      "State the chunk's place in a Content-Range header: bytes first-last/total (e.g. bytes 0-8388607/209715200)");
            RuleFor(x => x.BodyBytes).GreaterThan(0).OverridePropertyName("Body").Says("分块内容不能为空", "The chunk must not be empty")
                .DependentRules(() => RuleFor(x => x.BodyBytes).LessThanOrEqualTo(options.MaxChunkBytes).OverridePropertyName("Body")
                    .Says($"每个分块不能超过 {mib:0.#} MiB（{options.MaxChunkBytes} 字节）", $"A chunk may not exceed {mib:0.#} MiB ({options.MaxChunkBytes} bytes)"));
            RuleFor(x => x).Must(x => x.Last!.Value - x.Offset!.Value + 1 == x.BodyBytes)
                .When(x => x.Offset is not null && x.Last is not null && x.BodyBytes is > 0).OverridePropertyName("ContentRange")
                .WithMessage(x => Text.Pick($"Content-Range 说明了 {x.Last - x.Offset + 1} 字节，请求体却有 {x.BodyBytes} 字节",
                    $"Content-Range states {x.Last - x.Offset + 1} bytes but the body holds {x.BodyBytes}"));
        }
    }

    private static readonly Sql Claim = new("""
        UPDATE evidence_uploads SET received_bytes = @NewReceived, write_token = @NewToken, updated_at = @Now
        WHERE id = @Id AND received_bytes = @Received AND write_token = @Token AND evidence_id IS NULL
        """);

    private static readonly Sql Touch = new("UPDATE evidence_uploads SET updated_at = @Now WHERE id = @Id");

    public sealed class Handler(DbSession db, ICurrentUser user, TimeProvider clock, EvidenceOptions options, UploadStaging staging, IUploadParts parts)
        : ICommandHandler<Command, EvidenceUploadDto>
    {
        public async ValueTask<EvidenceUploadDto> Handle(Command command, CancellationToken ct)
        {
            var row = await EvidenceUploadRows.LoadAsync(db, user, command.InspectionId, command.UploadId, change: true, ct);
            db.AuditAbout("evidence-upload", row.Id);
            var offset = command.Offset!.Value;
            var end = offset + command.BodyBytes;
            if (command.Total is { } total && total != row.SizeBytes)
                throw Input.Invalid("ContentRange", $"Content-Range 的总长 {total} 与开始上传时声明的文件大小 {row.SizeBytes} 不符",
                    $"Content-Range states a total of {total} bytes, but the upload was started for {row.SizeBytes}");
            if (end > row.SizeBytes)
                throw Input.Invalid("ContentRange", $"分块（至第 {end} 字节）超出了声明的文件大小 {row.SizeBytes} 字节",
                    $"The chunk (up to byte {end}) goes past the declared size of {row.SizeBytes} bytes");
            if (row.EvidenceId is not null) throw EvidenceUploadRows.AlreadyCompleted(row.EvidenceId);
            if (offset > row.ReceivedBytes) throw EvidenceUploadRows.WrongOffset(offset, row.ReceivedBytes);
            if (!await parts.HoldsAsync(row.Id, row.ReceivedBytes, ct))
                throw new ConflictException("已接收的内容在服务器上缺失，请重新开始上传。",
                    "The bytes received so far are missing on the server; start the upload again.");

            var overlap = Math.Min(row.ReceivedBytes - offset, command.BodyBytes);
            if (!await UploadStaging.MatchesReceivedAsync(parts, row.Id, row.ReceivedBytes, offset, command.SpoolPath!, overlap, ct))
                throw new ConflictException(
                    $"该分块与已接收的第 {offset} 至 {offset + overlap} 字节内容不同，请从 {row.ReceivedBytes} 处继续上传。",
                    $"The chunk differs from the bytes {offset}–{offset + overlap} already received; continue from {row.ReceivedBytes}.",
                    new Dictionary<string, object?> { ["currentOffset"] = row.ReceivedBytes });
            var now = clock.GetUtcNow();
            if (end <= row.ReceivedBytes)
            {
                // A retried chunk that arrived the first time: nothing to write, and the answer is the same.
                await db.ExecuteAsync(Touch, new { row.Id, Now = now }, ct);
                return (await EvidenceUploadRows.ReloadAsync(db, row.InspectionId, row.Id, ct)).ToDto(options);
            }

            if (row.ReceivedBytes == 0) await CheckTypeAsync(row, command, ct);
            var newToken = Guid.NewGuid();
            if (await db.ExecuteAsync(Claim, new { row.Id, NewReceived = end, NewToken = newToken, Now = now, Received = row.ReceivedBytes, Token = row.WriteToken }, ct) == 0)
            {
                var current = await EvidenceUploadRows.ReloadAsync(db, row.InspectionId, row.Id, ct);
                if (current.EvidenceId is not null) throw EvidenceUploadRows.AlreadyCompleted(current.EvidenceId);
                throw EvidenceUploadRows.WrongOffset(offset, current.ReceivedBytes);
            }
            await staging.AppendAsync(parts, row.Id, row.ReceivedBytes, row.WriteToken, newToken, command.SpoolPath!, overlap, ct);
            return (await EvidenceUploadRows.ReloadAsync(db, row.InspectionId, row.Id, ct)).ToDto(options);
        }

        /// <summary>The first chunk shows what the file is: refused at once when the bytes and the declared type disagree.</summary>
        private static async Task CheckTypeAsync(EvidenceUploadRow row, Command command, CancellationToken ct)
        {
            var needed = (int)Math.Min(EvidenceContent.HeaderBytes, row.SizeBytes);
            if (command.BodyBytes < needed)
                throw Input.Invalid("Body", $"第一个分块至少应有 {needed} 字节，以便识别文件类型", $"The first chunk must hold at least {needed} bytes, to recognise the file type");
            var head = await UploadStaging.HeadAsync(command.SpoolPath!, EvidenceContent.HeaderBytes, ct);
            EvidenceUploadChecks.EnsureTypeAgrees(row.ContentType, head);
        }
    }
}

internal static class EvidenceUploadChecks
{
    public static EvidenceFileType EnsureTypeAgrees(string declaredType, ReadOnlySpan<byte> head)
    {
        var declared = EvidenceContent.OfDeclared(declaredType)!.Value;
        var detected = EvidenceContent.Detect(head)
            ?? throw Input.Invalid("File", $"文件内容不是可接受的证据格式（声明为 {declaredType}）：只接受 MP4 视频，MP3、M4A、AAC、WAV、AMR 音频，JPEG、PNG 图片或 PDF 文件（按文件内容识别，改扩展名无效）",
                $"The file's bytes are not an accepted evidence format (declared {declaredType}): only MP4 video, MP3, M4A, AAC, WAV or AMR audio, JPEG or PNG pictures, or PDF files are accepted (recognised by content, not by name)");
        if (!EvidenceContent.Agrees(declared, detected))
            throw Input.Invalid("ContentType", $"声明的文件类型 {declaredType} 与文件内容（{detected.ContentType()}）不符",
                $"The declared type {declaredType} does not match the file's bytes ({detected.ContentType()})");
        return detected;
    }
}
