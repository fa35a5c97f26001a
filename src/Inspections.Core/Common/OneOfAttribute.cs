namespace Inspections.Core.Common;

/// <summary>The wire names a text field accepts, for the API description.</summary>
public interface IWireValues
{
    IReadOnlyList<string> Values { get; }
}

/// <summary>
/// The field carries the wire name of a <typeparamref name="TEnum"/> value ("internetCafe"): the
/// validator refuses anything else, and the API description lists the names as a string enum.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, Inherited = true)]
public sealed class OneOfAttribute<TEnum> : Attribute, IWireValues where TEnum : struct, Enum
{
    public IReadOnlyList<string> Values { get; } =
        Enum.GetValues<TEnum>().Select(v => Wire.Name(v)).ToArray();
}

/// <summary>
/// The endpoint fills this property from the URL (`/api/cases/{id}/…`), whatever the body says:
/// the API description leaves it out of the request body.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = true)]
public sealed class RouteValueAttribute : Attribute;

/// <summary>The field takes one of these words (where no enum names them).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, Inherited = true)]
public sealed class OneOfAttribute(params string[] values) : Attribute, IWireValues
{
    public IReadOnlyList<string> Values { get; } = values;
}
