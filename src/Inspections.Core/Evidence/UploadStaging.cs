using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Inspections.Core.Evidence;

/// <summary>
/// Unfinished resumable uploads as they arrive: each request's chunk spooled to a local file first, then written to
/// the upload's parts (<see cref="IUploadParts"/>: a part file, or pieces in the database) with its SHA-256 computed
/// while the chunks arrive. The running hash lives in this process and is trusted only while it stands exactly where
/// the database says the upload stands (received bytes and the token of the last committed write); otherwise (another
/// server took a chunk, the process restarted, a write was rolled back) it is rebuilt from the parts, read as a
/// stream. Nothing here is ever held whole in memory.
/// </summary>
public sealed class UploadStaging(EvidenceOptions options)
{
    private const int BufferBytes = 1 << 16;

    private sealed class RunningHash(IncrementalHash hash, long position, Guid token)
    {
        public IncrementalHash Hash { get; } = hash;
        public long Position { get; set; } = position;
        public Guid Token { get; set; } = token;
    }

    private readonly ConcurrentDictionary<Guid, RunningHash> _hashes = new();

    /// <summary>A fresh local file for one request's chunk, read off the network before any transaction starts.</summary>
    public string NewSpoolPath(Guid uploadId)
    {
        Directory.CreateDirectory(options.UploadsRoot);
        return Path.Combine(options.UploadsRoot, $"{uploadId:N}.{Guid.NewGuid():N}.chunk");
    }

