using Inspections.Domain.Access;

namespace Inspections.Core.Common;

/// <summary>Row-level jurisdiction rules shared by every handler.</summary>
public static class Access
{
    /// <summary>Reading: the caller's jurisdiction covers the row's (a city sees its districts).</summary>
    public static void EnsureCanSee(this ICurrentUser user, string rowJurisdiction)
    {
        if (!Jurisdiction.Covers(user.Jurisdiction, rowJurisdiction))
            throw new ForbiddenException(
                $"无权访问辖区 {rowJurisdiction} 的数据（您的辖区为 {user.Jurisdiction}）。",
                $"You may not access data of jurisdiction {rowJurisdiction} (yours is {user.Jurisdiction}).");
    }

    /// <summary>
    /// Changing: a district's rows and its towns' for the district, a town's own rows for its station,
    /// and a city's (or province's) own rows only (<see cref="Jurisdiction.MayChange"/>).
    /// </summary>
    public static void EnsureCanChange(this ICurrentUser user, string rowJurisdiction)
    {
        if (!Jurisdiction.MayChange(user.Jurisdiction, rowJurisdiction))
            throw new ForbiddenException(
                $"只能修改本辖区（{user.Jurisdiction}）的数据，不能修改辖区 {rowJurisdiction} 的数据。",
                $"You may change data of your own jurisdiction ({user.Jurisdiction}) only, not of {rowJurisdiction}.");
    }

    public static void EnsureRole(this ICurrentUser user, params string[] roles)
    {
        if (!roles.Any(user.IsInRole))
            throw new ForbiddenException(
                $"角色“{user.Role}”无权执行此操作。",
                $"Role '{user.Role}' may not do this.");
    }
}
