using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using Inspections.Api.Tests.Infrastructure;

namespace Inspections.Api.Tests.Documents;

/// <summary>A downloaded document, opened with the Open XML SDK: its file name, title and the text of every paragraph and table cell.</summary>
internal sealed record Docx(string FileName, string Title, string Text, IReadOnlyList<string> Paragraphs)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <summary>GETs the document, checks the answer is a DOCX with a Chinese file name, that it validates against the schema, and opens it.</summary>
    public static async Task<Docx> DownloadAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        if (response.StatusCode != HttpStatusCode.OK)
            Assert.Fail($"{url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo(ContentType));
        var disposition = response.Content.Headers.ContentDisposition;
        Assert.That(disposition?.DispositionType, Is.EqualTo("attachment"));
        Assert.That(disposition?.FileNameStar, Does.EndWith(".docx"), "the Chinese name travels as filename*=UTF-8''…");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        using var stream = new MemoryStream(bytes);
        using var document = WordprocessingDocument.Open(stream, false);
        var errors = new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.That(errors, Is.Empty, "the DOCX validates against the Office schema");
        var body = document.MainDocumentPart!.Document!.Body!;
        var paragraphs = body.Descendants<Paragraph>().Select(p => p.InnerText).ToList();
        return new Docx(disposition!.FileNameStar!, document.PackageProperties.Title ?? "", string.Join("\n", paragraphs), paragraphs);
    }

    /// <summary>The title as the document prints it: the second centred line, under the authority.</summary>
    public string Heading => Paragraphs[1];

    public string Authority => Paragraphs[0];

    public string Number => Paragraphs[2];
}
