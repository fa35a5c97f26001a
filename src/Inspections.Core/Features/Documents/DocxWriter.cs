using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Inspections.Core.Features.Documents;

/// <summary>
/// Writes a document in the layout Chinese offices print their documents in (after GB/T 9704): A4 with
/// the standard margins, the issuing authority and the title centred in a large bold 小标宋/黑体 face, the
/// number 文号 under them, the body in 三号仿宋 at a fixed 28-point line, the signature lines, and the
/// seal block (authority, 盖章, date) at the right. The faces named are those the offices' machines have;
/// WPS and Word substitute where one is missing. The result is an ordinary DOCX the office can edit.
/// </summary>
internal sealed class DocxWriter
{
    private const string TitleFont = "方正小标宋简体";
    private const string HeadingFont = "黑体";
    private const string BodyFont = "仿宋";
    private const string SubheadingFont = "楷体";
    private const int Size2 = 44, Size3 = 32, Size4 = 28; // 二号, 三号, 四号 in half-points
    private const int LineTwips = 560;                      // 28 points
    private const int Indent2Chars = 640;                   // two 三号 characters
    private const int TextWidth = 11906 - 1588 - 1474;      // A4 less the side margins, in twips

    private readonly List<OpenXmlElement> _blocks = [];
    private readonly string _title;

    public DocxWriter(string authority, string title, string? number)
    {
        _title = title;
        _blocks.Add(Para(JustificationValues.Center, Run(authority, HeadingFont, Size3, bold: true)));
        _blocks.Add(Para(JustificationValues.Center, Run(title, TitleFont, Size2, bold: true)));
        _blocks.Add(Para(JustificationValues.Center, Run(number ?? "", BodyFont, Size3)));
    }

    /// <summary>A report 工作总结: the title alone, centred, then a blank line (no issuing line, no number).</summary>
    public DocxWriter(string title)
    {
        _title = title;
        _blocks.Add(Para(JustificationValues.Center, Run(title, TitleFont, Size2, bold: true)));
        _blocks.Add(Para(JustificationValues.Center, Run("", BodyFont, Size3)));
    }

    /// <summary>
    /// A heading of a report, indented like its paragraphs: 一、 in 黑体 (level 1), （一） in 楷体 (level 2),
    /// as offices set them after GB/T 9704.
    /// </summary>
    public DocxWriter Heading(string text, int level)
    {
        var p = Para(JustificationValues.Left, Run(text, level == 1 ? HeadingFont : SubheadingFont, Size3, bold: level == 2));
        p.ParagraphProperties!.InsertAfter(new Indentation { FirstLine = Indent2Chars.ToString() }, p.ParagraphProperties.SpacingBetweenLines);
        _blocks.Add(p);
        return this;
    }

    /// <summary>A body paragraph, its first line indented two characters.</summary>
    public DocxWriter Paragraph(string text)
    {
        var p = Para(JustificationValues.Both, Run(text, BodyFont, Size3));
        p.ParagraphProperties!.InsertAfter(new Indentation { FirstLine = Indent2Chars.ToString() }, p.ParagraphProperties.SpacingBetweenLines);
        _blocks.Add(p);
        return this;
    }

    /// <summary>A line flush left: the addressee 主送 ("张三：") or a heading of the form.</summary>
    public DocxWriter Line(string text, bool bold = false)
    {
        _blocks.Add(Para(JustificationValues.Left, Run(text, bold ? HeadingFont : BodyFont, Size3, bold)));
        return this;
    }

    /// <summary>"检查时间：……", the label in 黑体.</summary>
    public DocxWriter Field(string label, string? value)
    {
        _blocks.Add(Para(JustificationValues.Left, Run(label + "：", HeadingFont, Size3), Run(value ?? "", BodyFont, Size3)));
        return this;
    }

    /// <summary>A ruled table in 四号仿宋 across the text width, its columns in the proportions given, the first row (if headed) in 黑体.</summary>
    public DocxWriter Table(int[] proportions, IReadOnlyList<string>? headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var table = new Table(new TableProperties(
            new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" },
            new TableBorders(
                new TopBorder { Val = BorderValues.Single, Size = 4 }, new LeftBorder { Val = BorderValues.Single, Size = 4 },
                new BottomBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
                new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 })),
            new TableGrid(proportions.Select(p => new GridColumn { Width = (TextWidth * p / proportions.Sum()).ToString() })));
        if (headers is not null) table.Append(Row(headers, HeadingFont));
        foreach (var row in rows) table.Append(Row(row, BodyFont));
        _blocks.Add(table);
        return this;
    }

    /// <summary>Lines to sign by hand: "执法人员签名：　　　　执法证号：51011500123".</summary>
    public DocxWriter SignatureLines(IEnumerable<string> lines)
    {
        _blocks.Add(Para(JustificationValues.Left, Run("", BodyFont, Size3)));
        foreach (var line in lines) Line(line);
        return this;
    }

    /// <summary>The seal block at the right: the authority, （盖章）, and the date in Chinese form.</summary>
    public DocxWriter Seal(string authority, DateOnly? date)
    {
        _blocks.Add(Para(JustificationValues.Left, Run("", BodyFont, Size3)));
        foreach (var line in new[] { authority, "（盖章）", DocumentText.Date(date) })
            _blocks.Add(Para(JustificationValues.Right, Run(line, BodyFont, Size3)));
        return this;
    }

    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            document.PackageProperties.Title = _title;
            document.PackageProperties.Language = "zh-CN";
            var main = document.AddMainDocumentPart();
            var body = new Body(_blocks);
            body.Append(new SectionProperties(
                new PageSize { Width = 11906, Height = 16838 },                                // A4
                new PageMargin { Top = 2098, Bottom = 1984, Left = 1588, Right = 1474 }));  // 37, 35, 28, 26 mm
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }

    private static TableRow Row(IReadOnlyList<string> cells, string font) =>
        new(cells.Select(text => new TableCell(Para(JustificationValues.Left, Run(text, font, Size4)))));

    private static Paragraph Para(JustificationValues justification, params Run[] runs) =>
        new(new[] { (OpenXmlElement)new ParagraphProperties(
                new SpacingBetweenLines { Line = LineTwips.ToString(), LineRule = LineSpacingRuleValues.Exact },
                new Justification { Val = justification }) }
            .Concat(runs));

    private static Run Run(string text, string font, int halfPoints, bool bold = false)
    {
        var properties = new RunProperties(new RunFonts { Ascii = font, HighAnsi = font, EastAsia = font });
        if (bold) properties.Append(new Bold());
        properties.Append(new FontSize { Val = halfPoints.ToString() });
        properties.Append(new Languages { EastAsia = "zh-CN" });
        return new Run(properties, new Text(text) { Space = SpaceProcessingModeValues.Preserve });
    }
}
