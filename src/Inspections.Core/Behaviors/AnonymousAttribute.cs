namespace Inspections.Core.Behaviors;

/// <summary>
/// Anyone may send this request without signing in: signing in itself, and nothing else. It takes
/// the place of <see cref="AllowedRolesAttribute"/>; the host maps its endpoint open to all.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AnonymousAttribute : Attribute
{
    public static bool IsOn(Type requestType) => IsDefined(requestType, typeof(AnonymousAttribute), inherit: false);
}
