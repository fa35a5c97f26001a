namespace Inspections.Core.Behaviors;

/// <summary>
/// A signed-in user who must still change an initial or reset password may send this request
/// (change the password, see who they are); every other request refuses them until they do.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class BeforePasswordChangeAttribute : Attribute
{
    public static bool IsOn(Type requestType) => IsDefined(requestType, typeof(BeforePasswordChangeAttribute), inherit: false);
}
