using System.Collections.Concurrent;
using System.Security.Cryptography;
using Inspections.Core.Data;

namespace Inspections.Core.Evidence;

/// <summary>The statements of the database store: files by hash, and their numbered pieces.</summary>
internal static class BlobSql
{
    public static readonly Sql SelectBlob = new("SELECT blob_id, size_bytes, chunk_bytes FROM evidence_blobs WHERE sha256 = @Sha256");

    public static readonly Sql InsertPiece = new("INSERT INTO evidence_blob_chunks (blob_id, seq, bytes) VALUES (@BlobId, @Seq, @Bytes)");

    public static readonly Sql SelectPiece = new("SELECT bytes FROM evidence_blob_chunks WHERE blob_id = @BlobId AND seq = @Seq");

    public static readonly Sql CountPieces = new("SELECT COUNT(*) FROM evidence_blob_chunks WHERE blob_id = @BlobId");

    /// <summary>Drops the pieces from <c>@Seq</c> on (0: all of them).</summary>
    public static readonly Sql DeletePiecesFrom = new("DELETE FROM evidence_blob_chunks WHERE blob_id = @BlobId AND seq >= @Seq");

    /// <summary>
    /// The hash's row, unless one is there already: PostgreSQL makes a second transaction inserting the same hash wait
    /// for the first and then insert nothing, SQL Server holds the key range, SQLite has one writer.
    /// </summary>
    public static readonly Sql InsertBlobIfAbsent = new(d => d.InsertIfAbsent("evidence_blobs",
        "sha256, blob_id, size_bytes, chunk_bytes, stored_at", "@Sha256, @BlobId, @SizeBytes, @ChunkBytes, @Now", "sha256"));
}

internal sealed record BlobRow
{
    public Guid BlobId { get; init; }
    public long SizeBytes { get; init; }
    public int ChunkBytes { get; init; }
}

/// <summary>Hashes this process has found intact: stored pieces are written once and never updated, so one full check per instance suffices.</summary>
public sealed class IntactBlobs
{
    private readonly ConcurrentDictionary<string, Guid> _intact = new(StringComparer.Ordinal);

    public bool Knows(string sha256, Guid blobId) => _intact.TryGetValue(sha256, out var known) && known == blobId;

    public void Remember(string sha256, Guid blobId) => _intact[sha256] = blobId;

    public void Forget(string sha256) => _intact.TryRemove(sha256, out _);

    /// <summary>How many pieces this process fetched to check or serve stored files (a figure for tests and logs: a range costs its pieces).</summary>
    public long PiecesRead => Interlocked.Read(ref _piecesRead);
    private long _piecesRead;

    internal void CountPiece() => Interlocked.Increment(ref _piecesRead);
}

/// <summary>
/// Evidence bytes in the database (Evidence:Store=database), for several API instances on one PostgreSQL or SQL Server
/// database: a file is a row of <c>evidence_blobs</c> under its SHA-256 and 1 MiB pieces in <c>evidence_blob_chunks</c>.
/// Writes go through the request's transaction, so a refused or failed command leaves no bytes behind; the same bytes
/// stored by two instances at once end up stored once (the second sees the first's row and drops its pieces). Reads
/// open a connection of their own and fetch only the pieces a range covers, one at a time: nothing is held whole.
/// </summary>
public sealed class DatabaseEvidenceStore(DbSession db, DbConnectionFactory connections, TimeProvider clock, IntactBlobs intact) : IEvidenceStore
{
    /// <summary>The size of every piece but a file's last.</summary>
    public const int PieceBytes = 1 << 20;

    public async Task SaveAsync(string sha256, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        if (await db.QuerySingleOrDefaultAsync<BlobRow>(BlobSql.SelectBlob, new { Sha256 = sha256 }, ct) is not null) return;
        var blobId = Guid.CreateVersion7(clock.GetUtcNow());
        for (var (seq, offset) = (0, 0); offset < content.Length; seq++, offset += PieceBytes)
        {
            var piece = content.Slice(offset, Math.Min(PieceBytes, content.Length - offset)).ToArray();
            await db.ExecuteAsync(BlobSql.InsertPiece, new { BlobId = blobId, Seq = seq, Bytes = piece }, ct);
        }
        await AdoptAsync(sha256, blobId, content.Length, ct);
    }

