namespace Inspections.Core.Common;

/// <summary>
/// The bounds every request is held to before any validator or handler sees it (the host checks
/// them on every bound argument). One place, so the API description states the same numbers.
/// </summary>
public static class InputLimits
{
    /// <summary>Earliest date or instant the API accepts. Far enough from DateOnly's ends that no deadline arithmetic overflows.</summary>
    public static readonly DateOnly MinDate = new(1900, 1, 1);

    /// <summary>Latest date or instant the API accepts (the date as written, whatever its offset).</summary>
    public static readonly DateOnly MaxDate = new(2099, 12, 31);

    /// <summary>Items a list in a request may hold unless its property says otherwise (<see cref="MaxItemsAttribute"/>).</summary>
    public const int MaxItems = 1000;

    /// <summary>Field errors a validation problem lists; <c>errorCount</c> gives the total.</summary>
    public const int MaxErrors = 50;

    /// <summary>Longest path and query string (characters) the host reads; longer is a 414.</summary>
    public const int MaxUriLength = 8192;
}

/// <summary>A list whose domain sets its own bound instead of <see cref="InputLimits.MaxItems"/>.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class MaxItemsAttribute(int count) : Attribute
{
    public int Count { get; } = count;
}
