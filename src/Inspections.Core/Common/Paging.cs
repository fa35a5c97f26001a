using System.Buffers.Text;
using System.Text.Json;

namespace Inspections.Core.Common;

/// <summary>A page of results and the opaque cursor of the next page (null on the last page).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>Opaque keyset cursors: base64url of a small JSON of the last row's sort key.</summary>
public static class Cursor
{
    public static string Encode<TKey>(TKey key) =>
        Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(key));

    public static bool TryDecode<TKey>(string? cursor, out TKey? key)
    {
        key = default;
        if (string.IsNullOrEmpty(cursor)) return true;
        try
        {
            key = JsonSerializer.Deserialize<TKey>(Base64Url.DecodeFromChars(cursor));
            return key is not null;
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException)
        {
            return false;
        }
    }

    public static bool IsValid<TKey>(string? cursor) => TryDecode<TKey>(cursor, out _);

}
