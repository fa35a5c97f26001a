using Inspections.Domain.Permits;

namespace Inspections.Core.Features.Permits;

/// <summary>Permit stages and kinds as a person reads them.</summary>
public static class PermitWire
{
    /// <summary>"审查 (under review)" in the caller's language.</summary>
    public static string Describe(PermitStage stage) => Common.Text.Pick(stage.Chinese(), stage.English());

    public static string Describe(PermitKind kind) => Common.Text.Pick(kind.Chinese(), Common.Wire.Name(kind));
}
