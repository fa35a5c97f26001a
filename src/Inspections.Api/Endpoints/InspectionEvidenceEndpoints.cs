using Inspections.Api.Auth;
using Inspections.Api.Infrastructure;
using Inspections.Core.Evidence;
using Inspections.Core.Features.Inspections;
using Inspections.Domain.Inspections;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using System.Text.Json.Nodes;

namespace Inspections.Api.Endpoints;

public sealed class InspectionEvidenceEndpoints : IEndpointModule
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var evidence = app.MapGroup("/api/inspections/{id:guid}/evidence").WithTags("Inspections 检查");
        var options = app.ServiceProvider.GetRequiredService<EvidenceOptions>();
        var limits = $"单个文件最大 {Size(options.MaxUploadBytes)}（{options.MaxUploadBytes} 字节），每个分块最大 {Size(options.MaxChunkBytes)}（{options.MaxChunkBytes} 字节）；" +
                     $"未完成的上传 {options.UploadExpiry.TotalHours:0.#} 小时无新分块即被清除。 " +
                     $"A file may hold up to {options.MaxUploadBytes} bytes and a chunk up to {options.MaxChunkBytes} bytes; an unfinished upload with no chunk for {options.UploadExpiry.TotalHours:0.#} hours is removed.";

        // Token-authenticated API: no cookies, so no cross-site form posts to defend against.
        evidence.MapCreate<UploadEvidence.Command, EvidenceDto>("/", async (Guid id, IFormFile? file, [FromForm] string? itemCode, [FromForm] string? caption,
                EvidenceOptions options, CancellationToken ct) => new UploadEvidence.Command
                {
                    InspectionId = id,
                    FileName = file?.FileName,
                    ItemCode = itemCode,
                    Caption = caption,
                    Content = file is null ? null : await ReadAtMost(file, options.MaxBytes + 1, ct),
                },
                (command, created) => $"/api/inspections/{command.InspectionId}/evidence/{created.Id}")
            .DisableAntiforgery()
            .Accepts<IFormFile>("multipart/form-data")
            .WithSummary($"上传证据（照片 JPEG/PNG、PDF，或不超过 {Size(options.MaxBytes)} 的音视频；multipart 字段 file、itemCode、caption；大文件用分块上传） Upload evidence in one request");

        // A file, not JSON: mapped by hand, with the policy of the request it sends. Range requests are answered
        // 206 with the part asked for (video and audio are played, and resumed, this way), 416 when unsatisfiable.
        evidence.MapGet("/{evidenceId:guid}", async (Guid id, Guid evidenceId, [FromHeader(Name = "Range")] string? range, IMediator mediator, CancellationToken ct) =>
            {
                var file = await mediator.Send(new DownloadEvidence.Query(id, evidenceId), ct);
                return Results.File(file.Open(), file.Evidence.ContentType, file.Evidence.FileName,
                    lastModified: file.Evidence.UploadedAt,
                    entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{file.Evidence.Sha256}\""),
                    enableRangeProcessing: true);
            })
            .Allow<DownloadEvidence.Query>()
            .WithSummary("下载或播放证据（支持 Range 请求：206 部分内容，Accept-Ranges: bytes；范围无法满足时 416；校验 SHA-256，被篡改则 409） " +
                         "Download or play evidence (Range requests answer 206 Partial Content; 416 when unsatisfiable)")
            .Produces(StatusCodes.Status200OK, typeof(byte[]), ContentTypes[0], ContentTypes[1..])
            .Produces(StatusCodes.Status206PartialContent, typeof(byte[]), ContentTypes[0], ContentTypes[1..])
            .Produces(StatusCodes.Status416RangeNotSatisfiable)
            .ProducesProblem(StatusCodes.Status409Conflict); // the stored file no longer matches its SHA-256

        // Resumable uploads for body-camera video and audio: start, send chunks (PUT with Content-Range), ask where it stands, complete.
        var uploads = evidence.MapGroup("/uploads");
        uploads.MapCreate<StartEvidenceUpload.Command, EvidenceUploadDto>("/", (Guid id, StartEvidenceUpload.Command command) => command with { InspectionId = id },
                (command, created) => $"/api/inspections/{command.InspectionId}/evidence/uploads/{created.Id}")
            .WithSummary("开始分块上传证据（执法记录仪视频 MP4，音频 MP3/M4A/AAC/WAV/AMR，也可为照片或 PDF）：声明文件名、类型、大小，可附 SHA-256。" + limits +
                         " Start a resumable evidence upload")
            .AddOpenApiOperationTransformer((operation, _, _) => Limits(operation, options));

        uploads.MapQuery<GetEvidenceUpload.Query, EvidenceUploadDto>("/{uploadId:guid}", (Guid id, Guid uploadId) => new GetEvidenceUpload.Query(id, uploadId))
            .WithSummary("查询分块上传进度：断线后从 receivedBytes 处继续 Where an upload stands (resume from receivedBytes)");

        uploads.MapReplace<AppendEvidenceChunk.Command, EvidenceUploadDto>("/{uploadId:guid}",
                (Guid id, Guid uploadId, [FromHeader(Name = "Content-Range")] string? contentRange, UploadStaging staging,
                    EvidenceOptions options, HttpContext http, CancellationToken ct) =>
                    EvidenceChunks.ReadAsync(http, id, uploadId, contentRange, staging, options, ct))
            .WithSummary("上传一个分块：请求体为原始字节（application/octet-stream），Content-Range: bytes 起始-结束/总长。重发已收到的分块照常接受（幂等）；" +
                         "起点超过已接收字节数返回 409，currentOffset 为应继续的位置；第一个分块须与声明的类型相符。" + limits + " Send one chunk")
            .WithMetadata(new ProblemResponse(StatusCodes.Status409Conflict,
                "分块起点与已接收字节数不符（currentOffset 为应继续的位置），或上传已完成 The chunk does not start at the received offset (currentOffset says where to continue), or the upload is complete"),
                new ProblemResponse(StatusCodes.Status415UnsupportedMediaType, "不支持的内容类型或字符集 Unsupported media type or charset"))
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>().Where(p => p.Name == "Content-Range"))
                {
                    parameter.Required = true;
                    parameter.Description = "分块在文件中的位置 The chunk's place in the file: bytes {first}-{last}/{total}（total 可为 *）";
                    parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = @"^bytes \d+-\d+/(\d+|\*)$", MaxLength = 100 };
                }
                // The body is read by hand (spooled to a file, never bound as a whole): described here as raw bytes.
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Description = "分块的原始字节 The chunk's raw bytes",
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/octet-stream"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", MaxLength = options.MaxChunkBytes } },
                    },
                };
                return Limits(operation, options);
            });

        uploads.MapCreate<CompleteEvidenceUpload.Command, EvidenceDto>("/{uploadId:guid}/complete",
                (Guid id, Guid uploadId) => new CompleteEvidenceUpload.Command(id, uploadId),
                (command, created) => $"/api/inspections/{command.InspectionId}/evidence/{created.Id}")
            .WithSummary("完成分块上传：全部字节到齐后核对 SHA-256 与文件类型，存为证据；未传完返回 409（currentOffset） Complete an upload into evidence")
            .WithMetadata(new ProblemResponse(StatusCodes.Status409Conflict,
                "文件尚未传完（currentOffset 为应继续的位置）或已接收的内容缺失 Not all bytes have arrived (currentOffset says where to continue)"));

        app.MapGroup("/api/evidence-uploads").WithTags("Inspections 检查")
            .MapCommand<CleanEvidenceUploads.Command, CleanEvidenceUploads.Result>("/cleanup", () => new CleanEvidenceUploads.Command())
            .WithSummary($"立即清除过期未完成的分块上传（管理员；平时由后台任务定时执行，{options.UploadExpiry.TotalHours:0.#} 小时无新分块即过期） Remove abandoned uploads now (admin)");
    }

    /// <summary>The configured limits, machine-readable beside the words of the description.</summary>
    private static Task Limits(OpenApiOperation operation, EvidenceOptions options)
    {
        operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        operation.Extensions["x-max-upload-bytes"] = new JsonNodeExtension(JsonValue.Create(options.MaxUploadBytes));
        operation.Extensions["x-max-chunk-bytes"] = new JsonNodeExtension(JsonValue.Create(options.MaxChunkBytes));
        return Task.CompletedTask;
    }

    private static readonly string[] ContentTypes = Enum.GetValues<EvidenceFileType>().Select(t => t.ContentType()).ToArray();

    private static string Size(long bytes) => bytes >= 1L << 30 ? $"{bytes / (double)(1L << 30):0.##} GiB" : $"{bytes / (double)(1L << 20):0.##} MiB";

    /// <summary>Reads no more than the limit allows (plus one byte, so the validator can say "too large").</summary>
    private static async Task<byte[]> ReadAtMost(IFormFile file, long limit, CancellationToken ct)
    {
        await using var stream = file.OpenReadStream();
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while (buffer.Length < limit && (read = await stream.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit - buffer.Length)), ct)) > 0)
            buffer.Write(chunk, 0, read);
        return buffer.ToArray();
    }
}
