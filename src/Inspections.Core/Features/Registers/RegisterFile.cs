using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace Inspections.Core.Features.Registers;

/// <summary>
/// A register 台账 as an XLSX file: its Chinese file name and a writer that streams the rows, read one at a
/// time from the database, into a stream. Nothing is read before the writer runs: the handler checks the
/// filters and the caller's jurisdiction first, so a refusal is an answer, not a broken download.
/// </summary>
public sealed record RegisterFile(string FileName, Func<Stream, CancellationToken, Task> WriteAsync)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>
    /// Create mode (not MiniExcel's "fast mode", which updates a seekable archive): the sheet is written once,
    /// front to back, so the target may be a response body that cannot seek.
    /// </summary>
    private static readonly OpenXmlConfiguration Streaming = new()
    {
        FastMode = false,
        AutoFilter = true,
        FreezeRowCount = 1,
        TableStyles = TableStyles.None,
        EnableWriteNullValueCell = false,
    };

    /// <summary>"场所台账（2026-11-26）.xlsx", one sheet named like the register, a header row of Chinese column names.</summary>
    public static RegisterFile Of<TRow>(string title, DateOnly today, IAsyncEnumerable<TRow> rows) =>
        new($"{title}（{today:yyyy-MM-dd}）.xlsx",
            (stream, ct) => stream.SaveAsAsync(rows, printHeader: true, sheetName: title, excelType: ExcelType.XLSX,
                configuration: Streaming, cancellationToken: ct));

    /// <summary>Numbers rows 1, 2, 3… as they pass, for the 序号 column.</summary>
    internal static async IAsyncEnumerable<TRow> Numbered<TSource, TRow>(IAsyncEnumerable<TSource> source, Func<int, TSource, TRow> row,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        var n = 0;
        await foreach (var item in source.WithCancellation(ct)) yield return row(++n, item);
    }
}
