using Inspections.Core.Features.Documents;
using MiniExcelLibs;

namespace Inspections.Core.Features.Reports;

/// <summary>
/// The half-year report as the files an office keeps: the DOCX it edits and hands in (the report's sections in the
/// usual layout, placeholders to replace in 【】), and the XLSX sheet of the same figures (板块、指标、数值、单位).
/// </summary>
public static class HalfYearFiles
{
    public const string DocxType = DocumentFile.ContentType;
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static string FileName(HalfYearReport.Report report, string extension) => $"{report.Title}.{extension}";

    public static byte[] Docx(HalfYearReport.Report report)
    {
        var doc = new DocxWriter(report.Title);
        foreach (var section in report.Sections)
        {
            if (section.Heading.Length > 0) doc.Heading(section.Heading, 1);
            foreach (var paragraph in section.Paragraphs) doc.Paragraph(paragraph);
            foreach (var part in section.Parts)
            {
                doc.Heading(part.Heading, 2);
                foreach (var paragraph in part.Paragraphs) doc.Paragraph(paragraph);
            }
        }
        return doc.Seal(report.Authority, report.AsOf).ToBytes();
    }

    public static byte[] Xlsx(HalfYearReport.Report report)
    {
        var rows = new List<Dictionary<string, object>>
        {
            new() { ["板块"] = "报告", ["指标"] = report.Title, ["数值"] = "", ["单位"] = "" },
            new() { ["板块"] = "报告", ["指标"] = $"统计期间 {report.From:yyyy-MM-dd} 至 {report.To:yyyy-MM-dd}，截至 {report.AsOf:yyyy-MM-dd}", ["数值"] = "", ["单位"] = "" },
        };
        rows.AddRange(report.Figures.Select(f => new Dictionary<string, object>
        {
            ["板块"] = f.Section, ["指标"] = f.Name, ["数值"] = f.Value, ["单位"] = f.Unit,
        }));
        using var stream = new MemoryStream();
        stream.SaveAs(rows, sheetName: "工作总结数据");
        return stream.ToArray();
    }
}
