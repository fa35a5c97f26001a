using System.Globalization;
using System.Text;
using Inspections.Core.Common;
using Inspections.Domain.Venues;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;

namespace Inspections.Core.Features.Unlicensed;

/// <summary>
/// The survey list 摸底排查表 an office fills in before a campaign: its columns (the template's headers), and reading
/// an uploaded XLSX or CSV (UTF-8 with or without BOM, or GBK/GB18030 as Excel saves it on Chinese Windows) into rows
/// of text by header. What is not a spreadsheet is refused as a field error on <c>file</c>.
/// </summary>
public static class SurveySheet
{
    public const string SheetName = "摸底排查表";
    public const string HelpSheetName = "填写说明";
    public const int MaxBytes = 5 * 1024 * 1024;
    public const int MaxRows = 2000;

    /// <summary>A column: its header, the <see cref="SurveyVenue.Command"/> property it fills, and what to write in it.</summary>
    public sealed record Column(string Header, string Field, bool Required, string Help);

    public static readonly IReadOnlyList<Column> Columns =
    [
        new("场所名称", nameof(SurveyVenue.Command.Name), true, "场所招牌或实际使用的名称"),
        new("场所类型", nameof(SurveyVenue.Command.Type), true,
            "网吧、歌舞娱乐场所（KTV）、游艺娱乐场所、书店（出版物零售）、音像制品零售、印刷复印（打印店）、演出场所；须为本次整治的场所类型"),
        new("经营地址", nameof(SurveyVenue.Command.Address), true, "详细地址"),
        new("经营者", nameof(SurveyVenue.Command.OperatorName), true, "实际经营人姓名"),
        new("所在乡镇（街道）", nameof(SurveyVenue.Command.Jurisdiction), false, "9 位乡镇（街道）代码或名称；不填为整治行动的辖区"),
        new("终端数", nameof(SurveyVenue.Command.Terminals), false, "仅网吧填写，整数"),
        new("包房数", nameof(SurveyVenue.Command.Rooms), false, "仅歌舞、游艺娱乐场所填写，整数"),
        new("排查日期", nameof(SurveyVenue.Command.FoundOn), true, "如 2026-03-15，在整治行动期间内且不晚于今天"),
        new("排查情况", nameof(SurveyVenue.Command.Note), false, "发现的情况，选填"),
    ];

    /// <summary>The column a field of the command is written in (the header an error names).</summary>
    public static string HeaderOf(string field) =>
        Columns.FirstOrDefault(c => string.Equals(c.Field, field, StringComparison.OrdinalIgnoreCase))?.Header ?? field;

    /// <summary>The template's one sheet of headers, in <see cref="Columns"/> order (a test holds the two together).</summary>
    public sealed class TemplateRow
    {
        [ExcelColumn(Name = "场所名称", Width = 30)] public string? Name { get; init; }
        [ExcelColumn(Name = "场所类型", Width = 22)] public string? Type { get; init; }
        [ExcelColumn(Name = "经营地址", Width = 36)] public string? Address { get; init; }
        [ExcelColumn(Name = "经营者", Width = 12)] public string? OperatorName { get; init; }
        [ExcelColumn(Name = "所在乡镇（街道）", Width = 18)] public string? Jurisdiction { get; init; }
        [ExcelColumn(Name = "终端数", Width = 8)] public int? Terminals { get; init; }
        [ExcelColumn(Name = "包房数", Width = 8)] public int? Rooms { get; init; }
        [ExcelColumn(Name = "排查日期", Width = 12)] public string? FoundOn { get; init; }
        [ExcelColumn(Name = "排查情况", Width = 36)] public string? Note { get; init; }
    }

    public sealed class HelpRow
    {
        [ExcelColumn(Name = "列", Width = 18)] public string Header { get; init; } = "";
        [ExcelColumn(Name = "必填", Width = 6)] public string Required { get; init; } = "";
        [ExcelColumn(Name = "填写要求", Width = 80)] public string Help { get; init; } = "";
    }

    /// <summary>The template: the headers on the first sheet, and what each column takes on a second.</summary>
    public static Task WriteTemplateAsync(Stream stream, CancellationToken ct) =>
        stream.SaveAsAsync(new Dictionary<string, object>
        {
            [SheetName] = Array.Empty<TemplateRow>(),
            [HelpSheetName] = Columns.Select(c => new HelpRow { Header = c.Header, Required = c.Required ? "是" : "否", Help = c.Help }).ToList(),
        }, excelType: ExcelType.XLSX, cancellationToken: ct);

    /// <summary>A data row: its number as the spreadsheet shows it (the header is row 1) and its cells by header, trimmed.</summary>
    public sealed record Row(int Number, IReadOnlyDictionary<string, string> Cells)
    {
        public string? this[string header] => Cells.TryGetValue(header, out var v) && v.Length > 0 ? v : null;
    }