    /// <summary>Copies at most <paramref name="limit"/> bytes of the body to the spool file; answers how many it read.</summary>
    public static async Task<long> SpoolAsync(Stream body, string spoolPath, long limit, CancellationToken ct)
    {
        await using var spool = new FileStream(spoolPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferBytes, FileOptions.Asynchronous);
        var buffer = new byte[BufferBytes];
        long total = 0;
        int read;
        while (total < limit && (read = await body.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, limit - total)), ct)) > 0)
        {
            await spool.WriteAsync(buffer.AsMemory(0, read), ct);
            total += read;
        }
        return total;
    }

    /// <summary>The first bytes of a spooled chunk (to recognise the file type before anything is stored).</summary>
    public static async Task<byte[]> HeadAsync(string path, int count, CancellationToken ct)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferBytes, FileOptions.Asynchronous);
        return await HeadOfAsync(file, count, ct);
    }

    private static async Task<byte[]> HeadOfAsync(Stream stream, int count, CancellationToken ct)
    {
        var head = new byte[Math.Min(count, stream.Length)];
        await stream.ReadExactlyAsync(head, ct);
        return head;
    }

    /// <summary>Whether the first <paramref name="count"/> bytes of the spool equal the received bytes from <paramref name="offset"/>.</summary>
    public static async Task<bool> MatchesReceivedAsync(IUploadParts parts, Guid uploadId, long received, long offset, string spoolPath, long count, CancellationToken ct)
    {
        if (count == 0) return true;
        if (received < offset + count) return false;
        await using var part = await parts.OpenReadAsync(uploadId, received, ct);
        part.Position = offset;
        await using var spool = new FileStream(spoolPath, FileMode.Open, FileAccess.Read, FileShare.Read, BufferBytes, FileOptions.Asynchronous);
        var a = new byte[BufferBytes];
        var b = new byte[BufferBytes];
        for (long done = 0; done < count;)
        {
            var n = (int)Math.Min(BufferBytes, count - done);
            await part.ReadExactlyAsync(a.AsMemory(0, n), ct);
            await spool.ReadExactlyAsync(b.AsMemory(0, n), ct);
            if (!a.AsSpan(0, n).SequenceEqual(b.AsSpan(0, n))) return false;
            done += n;
        }
        return true;
    }

    /// <summary>
    /// Writes the spool's bytes after the first <paramref name="skip"/> at <paramref name="received"/> (cutting off
    /// anything a rolled-back write left beyond it) and carries the running hash along. The caller has already
    /// claimed the range in the database, so no other request writes this upload's parts meanwhile.
    /// </summary>
    public async Task AppendAsync(IUploadParts parts, Guid uploadId, long received, Guid receivedToken, Guid newToken, string spoolPath, long skip, CancellationToken ct)
    {
        var running = await HashAtAsync(parts, uploadId, received, receivedToken, ct);
        await using var spool = new FileStream(spoolPath, FileMode.Open, FileAccess.Read, FileShare.Read, BufferBytes, FileOptions.Asynchronous);
        spool.Position = skip;
        lock (running)
        {
            // Marked as moving: a failure half-way leaves a hash that matches no committed state.
            running.Token = Guid.Empty;
        }
        await parts.WriteAsync(uploadId, received, new HashingStream(spool, running), ct);
        lock (running)
        {
            running.Position = received + (spool.Length - skip);
            running.Token = newToken;
        }
    }

    /// <summary>The SHA-256 of the first <paramref name="received"/> bytes (the whole file, when complete), lower-case hex.</summary>
    public async Task<string> HashAsync(IUploadParts parts, Guid uploadId, long received, Guid receivedToken, CancellationToken ct)
    {
        var running = await HashAtAsync(parts, uploadId, received, receivedToken, ct);
        lock (running) return Convert.ToHexStringLower(running.Hash.GetCurrentHash());
    }

    /// <summary>How many hashes were rebuilt from stored parts (a figure for tests and logs: resuming costs a re-read only when needed).</summary>
    public long Rebuilds => Interlocked.Read(ref _rebuilds);
    private long _rebuilds;

    private async Task<RunningHash> HashAtAsync(IUploadParts parts, Guid uploadId, long received, Guid receivedToken, CancellationToken ct)
    {
        if (_hashes.TryGetValue(uploadId, out var known))
            lock (known)
                if (known.Position == received && known.Token == receivedToken) return known;

        var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        if (received > 0)
        {
            Interlocked.Increment(ref _rebuilds);
            await using var part = await parts.OpenReadAsync(uploadId, received, ct);
            var buffer = new byte[BufferBytes];
            for (long done = 0; done < received;)
            {
                var n = await part.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, received - done)), ct);
                if (n == 0) throw new EndOfStreamException();
                hash.AppendData(buffer, 0, n);
                done += n;
            }
        }
        var rebuilt = new RunningHash(hash, received, receivedToken);
        _hashes.AddOrUpdate(uploadId, rebuilt, (_, old) => { old.Hash.Dispose(); return rebuilt; });
        return rebuilt;
    }

    /// <summary>The first bytes of the received file.</summary>
    public static async Task<byte[]> PartHeadAsync(IUploadParts parts, Guid uploadId, long received, int count, CancellationToken ct)
    {
        await using var part = await parts.OpenReadAsync(uploadId, received, ct);
        return await HeadOfAsync(part, (int)Math.Min(count, received), ct);
    }

    /// <summary>Drops the running hash (the bytes are the parts' to keep, store or delete).</summary>
    public void Forget(Guid uploadId)
    {
        if (_hashes.TryRemove(uploadId, out var running)) lock (running) running.Hash.Dispose();
    }

    /// <summary>Spool files older than the given instant (left by a process that stopped mid-request).</summary>
    public void DeleteStaleSpools(DateTimeOffset before)
    {
        if (!Directory.Exists(options.UploadsRoot)) return;
        foreach (var spool in Directory.EnumerateFiles(options.UploadsRoot, "*.chunk"))
            if (File.GetLastWriteTimeUtc(spool) < before.UtcDateTime)
                try { File.Delete(spool); } catch (IOException) { }
    }

    /// <summary>Reads the spool forward, adding every byte read to the running hash.</summary>
    private sealed class HashingStream(Stream inner, RunningHash running) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken);
            lock (running) running.Hash.AppendData(buffer.Span[..read]);
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            lock (running) running.Hash.AppendData(buffer, offset, read);
            return read;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
