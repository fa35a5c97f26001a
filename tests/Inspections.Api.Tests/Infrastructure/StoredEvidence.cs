using Inspections.Core.Data;
using Inspections.Core.Evidence;
using Microsoft.Extensions.DependencyInjection;

namespace Inspections.Api.Tests.Infrastructure;

/// <summary>
/// What a host's evidence store holds, looked at directly (files under the folder, or rows of the database store), so
/// the evidence tests assert the same facts of either store.
/// </summary>
public static class StoredEvidence
{
    public static bool InDatabase(this ApiFactory api) => api.Services.GetRequiredService<EvidenceOptions>().InDatabase;

    private static FileSystemEvidenceStore Folder(ApiFactory api) => api.Services.GetRequiredService<FileSystemEvidenceStore>();

    private static DbSession Session(ApiFactory api) => new(new DbConnectionFactory(api.Database));

    /// <summary>How many files the store holds under this hash (content-addressed: never more than one), and their total size.</summary>
    public static async Task<(int Copies, long Bytes)> StoredAsync(this ApiFactory api, string sha256)
    {
        if (!api.InDatabase())
        {
            var files = Directory.Exists(api.EvidenceRoot) ? Directory.GetFiles(api.EvidenceRoot, sha256 + "*", SearchOption.AllDirectories) : [];
            return (files.Length, files.Sum(f => new FileInfo(f).Length));
        }
        await using var db = Session(api);
        var copies = await db.ExecuteScalarAsync<long>(new Sql("SELECT COUNT(*) FROM evidence_blobs WHERE sha256 = @Sha256"), new { Sha256 = sha256 }, CancellationToken.None);
        var pieces = await db.QueryAsync<byte[]>(new Sql("""
            SELECT c.bytes FROM evidence_blob_chunks c JOIN evidence_blobs b ON b.blob_id = c.blob_id WHERE b.sha256 = @Sha256 ORDER BY c.seq
            """), new { Sha256 = sha256 }, CancellationToken.None);
        return ((int)copies, pieces.Sum(p => (long)p.Length));
    }

    /// <summary>Flips the last stored byte of the file, as someone tampering with the store would.</summary>
    public static async Task AlterLastByteAsync(this ApiFactory api, string sha256)
    {
        if (!api.InDatabase())
        {
            var path = Folder(api).PathOf(sha256);
            var bytes = await File.ReadAllBytesAsync(path);
            bytes[^1] ^= 0xFF;
            await File.WriteAllBytesAsync(path, bytes);
            return;
        }
        await using var db = Session(api);
        var blobId = await db.ExecuteScalarAsync<Guid>(new Sql("SELECT blob_id FROM evidence_blobs WHERE sha256 = @Sha256"), new { Sha256 = sha256 }, CancellationToken.None);
        var seq = await db.ExecuteScalarAsync<long>(new Sql("SELECT MAX(seq) FROM evidence_blob_chunks WHERE blob_id = @BlobId"), new { BlobId = blobId }, CancellationToken.None);
        var piece = await db.QuerySingleOrDefaultAsync<byte[]>(new Sql("SELECT bytes FROM evidence_blob_chunks WHERE blob_id = @BlobId AND seq = @Seq"),
            new { BlobId = blobId, Seq = (int)seq }, CancellationToken.None);
        piece![^1] ^= 0xFF;
        await db.ExecuteAsync(new Sql("UPDATE evidence_blob_chunks SET bytes = @Bytes WHERE blob_id = @BlobId AND seq = @Seq"),
            new { Bytes = piece, BlobId = blobId, Seq = (int)seq }, CancellationToken.None);
    }

    /// <summary>Whether bytes of an unfinished upload are held (a part file, or pieces no stored file has adopted).</summary>
    public static async Task<bool> HoldsUnfinishedAsync(this ApiFactory api, Guid uploadId)
    {
        if (!api.InDatabase()) return File.Exists(api.Services.GetRequiredService<FolderUploadParts>().PartPath(uploadId));
        await using var db = Session(api);
        return await db.ExecuteScalarAsync<long>(new Sql("""
            SELECT COUNT(*) FROM evidence_blob_chunks c
            WHERE c.blob_id = @Id AND NOT EXISTS (SELECT 1 FROM evidence_blobs b WHERE b.blob_id = c.blob_id)
            """), new { Id = uploadId }, CancellationToken.None) > 0;
    }
}
