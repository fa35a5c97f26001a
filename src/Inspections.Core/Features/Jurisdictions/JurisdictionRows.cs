using Inspections.Core.Common;
using Inspections.Core.Data;

namespace Inspections.Core.Features.Jurisdictions;

/// <summary>Reading the jurisdictions table, for the requests that name a jurisdiction a row will belong to.</summary>
public static class JurisdictionRows
{
    private static readonly Sql Count = new("SELECT COUNT(*) FROM jurisdictions WHERE code = @Code");

    /// <summary>
    /// A 400 on <paramref name="field"/> unless <paramref name="code"/> is a node of the tree: a well-formed
    /// code that names no district, town or street (a typo, a retired code) must not gather rows nobody sees.
    /// </summary>
    public static async Task EnsureKnownAsync(DbSession db, string field, string code, CancellationToken ct)
    {
        if (await db.ExecuteScalarAsync<long>(Count, new { Code = code }, ct) == 0)
            throw Input.Invalid(field, $"辖区代码 {code} 不在辖区目录中（没有这个区县、乡镇或街道）",
                $"Jurisdiction {code} is not in the jurisdiction tree (no such district, town or street)");
    }
}
