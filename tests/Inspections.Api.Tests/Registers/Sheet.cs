using System.Net;
using MiniExcelLibs;

namespace Inspections.Api.Tests.Registers;

/// <summary>An XLSX download opened with MiniExcel: the header row and the data rows as text, one sheet.</summary>
internal sealed record Sheet(string[] Headers, List<string[]> Rows)
{
    public static async Task<Sheet> DownloadAsync(HttpClient client, string url, string? sheetName = null)
    {
        var response = await client.GetAsync(url);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), System.Text.Encoding.UTF8.GetString(bytes));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
        Assert.That(response.Content.Headers.ContentDisposition?.FileNameStar, Does.EndWith(".xlsx"));
        return Read(bytes, sheetName);
    }

    public static Sheet Read(byte[] bytes, string? sheetName = null)
    {
        using var stream = new MemoryStream(bytes);
        var rows = stream.Query(useHeaderRow: false, sheetName: sheetName)
            .Select(r => ((IDictionary<string, object?>)r).Values.Select(v => v switch
            {
                null => "",
                double d => d.ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => v.ToString() ?? "",
            }).ToArray())
            .ToList();
        Assert.That(rows, Is.Not.Empty, "the sheet has a header row");
        return new Sheet(rows[0], rows.Skip(1).ToList());
    }

    /// <summary>One column's values, top to bottom.</summary>
    public string[] Column(string header)
    {
        var i = Array.IndexOf(Headers, header);
        Assert.That(i, Is.GreaterThanOrEqualTo(0), $"column {header} in [{string.Join(", ", Headers)}]");
        return Rows.Select(r => i < r.Length ? r[i] : "").ToArray();
    }
}
