using Inspections.Core.Data;

namespace Inspections.Core.Evidence;

/// <summary>
/// Where the received bytes of unfinished resumable uploads are kept until completion: beside the folder store (a part
/// file per upload) or in the database (pieces under the upload's id), so that with the database store an upload begun
/// on one instance is resumed and completed on any other. The caller has claimed the upload's range in the database
/// before writing, so no two requests write one upload's bytes at once.
/// </summary>
public interface IUploadParts
{
    /// <summary>Whether every byte recorded as received is still there.</summary>
    Task<bool> HoldsAsync(Guid uploadId, long received, CancellationToken ct);

    /// <summary>The first <paramref name="received"/> bytes, as a seekable stream.</summary>
    Task<Stream> OpenReadAsync(Guid uploadId, long received, CancellationToken ct);

    /// <summary>Writes the source's bytes at <paramref name="at"/>, dropping whatever lay at or beyond it.</summary>
    Task WriteAsync(Guid uploadId, long at, Stream source, CancellationToken ct);

    /// <summary>Makes the complete upload the stored file with this hash (no copy where the store allows).</summary>
    Task StoreAsync(Guid uploadId, string sha256, long sizeBytes, CancellationToken ct);

    /// <summary>Removes an abandoned upload's bytes.</summary>
    Task DeleteAsync(Guid uploadId, CancellationToken ct);
}

/// <summary>One part file per upload under <see cref="EvidenceOptions.UploadsRoot"/>, on the store's file system, so completing is a rename.</summary>
public sealed class FolderUploadParts(EvidenceOptions options, FileSystemEvidenceStore store) : IUploadParts
{
    private const int BufferBytes = 1 << 16;

    public string PartPath(Guid uploadId) => Path.Combine(options.UploadsRoot, uploadId.ToString("N") + ".part");

    public Task<bool> HoldsAsync(Guid uploadId, long received, CancellationToken ct) =>
        Task.FromResult(received == 0 || (new FileInfo(PartPath(uploadId)) is { Exists: true } f && f.Length >= received));

    public Task<Stream> OpenReadAsync(Guid uploadId, long received, CancellationToken ct)
    {
        var part = new FileStream(PartPath(uploadId), FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite, BufferBytes,
            FileOptions.Asynchronous | FileOptions.SequentialScan);
        if (part.Length >= received) return Task.FromResult<Stream>(part);
        var length = part.Length;
        part.Dispose();
        throw new InvalidDataException($"The part file of upload {uploadId} holds {length} bytes, fewer than the {received} recorded.");
    }

    public async Task WriteAsync(Guid uploadId, long at, Stream source, CancellationToken ct)
    {
        Directory.CreateDirectory(options.UploadsRoot);
        await using var part = new FileStream(PartPath(uploadId), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, BufferBytes, FileOptions.Asynchronous);
        if (part.Length != at) part.SetLength(at); // cuts off what a rolled-back write left beyond the received end
        part.Position = at;
        await source.CopyToAsync(part, BufferBytes, ct);
        await part.FlushAsync(ct);
    }

    public Task StoreAsync(Guid uploadId, string sha256, long sizeBytes, CancellationToken ct) => store.SaveFileAsync(sha256, PartPath(uploadId), ct);

    public Task DeleteAsync(Guid uploadId, CancellationToken ct)
    {
        try { File.Delete(PartPath(uploadId)); } catch (IOException) { }
        return Task.CompletedTask;
    }
}

/// <summary>
/// An upload's bytes as 1 MiB pieces in <c>evidence_blob_chunks</c> under the upload's id, written in the request's
/// transaction together with the claim of the range (so a rolled-back chunk leaves nothing). Completing records the
/// pieces as the file under its hash: no byte is copied.
/// </summary>
public sealed class DatabaseUploadParts(DbSession db, DatabaseEvidenceStore store) : IUploadParts
{
    private const int PieceBytes = DatabaseEvidenceStore.PieceBytes;

    public async Task<bool> HoldsAsync(Guid uploadId, long received, CancellationToken ct) =>
        await db.ExecuteScalarAsync<long>(BlobSql.CountPieces, new { BlobId = uploadId }, ct) == (received + PieceBytes - 1) / PieceBytes;

    public Task<Stream> OpenReadAsync(Guid uploadId, long received, CancellationToken ct) =>
        Task.FromResult<Stream>(new PieceStream(received, PieceBytes,
            (seq, token) => db.QuerySingleOrDefaultAsync<byte[]>(BlobSql.SelectPiece, new { BlobId = uploadId, Seq = seq }, token)));

    public async Task WriteAsync(Guid uploadId, long at, Stream source, CancellationToken ct)
    {
        var seq = (int)(at / PieceBytes);
        var buffer = new byte[PieceBytes];
        var filled = (int)(at % PieceBytes);
        if (filled > 0)
        {
            // The last piece is partly filled: it is written again, extended.
            var last = await db.QuerySingleOrDefaultAsync<byte[]>(BlobSql.SelectPiece, new { BlobId = uploadId, Seq = seq }, ct);
            if (last is null || last.Length < filled)
                throw new InvalidDataException($"Piece {seq} of upload {uploadId} holds {last?.Length ?? 0} bytes, fewer than the {filled} recorded.");
            last.AsSpan(0, filled).CopyTo(buffer);
        }
        await db.ExecuteAsync(BlobSql.DeletePiecesFrom, new { BlobId = uploadId, Seq = seq }, ct);
        int read;
        while ((read = await source.ReadAsync(buffer.AsMemory(filled), ct)) > 0)
        {
            filled += read;
            if (filled < PieceBytes) continue;
            await db.ExecuteAsync(BlobSql.InsertPiece, new { BlobId = uploadId, Seq = seq++, Bytes = buffer }, ct);
            filled = 0;
        }
        if (filled > 0) await db.ExecuteAsync(BlobSql.InsertPiece, new { BlobId = uploadId, Seq = seq, Bytes = buffer[..filled] }, ct);
    }

    public Task StoreAsync(Guid uploadId, string sha256, long sizeBytes, CancellationToken ct) => store.AdoptAsync(sha256, uploadId, sizeBytes, ct);

    public Task DeleteAsync(Guid uploadId, CancellationToken ct) => db.ExecuteAsync(BlobSql.DeletePiecesFrom, new { BlobId = uploadId, Seq = 0 }, ct);
}
