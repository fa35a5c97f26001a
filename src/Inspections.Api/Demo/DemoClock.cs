namespace Inspections.Api.Demo;

/// <summary>
/// The application's clock while the demo loads: set to each moment of the story in turn, so every
/// command stamps, dates and counts its deadlines as if it had been sent on that day.
/// </summary>
internal sealed class DemoClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
}
