using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Inspections.Api.Tests.Infrastructure;

namespace Inspections.Api.Tests.InspectionsFeature;

/// <summary>Photos and documents in one request, on each database with each evidence store (folder and database).</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.WithEvidenceStores))]
public sealed class EvidenceTests(string provider, string store) : ApiFixture(provider)
{
    protected override string? EvidenceStore => store;

    protected override IEnumerable<TestUser> FixtureUsers => Officers.Of();

    private static byte[] Jpeg(int size = 2048, byte fill = 0x42)
    {
        var bytes = new byte[size];
        Array.Fill(bytes, fill);
        new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F' }.CopyTo(bytes, 0);
        return bytes;
    }

    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R'];
    private static readonly byte[] Pdf = "%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"u8.ToArray();
    private static readonly byte[] Executable = [(byte)'M', (byte)'Z', 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00];

    private Task<string> RecordInspection(string jurisdiction = "510115") => Api.RecordInspectionAsync("证据测试书店", "温江区光华大道 1 号", "新出发〔2024〕15 号", jurisdiction);

    private static MultipartFormDataContent Form(byte[]? content, string fileName, string declaredType = "image/jpeg", string? itemCode = null)
    {
        var form = new MultipartFormDataContent();
        if (content is not null)
        {
            var file = new ByteArrayContent(content);
            file.Headers.ContentType = new MediaTypeHeaderValue(declaredType);
            form.Add(file, "file", fileName);
        }
        if (itemCode is not null) form.Add(new StringContent(itemCode), "itemCode");
        form.Add(new StringContent("现场照片"), "caption");
        return form;
    }

    private async Task<long[]> Counts() => [await Api.CountAsync("inspection_evidence"), await Api.CountAsync("audit_entries")];

