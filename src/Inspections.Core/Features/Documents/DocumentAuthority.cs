using Inspections.Core.Data;

namespace Inspections.Core.Features.Documents;

/// <summary>The names a document's authorities take from the record's jurisdiction: {place} is its city and district (成都市温江区).</summary>
internal sealed record DocumentAuthority(string Place, DocumentOptions Options)
{
    public string Enforcement => Options.EnforcementAuthority.Replace("{place}", Place, StringComparison.Ordinal);
    public string Permit => Options.PermitAuthority.Replace("{place}", Place, StringComparison.Ordinal);
    public string Review => Options.ReviewAuthority.Replace("{place}", Place, StringComparison.Ordinal);

    private static readonly Sql Names = new("SELECT code AS Code, name AS Name FROM jurisdictions WHERE code IN (@City, @District)");

    private sealed record Named(string Code, string Name);

    /// <summary>A town's row is issued by its district (the brigade and the window are the district's); a code the table lacks reads as itself.</summary>
    public static async Task<DocumentAuthority> ForAsync(DbSession db, DocumentOptions options, string jurisdiction, CancellationToken ct)
    {
        var district = jurisdiction[..6];
        var city = district[..4] + "00";
        var names = (await db.QueryAsync<Named>(Names, new { City = city, District = district }, ct)).ToDictionary(n => n.Code, n => n.Name);
        var place = district == city
            ? names.GetValueOrDefault(city, city)
            : names.GetValueOrDefault(city, "") + names.GetValueOrDefault(district, district);
        return new DocumentAuthority(place, options);
    }
}
