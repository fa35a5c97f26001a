using Inspections.Core.Data;
using Inspections.Domain.Access;

namespace Inspections.Core.Features.Dashboard;

/// <summary>
/// Which jurisdictions lie one level below another, and what they are called: the one place the
/// dashboard asks. The children listed are those the rows carry (a city's districts that have venues,
/// inspections, cases, applications or campaigns), found by seeking from one child's codes to the next,
/// and named as the jurisdictions table names them; a code the table does not know reads as itself.
/// </summary>
internal static class JurisdictionDirectory
{
    public sealed record Entry(string Code, string Name);

    /// <summary>
    /// The lowest code meeting <paramref name="condition"/> that any table holds: five index seeks, one per table. Called once
    /// per child, each time after the last child's codes, so a city's districts cost ten calls, not a read of its rows.
    /// </summary>
    private static string CodeInUse(string condition) => $"""
        SELECT MIN(j) FROM (
            SELECT MIN(jurisdiction) AS j FROM venues WHERE {condition}
            UNION ALL SELECT MIN(jurisdiction) FROM inspections WHERE {condition}
            UNION ALL SELECT MIN(jurisdiction) FROM cases WHERE {condition}
            UNION ALL SELECT MIN(jurisdiction) FROM permit_applications WHERE {condition}
            UNION ALL SELECT MIN(jurisdiction) FROM unlicensed_campaigns WHERE {condition}
        ) codes
        """;

    // One lower bound each: given two (after the last child, and the range's first code), SQLite seeks from the range's
    // first code and walks every row up to the last child's, so each call read more than the one before.
    private static readonly Sql FirstCodeInUse = new(CodeInUse("jurisdiction BETWEEN @JurisdictionFirst AND @JurisdictionLast"));
    private static readonly Sql NextCodeInUse = new(CodeInUse("jurisdiction > @After AND jurisdiction <= @JurisdictionLast"));

    /// <summary>
    /// The jurisdictions one level below <paramref name="code"/> that hold rows, by code; none below a district yet.
    /// Rows kept at <paramref name="code"/> itself (a city's own) belong to no child.
    /// </summary>
    public static async Task<IReadOnlyList<Entry>> ChildrenAsync(DbSession db, string code, CancellationToken ct)
    {
        if (!HasChildren(code)) return [];
        var range = Jurisdiction.Range(code);
        var children = new List<string>();
        string? after = null; // every code after the first is past the range's first code
        while (await db.ExecuteScalarAsync<string?>(after is null ? FirstCodeInUse : NextCodeInUse,
                   new { After = after, JurisdictionFirst = range.First, JurisdictionLast = range.Last }, ct) is { } next)
        {
            var child = ChildOf(code, next)!;
            if (child == code) after = next;
            else
            {
                children.Add(child);
                after = Jurisdiction.Range(child).Last;
            }
        }
        var names = (await db.QueryAsync<Entry>(ChildNames, new { Code = code }, ct)).ToDictionary(e => e.Code, e => e.Name, StringComparer.Ordinal);
        return children.Select(c => new Entry(c, names.GetValueOrDefault(c, c))).ToList();
    }

    public static async Task<string> NameAsync(DbSession db, string code, CancellationToken ct) =>
        await db.QuerySingleOrDefaultAsync<string>(Name, new { Code = code }, ct) ?? code;

    private static readonly Sql Name = new("SELECT name FROM jurisdictions WHERE code = @Code");
    private static readonly Sql ChildNames = new("SELECT code AS Code, name AS Name FROM jurisdictions WHERE parent_code = @Code");

    /// <summary>Provinces and cities have children; a district's towns come with the table of divisions.</summary>
    public static bool HasChildren(string code) => Jurisdiction.Prefix(code).Length < 6;

    /// <summary>The child of <paramref name="parent"/> that a row of <paramref name="row"/> belongs to (the parent itself for its own rows).</summary>
    public static string? ChildOf(string parent, string row) => Jurisdiction.Prefix(parent).Length switch
    {
        2 => row[..4] + "00",
        4 => row[..6],
        _ => null,
    };
}