    [Test]
    public async Task A_photo_is_stored_by_its_hash_and_comes_back_byte_for_byte()
    {
        var inspection = await RecordInspection();
        var officer = Api.ZhangSanClient();
        var photo = Jpeg();
        var created = await (await officer.PostAsync($"/api/inspections/{inspection}/evidence", Form(photo, "门头照片.jpg", itemCode: "BK-LIC")))
            .Expect(HttpStatusCode.Created);
        Assert.Multiple(() =>
        {
            Assert.That(created.Str("contentType"), Is.EqualTo("image/jpeg"));
            Assert.That(created.Str("sha256"), Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(photo))));
            Assert.That(created.GetProperty("sizeBytes").GetInt64(), Is.EqualTo(photo.Length));
            Assert.That(created.Str("fileName"), Is.EqualTo("门头照片.jpg"));
            Assert.That(created.Str("itemCode"), Is.EqualTo("BK-LIC"));
            Assert.That(created.Str("uploadedBy"), Is.EqualTo(Officers.ZhangSan));
        });

        var download = await officer.GetAsync($"/api/inspections/{inspection}/evidence/{created.Str("id")}");
        Assert.That(download.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(download.Content.Headers.ContentType!.MediaType, Is.EqualTo("image/jpeg"));
        Assert.That(await download.Content.ReadAsByteArrayAsync(), Is.EqualTo(photo));

        var detail = await (await officer.GetAsync($"/api/inspections/{inspection}")).Expect(HttpStatusCode.OK);
        Assert.That(detail.GetProperty("evidence").EnumerateArray().Select(e => e.Str("id")), Is.EqualTo(new[] { created.Str("id") }));
    }

    [Test]
    public async Task Png_and_pdf_are_recognised_by_their_bytes_whatever_their_declared_type()
    {
        var inspection = await RecordInspection();
        var png = await (await Api.ZhangSanClient().PostAsync($"/api/inspections/{inspection}/evidence", Form(Png, "scan.bin", "application/octet-stream")))
            .Expect(HttpStatusCode.Created);
        Assert.That(png.Str("contentType"), Is.EqualTo("image/png"));
        var pdf = await (await Api.ZhangSanClient().PostAsync($"/api/inspections/{inspection}/evidence", Form(Pdf, "笔录.pdf", "image/jpeg")))
            .Expect(HttpStatusCode.Created);
        Assert.That(pdf.Str("contentType"), Is.EqualTo("application/pdf"));
    }

    [Test]
    public async Task The_same_bytes_uploaded_twice_are_two_evidence_rows_but_one_stored_file()
    {
        var inspection = await RecordInspection();
        var photo = Jpeg(fill: 0x17);
        var first = await (await Api.ZhangSanClient().PostAsync($"/api/inspections/{inspection}/evidence", Form(photo, "a.jpg"))).Expect(HttpStatusCode.Created);
        var second = await (await Api.ZhangSanClient().PostAsync($"/api/inspections/{inspection}/evidence", Form(photo, "b.jpg"))).Expect(HttpStatusCode.Created);
        Assert.That(second.Str("id"), Is.Not.EqualTo(first.Str("id")));
        Assert.That(second.Str("sha256"), Is.EqualTo(first.Str("sha256")));
        var (copies, bytes) = await Api.StoredAsync(first.Str("sha256"));
        Assert.That(copies, Is.EqualTo(1));
        Assert.That(bytes, Is.EqualTo(photo.Length));
    }

    private static IEnumerable<TestCaseData> RefusedFiles()
    {
        yield return new TestCaseData(Executable, "invoice.jpg", "JPEG").SetName("{m}(an executable renamed .jpg)");
        yield return new TestCaseData("<html>hi</html>"u8.ToArray(), "photo.png", "JPEG").SetName("{m}(html declared as png)");
        yield return new TestCaseData(Jpeg(10 * 1024 * 1024 + 1), "huge.jpg", "10 MB").SetName("{m}(one byte over 10 MB)");
        yield return new TestCaseData(Array.Empty<byte>(), "empty.jpg", "选择").SetName("{m}(an empty file)");
        yield return new TestCaseData(null, "none.jpg", "选择").SetName("{m}(no file at all)");
    }

    [TestCaseSource(nameof(RefusedFiles))]
    public async Task A_file_that_is_not_an_allowed_photo_or_document_is_refused_and_writes_nothing(byte[]? content, string name, string messagePart)
    {
        var inspection = await RecordInspection();
        var before = await Counts();
        var problem = await (await Api.ZhangSanClient().PostAsync($"/api/inspections/{inspection}/evidence", Form(content, name)))
            .Expect(HttpStatusCode.BadRequest);
        Assert.That(problem.FieldErrors("file"), Has.Some.Contains(messagePart), problem.ToString());
        Assert.That(await Counts(), Is.EqualTo(before));
    }

    [Test]
    public async Task Evidence_for_an_item_not_on_the_checklist_is_refused()
    {
        var inspection = await RecordInspection();
        var before = await Counts();
        var problem = await (await Api.ZhangSanClient().PostAsync($"/api/inspections/{inspection}/evidence", Form(Jpeg(), "x.jpg", itemCode: "IC-MINOR")))
            .Expect(HttpStatusCode.BadRequest);
        Assert.That(problem.FieldErrors("itemCode"), Has.Some.Contains("IC-MINOR"));
        Assert.That(await Counts(), Is.EqualTo(before));
    }

    [Test]
    public async Task A_file_altered_on_disk_is_refused_on_download()
    {
        var inspection = await RecordInspection();
        var created = await (await Api.ZhangSanClient().PostAsync($"/api/inspections/{inspection}/evidence", Form(Jpeg(fill: 0x5A), "篡改前.jpg")))
            .Expect(HttpStatusCode.Created);
        await Api.AlterLastByteAsync(created.Str("sha256"));

        var problem = await (await Api.ZhangSanClient().GetAsync($"/api/inspections/{inspection}/evidence/{created.Str("id")}"))
            .Expect(HttpStatusCode.Conflict);
        Assert.That(problem.Str("detail"), Does.Contain("证据文件已被篡改"));
        Assert.That(problem.Str("recordedSha256"), Is.EqualTo(created.Str("sha256")));
    }

    [Test]
    public async Task Evidence_is_scoped_like_its_inspection()
    {
        var inspection = await RecordInspection();
        var created = await (await Api.ZhangSanClient().PostAsync($"/api/inspections/{inspection}/evidence", Form(Jpeg(fill: 0x33), "scoped.jpg")))
            .Expect(HttpStatusCode.Created);
        var before = await Counts();
        var stranger = Api.ZhangSanClient(jurisdiction: "510104");
        await (await stranger.GetAsync($"/api/inspections/{inspection}/evidence/{created.Str("id")}")).Expect(HttpStatusCode.Forbidden);
        await (await stranger.PostAsync($"/api/inspections/{inspection}/evidence", Form(Jpeg(), "x.jpg"))).Expect(HttpStatusCode.Forbidden);
        await (await Api.Client("clerk").PostAsync($"/api/inspections/{inspection}/evidence", Form(Jpeg(), "x.jpg"))).Expect(HttpStatusCode.Forbidden);
        await (await Api.Client("clerk").GetAsync($"/api/inspections/{inspection}/evidence/{created.Str("id")}")).Expect(HttpStatusCode.Forbidden);
        Assert.That(await Counts(), Is.EqualTo(before));
        await (await Api.ZhangSanClient().GetAsync($"/api/inspections/{Guid.CreateVersion7()}/evidence/{created.Str("id")}")).Expect(HttpStatusCode.NotFound);
        await (await Api.ZhangSanClient().GetAsync($"/api/inspections/{inspection}/evidence/{Guid.CreateVersion7()}")).Expect(HttpStatusCode.NotFound);
    }
}
