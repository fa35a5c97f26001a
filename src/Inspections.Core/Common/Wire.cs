using System.Collections.Frozen;
using System.Text.Json;

namespace Inspections.Core.Common;

/// <summary>
/// Enums as the API and the database spell them: the camelCase of the member's name, the same
/// names <see cref="OneOfAttribute{TEnum}"/> lists. One spelling for every feature.
/// </summary>
public static class Wire
{
    private static class Names<TEnum> where TEnum : struct, Enum
    {
        public static readonly TEnum[] Values = Enum.GetValues<TEnum>();

        public static readonly FrozenDictionary<string, TEnum> ByWire =
            Values.ToFrozenDictionary(v => JsonNamingPolicy.CamelCase.ConvertName(v.ToString()), StringComparer.Ordinal);

        // In declaration order, which is the order the domain names them in.
        public static readonly string Allowed = string.Join(", ", Values.Select(v => Name(v)));
    }

    public static string Name<TEnum>(TEnum value) where TEnum : struct, Enum =>
        JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    public static bool TryParse<TEnum>(string? wire, out TEnum value) where TEnum : struct, Enum
    {
        value = default;
        return wire is not null && Names<TEnum>.ByWire.TryGetValue(wire, out value);
    }

    public static bool IsValid<TEnum>(string? wire) where TEnum : struct, Enum => TryParse<TEnum>(wire, out _);

    /// <summary>A value read back from the database, where an unknown name is a fault, not a user's mistake.</summary>
    public static TEnum Parse<TEnum>(string wire) where TEnum : struct, Enum =>
        TryParse<TEnum>(wire, out var value) ? value : throw new InvalidOperationException($"Unknown stored {typeof(TEnum).Name} '{wire}'.");

    /// <summary>"a, b, c": the names a field accepts, for its error message.</summary>
    public static string Allowed<TEnum>() where TEnum : struct, Enum => Names<TEnum>.Allowed;
}
