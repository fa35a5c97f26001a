using System.Collections.Frozen;
using System.Text.Json;
using Inspections.Domain.Permits;

namespace Inspections.Core.Features.Permits;

/// <summary>Permit enums as the API and the database spell them (camelCase).</summary>
public static class PermitWire
{
    private static class Names<TEnum> where TEnum : struct, Enum
    {
        public static readonly FrozenDictionary<string, TEnum> ByWire =
            Enum.GetValues<TEnum>().ToFrozenDictionary(v => JsonNamingPolicy.CamelCase.ConvertName(v.ToString()), StringComparer.Ordinal);

        public static readonly string Allowed = string.Join(", ", ByWire.Keys.Order(StringComparer.Ordinal));
    }

    public static string Name<TEnum>(TEnum value) where TEnum : struct, Enum =>
        JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    public static bool TryParse<TEnum>(string? wire, out TEnum value) where TEnum : struct, Enum
    {
        value = default;
        return wire is not null && Names<TEnum>.ByWire.TryGetValue(wire, out value);
    }

    public static TEnum Parse<TEnum>(string wire) where TEnum : struct, Enum =>
        TryParse<TEnum>(wire, out var value) ? value : throw new InvalidOperationException($"Unknown stored {typeof(TEnum).Name} '{wire}'.");

    public static string Allowed<TEnum>() where TEnum : struct, Enum => Names<TEnum>.Allowed;

    /// <summary>"审查 (under review)" in the caller's language.</summary>
    public static string Describe(PermitStage stage) => Common.Text.Pick(stage.Chinese(), stage.English());

    public static string Describe(PermitKind kind) => Common.Text.Pick(kind.Chinese(), Name(kind));
}
