using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;

namespace Inspections.Core.Features.Jurisdictions;

/// <summary>
/// Seeds the jurisdiction tree from db/seed/jurisdictions/jurisdictions.csv: rows absent are added
/// (parents before children), rows present are left as they are, so an edited name survives restarts
/// and a later seed file can add towns.
/// </summary>
public sealed class JurisdictionSeed : ISeed
{
    public int Order => 5;

    internal static readonly Sql Insert = new(d => d.InsertIfAbsent("jurisdictions",
        "code, name, parent_code, level", "@Code, @Name, @ParentCode, @Level", "code"));

    public async Task SeedAsync(DbSession db, SeedFiles files, TimeProvider clock, CancellationToken ct)
    {
        foreach (var node in Parse(files.ReadText(Path.Combine("jurisdictions", "jurisdictions.csv"))))
            await db.ExecuteAsync(Insert, new { node.Code, node.Name, node.ParentCode, node.Level }, ct);
    }

    /// <summary>The file's nodes, parents first; a malformed line, a duplicate or an orphan stops the start.</summary>
    public static IReadOnlyList<JurisdictionDto> Parse(string csv)
    {
        var nodes = new Dictionary<string, JurisdictionDto>(StringComparer.Ordinal);
        var lines = csv.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        if (lines.Count == 0 || lines[0] != "code,name") throw new InvalidDataException("jurisdictions.csv: the header must be 'code,name'.");
        foreach (var line in lines.Skip(1))
        {
            var parts = line.Split(',');
            if (parts.Length != 2 || !Jurisdiction.IsValidCode(parts[0]) || parts[1].Trim().Length is 0 or > 50)
                throw new InvalidDataException($"jurisdictions.csv: '{line}' is not 'code,name' with a six- or nine-digit code and a name of 1 to 50 characters.");
            var code = parts[0];
            if (!nodes.TryAdd(code, new JurisdictionDto
                {
                    Code = code, Name = parts[1].Trim(), ParentCode = Jurisdiction.Parent(code), Level = Wire.Name(Jurisdiction.Level(code)),
                }))
                throw new InvalidDataException($"jurisdictions.csv: {code} is listed twice.");
        }
        foreach (var node in nodes.Values)
            if (node.ParentCode is { } parent && !nodes.ContainsKey(parent))
                throw new InvalidDataException($"jurisdictions.csv: {node.Code} {node.Name} has no parent {parent} in the file.");
        return nodes.Values.OrderBy(n => Jurisdiction.Level(n.Code)).ThenBy(n => n.Code, StringComparer.Ordinal).ToList();
    }
}
