using System.Security.Cryptography;

namespace Inspections.Core.Evidence;

/// <summary>Bound from the "Evidence" configuration section.</summary>
public sealed class EvidenceOptions
{
    public const string Section = "Evidence";

    public const string FolderStore = "folder";
    public const string DatabaseStore = "database";

    /// <summary>
    /// Where evidence bytes and unfinished uploads live: "folder" (files under <see cref="Root"/>, the default, for one
    /// machine or a folder every instance mounts) or "database" (the evidence_blobs tables of the configured database,
    /// which every API instance on that database shares).
    /// </summary>
    public string Store { get; set; } = FolderStore;

    public bool InDatabase => string.Equals(Store, DatabaseStore, StringComparison.OrdinalIgnoreCase);

    /// <summary>Folder of the file-system store (and, for either store, of each request's chunk spool files); relative paths are relative to the working directory.</summary>
    public string Root { get; set; } = Path.Combine("data", "evidence");

    /// <summary>The largest photo or document sent in one multipart request.</summary>
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>The largest file sent through a resumable upload (body-camera video): 2 GiB.</summary>
    public long MaxUploadBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>The largest chunk of a resumable upload one request may carry: 16 MiB.</summary>
    public int MaxChunkBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>An unfinished upload untouched for this long is removed with its received bytes.</summary>
    public TimeSpan UploadExpiry { get; set; } = TimeSpan.FromHours(24);

    /// <summary>When the cleanup of abandoned uploads runs (Hangfire cron, UTC).</summary>
    public string UploadCleanupCron { get; set; } = "20 * * * *";

    public string UploadsRoot => Path.Combine(Path.GetFullPath(Root), "uploads");

    /// <summary>Refuses a store name other than the two there are, at start-up rather than at the first upload.</summary>
    public EvidenceOptions Validated()
    {
        if (!string.Equals(Store, FolderStore, StringComparison.OrdinalIgnoreCase) && !InDatabase)
            throw new InvalidOperationException($"Evidence:Store must be \"{FolderStore}\" or \"{DatabaseStore}\", not \"{Store}\".");
        return this;
    }
}

/// <summary>What a stored file's bytes say about their recorded hash.</summary>
public enum StoredState
{
    Missing,
    Intact,
    Altered,
}

/// <summary>
/// Where evidence bytes live 证据材料, addressed by their SHA-256 so the same photo uploaded twice is
/// stored once and any change to stored bytes is detectable against the hash recorded in the database.
/// </summary>
public interface IEvidenceStore
{
    /// <summary>Stores the bytes under their hash (a no-op when they are already there, also when another request stores them at the same moment).</summary>
    Task SaveAsync(string sha256, ReadOnlyMemory<byte> content, CancellationToken ct);

    /// <summary>
    /// Whether the bytes stored under the hash still have that hash. A file is hashed again only when its
    /// size or modification time changed since it was last found intact, so a video played with many range
    /// requests is not re-read in full for each of them.
    /// </summary>
    Task<StoredState> CheckAsync(string sha256, CancellationToken ct);

    /// <summary>The stored bytes as a seekable stream (for range requests: only the part read is fetched), or null when nothing is stored.</summary>
    Task<Stream?> OpenReadAsync(string sha256, CancellationToken ct);
}

public static class EvidenceHash
{
    public static string Of(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));
}

/// <summary>Files under Root/ab/cd/abcd…: two levels of hash prefix keep folders small.</summary>
public sealed class FileSystemEvidenceStore(EvidenceOptions options) : IEvidenceStore
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (long Length, DateTime Modified)> _intact = new(StringComparer.Ordinal);

    public string PathOf(string sha256)
    {
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower))
            throw new ArgumentException("Not a lower-case SHA-256 hex digest.", nameof(sha256));
        return Path.Combine(Path.GetFullPath(options.Root), sha256[..2], sha256[2..4], sha256);
    }

    public async Task SaveAsync(string sha256, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        var path = PathOf(sha256);
        if (File.Exists(path)) return;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Write aside and move into place, so a reader never sees half a file under a hash.
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await File.WriteAllBytesAsync(temp, content.ToArray(), ct);
        try
        {
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temp); // another upload of the same bytes got there first
        }
    }

    /// <summary>Moves a finished file (of the same file system) into the store under its hash; the source is gone afterwards.</summary>
    public Task SaveFileAsync(string sha256, string sourcePath, CancellationToken ct)
    {
        var path = PathOf(sha256);
        if (File.Exists(path))
        {
            File.Delete(sourcePath);
            return Task.CompletedTask;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            File.Move(sourcePath, path, overwrite: false); // a rename: readers see the whole file or none
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(sourcePath);
        }
        return Task.CompletedTask;
    }

    public async Task<StoredState> CheckAsync(string sha256, CancellationToken ct)
    {
        var file = new FileInfo(PathOf(sha256));
        if (!file.Exists) return StoredState.Missing;
        var seen = (file.Length, file.LastWriteTimeUtc);
        if (_intact.TryGetValue(sha256, out var known) && known == seen) return StoredState.Intact;
        await using var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous);
        var actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
        if (!string.Equals(actual, sha256, StringComparison.Ordinal))
        {
            _intact.TryRemove(sha256, out _);
            return StoredState.Altered;
        }
        _intact[sha256] = seen;
        return StoredState.Intact;
    }

    public Task<Stream?> OpenReadAsync(string sha256, CancellationToken ct)
    {
        var path = PathOf(sha256);
        return Task.FromResult<Stream?>(File.Exists(path)
            ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous)
            : null);
    }
}
