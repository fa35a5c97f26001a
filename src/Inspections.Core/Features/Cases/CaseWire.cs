using Inspections.Core.Features.Venues;
using Inspections.Domain.Cases;

namespace Inspections.Core.Features.Cases;

/// <summary>Case enums as the API spells them (camelCase), and money as the database keeps it (fen 分).</summary>
public static class CaseWire
{
    public static string Name<TEnum>(TEnum value) where TEnum : struct, Enum =>
        VenueFactsValidator<RegisterVenue.Command>.WireName(value);

    public static bool TryParse<TEnum>(string? wire, out TEnum value) where TEnum : struct, Enum =>
        VenueFactsValidator<RegisterVenue.Command>.TryParse(wire, out value);

    public static string Allowed<TEnum>() where TEnum : struct, Enum =>
        string.Join(", ", Enum.GetValues<TEnum>().Select(Name));

    public static CaseStage Stage(string wire) =>
        TryParse<CaseStage>(wire, out var s) ? s : throw new InvalidOperationException($"Unknown stored stage '{wire}'.");

    public static long? Fen(decimal? yuan) => yuan is { } y ? (long)Math.Round(y * 100m, MidpointRounding.AwayFromZero) : null;

    public static decimal? Yuan(long? fen) => fen is { } f ? f / 100m : null;

    /// <summary>"调查取证 (investigation)" in the caller's language.</summary>
    public static string Describe(CaseStage stage) => Common.Text.Pick(stage.Chinese(), stage.English());
}
