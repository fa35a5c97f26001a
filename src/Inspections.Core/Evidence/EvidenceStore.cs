using System.Security.Cryptography;

namespace Inspections.Core.Evidence;

/// <summary>Bound from the "Evidence" configuration section.</summary>
public sealed class EvidenceOptions
{
    public const string Section = "Evidence";

    /// <summary>Folder of the file-system store; relative paths are relative to the working directory.</summary>
    public string Root { get; set; } = Path.Combine("data", "evidence");

    public long MaxBytes { get; set; } = 10 * 1024 * 1024;
}

/// <summary>
/// Where evidence bytes live 证据材料, addressed by their SHA-256 so the same photo uploaded twice is
/// stored once and any change to stored bytes is detectable against the hash recorded in the database.
/// </summary>
public interface IEvidenceStore
{
    /// <summary>Stores the bytes under their hash (a no-op when they are already there).</summary>
    Task SaveAsync(string sha256, ReadOnlyMemory<byte> content, CancellationToken ct);

    /// <summary>The stored bytes, or null when nothing is stored under that hash.</summary>
    Task<byte[]?> ReadAsync(string sha256, CancellationToken ct);
}

public static class EvidenceHash
{
    public static string Of(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));
}

/// <summary>Files under Root/ab/cd/abcd…: two levels of hash prefix keep folders small.</summary>
public sealed class FileSystemEvidenceStore(EvidenceOptions options) : IEvidenceStore
{
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

    public async Task<byte[]?> ReadAsync(string sha256, CancellationToken ct)
    {
        var path = PathOf(sha256);
        return File.Exists(path) ? await File.ReadAllBytesAsync(path, ct) : null;
    }
}