    /// <summary>Reads the rows, or throws a field error on <c>File</c> when the upload is not a survey list.</summary>
    public static IReadOnlyList<Row> Read(byte[] content)
    {
        var rows = Kind(content) switch
        {
            Format.Xlsx => ReadXlsx(content),
            Format.Csv => ReadCsv(content),
            Format.Xls => throw FileError("这是旧版 Excel（.xls）文件，请另存为 .xlsx 或 CSV（UTF-8）后上传",
                "This is an old Excel (.xls) file; save it as .xlsx or CSV (UTF-8) and upload that"),
            _ => throw NotASpreadsheet(),
        };
        var header = rows.FirstOrDefault(r => r.cells.Any(c => c.Length > 0));
        if (header.cells is null) throw FileError("表格是空的，请按模板填写后上传", "The sheet is empty; fill in the template and upload it");
        var headers = header.cells.Select(Clean).ToList();
        var missing = Columns.Where(c => c.Required && !headers.Contains(c.Header)).Select(c => c.Header).ToList();
        if (missing.Count > 0)
            throw FileError($"表头缺少：{string.Join("、", missing)}。请使用摸底排查表模板（第一行为表头）",
                $"The header row lacks: {string.Join(", ", missing)}. Use the survey list template (headers in the first row)");
        var data = rows.Where(r => r.number > header.number && r.cells.Any(c => Clean(c).Length > 0))
            .Select(r => new Row(r.number, headers.Select((h, i) => (h, v: i < r.cells.Length ? Clean(r.cells[i]) : ""))
                .Where(x => x.h.Length > 0)
                .GroupBy(x => x.h).ToDictionary(g => g.Key, g => g.First().v, StringComparer.Ordinal)))
            .ToList();
        if (data.Count == 0) throw FileError("表格中没有数据行", "The sheet has no data rows");
        if (data.Count > MaxRows)
            throw FileError($"一次最多导入 {MaxRows} 行，本表有 {data.Count} 行，请分批上传", $"At most {MaxRows} rows at a time; this sheet has {data.Count}");
        return data;
    }

    private enum Format { Xlsx, Xls, Csv, Other }

    private static Format Kind(byte[] content)
    {
        if (content.Length >= 4 && content[0] == 0x50 && content[1] == 0x4B && content[2] == 0x03 && content[3] == 0x04) return Format.Xlsx;
        if (content.Length >= 4 && content[0] == 0xD0 && content[1] == 0xCF && content[2] == 0x11 && content[3] == 0xE0) return Format.Xls;
        // Text has no NUL bytes; pictures, PDFs and other binaries do within their first few kilobytes.
        return content.AsSpan(0, Math.Min(content.Length, 8192)).Contains((byte)0) ? Format.Other : Format.Csv;
    }

    private static List<(int number, string[] cells)> ReadXlsx(byte[] content)
    {
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            return Rows(stream.Query(useHeaderRow: false, sheetName: null, excelType: ExcelType.XLSX));
        }
        catch (Exception e) when (e is not FluentValidation.ValidationException)
        {
            // A zip that is not a workbook (a DOCX, a damaged file): MiniExcel's own exceptions vary.
            throw NotASpreadsheet();
        }
    }

    private static List<(int number, string[] cells)> ReadCsv(byte[] content)
    {
        var text = Decode(content);
        using var stream = new MemoryStream(new UTF8Encoding(false).GetBytes(text), writable: false);
        try
        {
            return Rows(stream.Query(useHeaderRow: false, excelType: ExcelType.CSV));
        }
        catch (Exception e) when (e is not FluentValidation.ValidationException)
        {
            throw NotASpreadsheet();
        }
    }

    /// <summary>UTF-8 (a BOM, or bytes that are valid UTF-8), else GB18030, which covers GBK: what Excel writes for "CSV" on Chinese Windows.</summary>
    public static string Decode(byte[] content)
    {
        if (content.Length >= 3 && content[0] == 0xEF && content[1] == 0xBB && content[2] == 0xBF)
            return new UTF8Encoding(false).GetString(content, 3, content.Length - 3);
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content);
        }
        catch (DecoderFallbackException)
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding("GB18030").GetString(content);
        }
    }

    private static List<(int number, string[] cells)> Rows(IEnumerable<dynamic> rows)
    {
        var result = new List<(int, string[])>();
        var number = 0;
        foreach (IDictionary<string, object?> row in rows)
        {
            number++;
            if (number > MaxRows + 50) break;
            result.Add((number, row.Values.Select(Text).ToArray()));
        }
        return result;
    }

    /// <summary>A cell as text: dates as yyyy-MM-dd, whole numbers without decimals.</summary>
    private static string Text(object? value) => value switch
    {
        null => "",
        DateTime d => d.ToString(d.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        double n when Math.Abs(n % 1) < double.Epsilon => n.ToString("0", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Clean(string s) => s.Trim().Trim('\uFEFF').Trim();

    /// <summary>A venue type as an office writes it: the register's Chinese name, a common short name, or the wire name.</summary>
    public static string? VenueType(string text)
    {
        var t = text.Trim();
        foreach (var type in Enum.GetValues<VenueType>())
            if (t == type.ChineseName() || t.Equals(Wire.Name(type), StringComparison.OrdinalIgnoreCase)) return Wire.Name(type);
        return t switch
        {
            "网吧" or "网咖" or "上网服务营业场所" => Wire.Name(Domain.Venues.VenueType.InternetCafe),
            "KTV" or "ktv" or "歌舞厅" or "歌厅" or "卡拉OK" => Wire.Name(Domain.Venues.VenueType.SongAndDance),
            "游艺厅" or "电子游艺" or "电玩城" or "游戏厅" => Wire.Name(Domain.Venues.VenueType.GameArcade),
            "书店" or "书报亭" or "出版物零售单位" => Wire.Name(Domain.Venues.VenueType.Bookshop),
            "音像店" or "音像制品零售单位" => Wire.Name(Domain.Venues.VenueType.AudioVideoRetail),
            "打印店" or "复印店" or "印刷厂" or "印刷" => Wire.Name(Domain.Venues.VenueType.PrintShop),
            _ => null,
        };
    }

    public static string TypeNames => string.Join("、", Enum.GetValues<VenueType>().Select(t => t.ChineseName()));

    private static FluentValidation.ValidationException NotASpreadsheet() =>
        FileError("只接受 XLSX 或 CSV 格式的摸底排查表（可先下载模板填写）", "Only an XLSX or CSV survey list is accepted (download the template to fill in)");

    private static FluentValidation.ValidationException FileError(string zh, string en) => Input.Invalid("File", zh, en);
}
