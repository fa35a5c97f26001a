using Inspections.Core.Features.Documents;
using Microsoft.AspNetCore.Mvc;

namespace Inspections.Api.Pages.Records;

/// <summary>
/// A record page's printable documents (?handler=document&amp;kind=…): sent as the same request as
/// GET /api/…/{id}/documents/{kind}, so its access rules, station bars and 409s hold on the page too.
/// </summary>
public static class Printed
{
    public static FileContentResult File(DocumentFile file) =>
        new(file.Content, DocumentFile.ContentType) { FileDownloadName = file.FileName };

    /// <summary>One link of the page's 打印/下载文书 list: the document's name and its kind.</summary>
    public sealed record Link(string Name, string Kind);
}