    /// <summary>
    /// Records the pieces stored under <paramref name="blobId"/> as the file with this hash; when the hash is stored already
    /// (the same bytes uploaded before, or by another instance this very moment) the pieces are dropped instead.
    /// </summary>
    public async Task AdoptAsync(string sha256, Guid blobId, long sizeBytes, CancellationToken ct)
    {
        var inserted = await db.ExecuteAsync(BlobSql.InsertBlobIfAbsent,
            new { Sha256 = sha256, BlobId = blobId, SizeBytes = sizeBytes, ChunkBytes = PieceBytes, Now = clock.GetUtcNow() }, ct);
        if (inserted == 0) await db.ExecuteAsync(BlobSql.DeletePiecesFrom, new { BlobId = blobId, Seq = 0 }, ct);
    }

    public async Task<StoredState> CheckAsync(string sha256, CancellationToken ct)
    {
        var blob = await db.QuerySingleOrDefaultAsync<BlobRow>(BlobSql.SelectBlob, new { Sha256 = sha256 }, ct);
        if (blob is null) return StoredState.Missing;
        if (intact.Knows(sha256, blob.BlobId)) return StoredState.Intact;
        await using var stream = Open(blob);
        string actual;
        try { actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct)); }
        catch (InvalidDataException) { actual = ""; } // a piece missing or of the wrong length
        if (!string.Equals(actual, sha256, StringComparison.Ordinal))
        {
            intact.Forget(sha256);
            return StoredState.Altered;
        }
        intact.Remember(sha256, blob.BlobId);
        return StoredState.Intact;
    }

    public async Task<Stream?> OpenReadAsync(string sha256, CancellationToken ct) =>
        await db.QuerySingleOrDefaultAsync<BlobRow>(BlobSql.SelectBlob, new { Sha256 = sha256 }, ct) is { } blob ? Open(blob) : null;

    /// <summary>A stream with a connection of its own (the response is written after the request's session is done).</summary>
    private PieceStream Open(BlobRow blob)
    {
        var own = new DbSession(connections);
        return new PieceStream(blob.SizeBytes, blob.ChunkBytes, (seq, ct) =>
        {
            intact.CountPiece();
            return own.QuerySingleOrDefaultAsync<byte[]>(BlobSql.SelectPiece, new { blob.BlobId, Seq = seq }, ct);
        }, own);
    }
}

/// <summary>
/// A seekable, read-only stream over numbered pieces of a known size: a read fetches the piece under the position (and
/// keeps that one piece), so a range request costs the pieces it covers. A piece missing or of the wrong length is an
/// <see cref="InvalidDataException"/>: never a short or padded answer.
/// </summary>
public sealed class PieceStream(long length, int pieceBytes, Func<int, CancellationToken, Task<byte[]?>> readPiece, IAsyncDisposable? owner = null) : Stream
{
    private long _position;
    private int _seq = -1;
    private byte[] _piece = [];

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => _position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position >= length || buffer.IsEmpty) return 0;
        var seq = (int)(_position / pieceBytes);
        if (seq != _seq)
        {
            var expected = (int)Math.Min(pieceBytes, length - (long)seq * pieceBytes);
            var piece = await readPiece(seq, cancellationToken);
            if (piece is null || piece.Length != expected)
                throw new InvalidDataException($"Piece {seq} holds {piece?.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nothing"}, not {expected} bytes.");
            (_piece, _seq) = (piece, seq);
        }
        var at = (int)(_position - (long)seq * pieceBytes);
        var count = Math.Min(buffer.Length, _piece.Length - at);
        _piece.AsMemory(at, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        _ => length + offset,
    };

    public override void Flush() { }
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        if (owner is not null) await owner.DisposeAsync();
        await base.DisposeAsync();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && owner is IDisposable sync) sync.Dispose();
        base.Dispose(disposing);
    }
}
