using Inspections.Domain.Cases;

namespace Inspections.Core.Features.Cases;

/// <summary>Case stages as stored and as a person reads them, and money as the database keeps it (fen 分).</summary>
public static class CaseWire
{
    public static CaseStage Stage(string wire) =>
        Common.Wire.TryParse<CaseStage>(wire, out var s) ? s : throw new InvalidOperationException($"Unknown stored stage '{wire}'.");

    public static long? Fen(decimal? yuan) => yuan is { } y ? (long)Math.Round(y * 100m, MidpointRounding.AwayFromZero) : null;

    public static decimal? Yuan(long? fen) => fen is { } f ? f / 100m : null;

    /// <summary>"调查取证 (investigation)" in the caller's language.</summary>
    public static string Describe(CaseStage stage) => Common.Text.Pick(stage.Chinese(), stage.English());
}
