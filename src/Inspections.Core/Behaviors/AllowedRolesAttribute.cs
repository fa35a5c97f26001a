namespace Inspections.Core.Behaviors;

/// <summary>
/// Who may send this request. Every request must carry it: the authorization behaviour refuses
/// requests without one, and the host maps each endpoint's policy from the same attribute.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AllowedRolesAttribute(params string[] roles) : Attribute
{
    public IReadOnlyList<string> Roles { get; } = roles;

    public static IReadOnlyList<string>? Of(Type requestType) =>
        ((AllowedRolesAttribute?)GetCustomAttribute(requestType, typeof(AllowedRolesAttribute)))?.Roles;
}
