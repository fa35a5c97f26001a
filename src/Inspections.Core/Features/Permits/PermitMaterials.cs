using Inspections.Core.Common;
using Inspections.Domain.Permits;
using Inspections.Domain.Venues;

namespace Inspections.Core.Features.Permits;

/// <summary>Checking handed-in materials against an application's list.</summary>
internal static class PermitMaterials
{
    /// <summary>The codes handed in, in the list's order; a code not on the list is a field error naming the list.</summary>
    public static IReadOnlyList<string> Check(IReadOnlyList<PermitMaterial> list, IEnumerable<string>? handedIn, string field, IEnumerable<string>? already = null)
    {
        var given = (handedIn ?? []).Select(c => c.Trim()).Concat(already ?? []).ToHashSet(StringComparer.Ordinal);
        var unknown = given.Where(c => list.All(m => m.Code != c)).ToList();
        if (unknown.Count > 0)
            throw Input.Invalid(field,
                $"材料编码 {string.Join("、", unknown)} 不在该事项的材料清单中（清单：{string.Join("、", list.Select(m => $"{m.Code} {m.Name}"))}）",
                $"Material codes {string.Join(", ", unknown)} are not on this item's list ({string.Join(", ", list.Select(m => m.Code))})");
        return list.Where(m => given.Contains(m.Code)).Select(m => m.Code).ToList();
    }
}
