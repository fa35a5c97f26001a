using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Inspections.Core.Evidence;

/// <summary>
/// The bytes of unfinished resumable uploads: one part file per upload under <see cref="EvidenceOptions.UploadsRoot"/>
/// (the store's file system, so finishing is a rename), and its SHA-256 computed while the chunks arrive.
/// The running hash lives in this process and is trusted only while it stands exactly where the database
/// says the upload stands (received bytes and the token of the last committed write); otherwise (another
/// server took a chunk, the process restarted, a write was rolled back) it is rebuilt from the part file,
/// read as a stream. Nothing here is ever held whole in memory.
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

    public string PartPath(Guid uploadId) => Path.Combine(options.UploadsRoot, uploadId.ToString("N") + ".part");

    /// <summary>A fresh file for one request's chunk, read off the network before any transaction starts.</summary>
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
        var head = new byte[Math.Min(count, file.Length)];
        await file.ReadExactlyAsync(head, ct);
        return head;
    }

    /// <summary>Whether the first <paramref name="count"/> bytes of the spool equal the part file's bytes from <paramref name="offset"/>.</summary>
    public async Task<bool> MatchesReceivedAsync(Guid uploadId, long offset, string spoolPath, long count, CancellationToken ct)
    {
        if (count == 0) return true;
        await using var part = new FileStream(PartPath(uploadId), FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite, BufferBytes, FileOptions.Asynchronous);
        if (part.Length < offset + count) return false;
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
    /// claimed the range in the database, so no other request writes this upload's part file meanwhile.
    /// </summary>
    public async Task AppendAsync(Guid uploadId, long received, Guid receivedToken, Guid newToken, string spoolPath, long skip, CancellationToken ct)
    {
        Directory.CreateDirectory(options.UploadsRoot);
        var running = await HashAtAsync(uploadId, received, receivedToken, ct);
        await using var part = new FileStream(PartPath(uploadId), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, BufferBytes, FileOptions.Asynchronous);
        if (part.Length != received) part.SetLength(received);
        part.Position = received;
        await using var spool = new FileStream(spoolPath, FileMode.Open, FileAccess.Read, FileShare.Read, BufferBytes, FileOptions.Asynchronous);
        spool.Position = skip;
        var buffer = new byte[BufferBytes];
        long written = 0;
        lock (running)
        {
            // Marked as moving: a failure half-way leaves a hash that matches no committed state.
            running.Token = Guid.Empty;
        }
        int read;
        while ((read = await spool.ReadAsync(buffer, ct)) > 0)
        {
            await part.WriteAsync(buffer.AsMemory(0, read), ct);
            lock (running) running.Hash.AppendData(buffer, 0, read);
            written += read;
        }
        await part.FlushAsync(ct);
        lock (running)
        {
            running.Position = received + written;
            running.Token = newToken;
        }
    }

    /// <summary>The SHA-256 of the first <paramref name="received"/> bytes (the whole file, when complete), lower-case hex.</summary>
    public async Task<string> HashAsync(Guid uploadId, long received, Guid receivedToken, CancellationToken ct)
    {
        var running = await HashAtAsync(uploadId, received, receivedToken, ct);
        lock (running) return Convert.ToHexStringLower(running.Hash.GetCurrentHash());
    }

    /// <summary>How many hashes were rebuilt from part files (a figure for tests and logs: resuming costs a re-read only when needed).</summary>
    public long Rebuilds => Interlocked.Read(ref _rebuilds);
    private long _rebuilds;

    private async Task<RunningHash> HashAtAsync(Guid uploadId, long received, Guid receivedToken, CancellationToken ct)
    {
        if (_hashes.TryGetValue(uploadId, out var known))
            lock (known)
                if (known.Position == received && known.Token == receivedToken) return known;

        var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        if (received > 0)
        {
            Interlocked.Increment(ref _rebuilds);
            await using var part = new FileStream(PartPath(uploadId), FileMode.Open, FileAccess.Read, FileShare.ReadWrite, BufferBytes, FileOptions.Asynchronous | FileOptions.SequentialScan);
            if (part.Length < received)
                throw new InvalidDataException($"The part file of upload {uploadId} holds {part.Length} bytes, fewer than the {received} recorded.");
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

    /// <summary>Whether the part file still holds every byte recorded as received.</summary>
    public bool HoldsReceived(Guid uploadId, long received) =>
        received == 0 || (new FileInfo(PartPath(uploadId)) is { Exists: true } f && f.Length >= received);

    /// <summary>The first bytes of the part file.</summary>
    public Task<byte[]> PartHeadAsync(Guid uploadId, int count, CancellationToken ct) => HeadAsync(PartPath(uploadId), count, ct);

    /// <summary>Drops the running hash and the part file (a finished upload's file has already been moved away).</summary>
    public void Forget(Guid uploadId)
    {
        if (_hashes.TryRemove(uploadId, out var running)) lock (running) running.Hash.Dispose();
        try { File.Delete(PartPath(uploadId)); } catch (IOException) { }
    }

    /// <summary>Spool files older than the given instant (left by a process that stopped mid-request).</summary>
    public void DeleteStaleSpools(DateTimeOffset before)
    {
        if (!Directory.Exists(options.UploadsRoot)) return;
        foreach (var spool in Directory.EnumerateFiles(options.UploadsRoot, "*.chunk"))
            if (File.GetLastWriteTimeUtc(spool) < before.UtcDateTime)
                try { File.Delete(spool); } catch (IOException) { }
    }
}
