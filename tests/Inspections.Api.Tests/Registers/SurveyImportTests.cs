using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Inspections.Api.Tests.Infrastructure;
using Inspections.Api.Tests.UnlicensedFeature;
using MiniExcelLibs;

namespace Inspections.Api.Tests.Registers;

/// <summary>
/// The survey list 摸底排查表 imported into a campaign (clock at 2026-11-20, campaign 9-01..12-31 for internet cafés and
/// arcades): a file with bad rows stores nothing and lists each bad row (row, column, message); asked to, the good
/// rows alone are stored; CSV is read as UTF-8 with or without BOM and as GBK; what is not a spreadsheet is refused.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class SurveyImportTests(string provider) : UnlicensedFixture(provider)
{
    private static readonly string[] Headers = ["场所名称", "场所类型", "经营地址", "经营者", "所在乡镇（街道）", "终端数", "包房数", "排查日期", "排查情况"];

    /// <summary>Three good rows (sheet rows 2, 3, 5) and two bad: row 4 an unknown type, row 6 found after today.</summary>
    private static readonly string[][] ThreeGoodTwoBad =
    [
        ["星光网吧", "网吧", "柳城街道光华大道 1 号", "王某", "", "60", "", "2026-09-10", "无证经营"],
        ["飞跃网吧", "互联网上网服务营业场所", "柳城街道光华大道 2 号", "李某", "", "", "", "2026-09-11", ""],
        ["夜色酒吧", "酒吧", "柳城街道光华大道 3 号", "赵某", "", "", "", "2026-09-12", ""],
        ["快乐电玩", "游艺娱乐场所", "柳城街道光华大道 4 号", "钱某", "", "", "6", "2026/9/15", "群众举报"],
        ["童趣游艺", "游艺厅", "柳城街道光华大道 5 号", "孙某", "", "20", "", "2026-12-01", ""],
    ];

    private static byte[] Xlsx(string[][] rows)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows.Select(r => Headers.Select((h, i) => (h, v: (object?)(r[i].Length == 0 ? null : r[i]))).ToDictionary(x => x.h, x => x.v)).ToList());
        return stream.ToArray();
    }

    private static string Csv(string[][] rows) =>
        string.Join("\r\n", new[] { Headers }.Concat(rows).Select(r => string.Join(",", r.Select(c => c.Contains(',') ? $"\"{c}\"" : c)))) + "\r\n";

    private Task<HttpResponseMessage> ImportAsync(string campaign, byte[] file, string fileName, bool? importValidRows = null, HttpClient? client = null)
    {
        var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, "file", fileName);
        var query = importValidRows is null ? "" : $"?importValidRows={importValidRows.Value.ToString().ToLowerInvariant()}";
        return (client ?? Officer()).PostAsync($"/api/unlicensed-campaigns/{campaign}/venues/import{query}", form);
    }

    private async Task<List<JsonElement>> VenuesAsync(string campaign) =>
        (await (await Officer().GetAsync($"/api/unlicensed-campaigns/{campaign}/venues")).Expect(HttpStatusCode.OK)).EnumerateArray().ToList();

    private static (int row, string column)[] RowErrors(JsonElement problem) =>
        problem.GetProperty("rowErrors").EnumerateArray().Select(e => (e.GetProperty("row").GetInt32(), e.Str("column"))).ToArray();

    [Test]
    public async Task A_file_with_bad_rows_stores_nothing_and_lists_each_bad_row()
    {
        var campaign = await OpenCampaignAsync("摸底导入 A");
        var venuesBefore = await Api.CountAsync("venues");
        var auditBefore = await Api.CountAsync("audit_entries");
        var problem = await (await ImportAsync(campaign, Xlsx(ThreeGoodTwoBad), "摸底排查表.xlsx")).Expect(HttpStatusCode.UnprocessableEntity);
        Assert.Multiple(() =>
        {
            Assert.That(problem.Str("title"), Is.EqualTo("表格中有错误的行，未导入任何数据"));
            Assert.That(RowErrors(problem), Is.EqualTo(new[] { (4, "场所类型"), (6, "排查日期") }));
            Assert.That(problem.GetProperty("rowErrors").EnumerateArray().First().Str("message"), Does.StartWith("未知的场所类型“酒吧”"));
            Assert.That(problem.GetProperty("validRows").GetInt32(), Is.EqualTo(3));
        });
        Assert.That(await VenuesAsync(campaign), Is.Empty, "nothing linked to the campaign");
        Assert.That(await Api.CountAsync("venues"), Is.EqualTo(venuesBefore), "nothing registered");
        Assert.That(await Api.CountAsync("audit_entries"), Is.EqualTo(auditBefore), "nothing audited");

        var english = await (await ImportAsync(campaign, Xlsx(ThreeGoodTwoBad), "survey.xlsx", client: Api.Client("officer", language: "en")))
            .Expect(HttpStatusCode.UnprocessableEntity);
        Assert.That(english.GetProperty("rowErrors").EnumerateArray().First().Str("message"), Does.StartWith("Unknown venue type '酒吧'"));
    }

    [Test]
    public async Task Asked_to_the_good_rows_alone_are_stored_as_surveys()
    {
        var campaign = await OpenCampaignAsync("摸底导入 B");
        var result = await (await ImportAsync(campaign, Xlsx(ThreeGoodTwoBad), "摸底排查表.xlsx", importValidRows: true)).Expect(HttpStatusCode.OK);
        Assert.Multiple(() =>
        {
            Assert.That(result.GetProperty("imported").GetInt32(), Is.EqualTo(3));
            Assert.That(result.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("row").GetInt32()), Is.EqualTo(new[] { 2, 3, 5 }));
            Assert.That(result.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("row").GetInt32()).Distinct(), Is.EqualTo(new[] { 4, 6 }));
        });
        var venues = await VenuesAsync(campaign);
        Assert.Multiple(() =>
        {
            Assert.That(venues.Select(v => v.Str("venueName")), Is.EquivalentTo(new[] { "星光网吧", "飞跃网吧", "快乐电玩" }));
            Assert.That(venues.Select(v => v.Str("licenseStatus")), Is.All.EqualTo("unlicensed"));
            Assert.That(venues.Single(v => v.Str("venueName") == "快乐电玩").Str("foundOn"), Is.EqualTo("2026-09-15"));
            Assert.That(venues.Single(v => v.Str("venueName") == "快乐电玩").Str("venueType"), Is.EqualTo("gameArcade"));
            Assert.That(venues.SelectMany(v => v.GetProperty("prerequisites").EnumerateArray()).Select(p => p.Str("status")), Is.All.EqualTo("pending"));
        });
        // The venue found is in the register too, as SurveyVenue would have put it.
        var registered = await (await Officer().GetAsync($"/api/venues/{venues.Single(v => v.Str("venueName") == "星光网吧").Str("venueId")}")).Expect(HttpStatusCode.OK);
        Assert.Multiple(() =>
        {
            Assert.That(registered.GetProperty("terminals").GetInt32(), Is.EqualTo(60));
            Assert.That(registered.Str("operatorName"), Is.EqualTo("王某"));
            Assert.That(registered.Str("address"), Is.EqualTo("柳城街道光华大道 1 号"));
        });

    }

    [TestCase("utf8-bom")]
    [TestCase("utf8")]
    [TestCase("gbk")]
    public async Task A_csv_list_is_read_in_the_encodings_offices_save(string encoding)
    {
        var campaign = await OpenCampaignAsync("摸底导入 CSV " + encoding);
        var text = Csv([ThreeGoodTwoBad[0], ThreeGoodTwoBad[1], ThreeGoodTwoBad[3]]);
        var bytes = encoding switch
        {
            "utf8-bom" => Encoding.UTF8.GetPreamble().Concat(new UTF8Encoding(false).GetBytes(text)).ToArray(),
            "utf8" => new UTF8Encoding(false).GetBytes(text),
            _ => GbkBytes(text),
        };
        var result = await (await ImportAsync(campaign, bytes, "摸底排查表.csv")).Expect(HttpStatusCode.OK);
        Assert.That(result.GetProperty("imported").GetInt32(), Is.EqualTo(3));
        Assert.That((await VenuesAsync(campaign)).Select(v => v.Str("venueName")), Is.EquivalentTo(new[] { "星光网吧", "飞跃网吧", "快乐电玩" }));
    }

    private static byte[] GbkBytes(string text)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding("GBK").GetBytes(text);
        Assert.Throws<DecoderFallbackException>(() => new UTF8Encoding(false, true).GetString(bytes), "the GBK bytes are not UTF-8");
        return bytes;
    }

    [Test]
    public async Task A_csv_with_a_bad_row_stores_nothing()
    {
        var campaign = await OpenCampaignAsync("摸底导入 CSV 错误");
        var text = Csv([ThreeGoodTwoBad[0], ["", "网吧", "某地址", "某人", "", "abc", "", "2026-09-10", ""]]);
        var problem = await (await ImportAsync(campaign, Encoding.UTF8.GetBytes(text), "list.csv")).Expect(HttpStatusCode.UnprocessableEntity);
        Assert.That(RowErrors(problem), Is.EqualTo(new[] { (3, "终端数") }), "a cell that cannot be read is the row's error");
        Assert.That(await VenuesAsync(campaign), Is.Empty);
    }

    [Test]
    public async Task What_is_not_a_survey_list_is_refused_with_a_clear_problem()
    {
        var campaign = await OpenCampaignAsync("摸底导入 D");
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52];
        var picture = await (await ImportAsync(campaign, png, "photo.png")).Expect(HttpStatusCode.BadRequest);
        Assert.That(picture.FieldErrors("file"), Is.EqualTo(new[] { "只接受 XLSX 或 CSV 格式的摸底排查表（可先下载模板填写）" }));

        byte[] zip = [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, 0x01, 0x02, 0x03];
        var broken = await (await ImportAsync(campaign, zip, "list.xlsx")).Expect(HttpStatusCode.BadRequest);
        Assert.That(broken.FieldErrors("file"), Is.Not.Empty);

        byte[] xls = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0x00];
        var old = await (await ImportAsync(campaign, xls, "list.xls")).Expect(HttpStatusCode.BadRequest);
        Assert.That(old.FieldErrors("file").Single(), Does.Contain(".xls"));

        var prose = await (await ImportAsync(campaign, Encoding.UTF8.GetBytes("这不是表格\r\n只是一段文字"), "notes.txt")).Expect(HttpStatusCode.BadRequest);
        Assert.That(prose.FieldErrors("file").Single(), Does.StartWith("表头缺少：场所名称"));

        var none = await (await Officer().PostAsync($"/api/unlicensed-campaigns/{campaign}/venues/import", new MultipartFormDataContent { { new StringContent("x"), "note" } }))
            .Expect(HttpStatusCode.BadRequest);
        Assert.That(none.FieldErrors("file"), Is.EqualTo(new[] { "请选择要导入的摸底排查表（XLSX 或 CSV）" }));

        var english = await (await ImportAsync(campaign, png, "photo.png", client: Api.Client("officer", language: "en"))).Expect(HttpStatusCode.BadRequest);
        Assert.That(english.FieldErrors("file").Single(), Does.StartWith("Only an XLSX or CSV survey list"));
        Assert.That(await VenuesAsync(campaign), Is.Empty);
    }

    [Test]
    public async Task Only_the_campaigns_officers_may_import()
    {
        var campaign = await OpenCampaignAsync("摸底导入 E");
        await (await ImportAsync(campaign, Xlsx(ThreeGoodTwoBad[..1]), "a.xlsx", client: Api.Client("clerk"))).Expect(HttpStatusCode.Forbidden);
        await (await ImportAsync(campaign, Xlsx(ThreeGoodTwoBad[..1]), "a.xlsx", client: Api.Client("officer", "510104"))).Expect(HttpStatusCode.Forbidden);
        await (await ImportAsync(campaign, Xlsx(ThreeGoodTwoBad[..1]), "a.xlsx", client: Api.Client("officer", "510115001"))).Expect(HttpStatusCode.Forbidden);
        await (await ImportAsync(Guid.NewGuid().ToString(), Xlsx(ThreeGoodTwoBad[..1]), "a.xlsx")).Expect(HttpStatusCode.NotFound);
        Assert.That(await VenuesAsync(campaign), Is.Empty);
    }

    [Test]
    public async Task The_template_has_the_headers_the_import_reads()
    {
        var template = await Sheet.DownloadAsync(Officer(), "/api/unlicensed-campaigns/survey-template.xlsx");
        Assert.That(template.Headers, Is.EqualTo(Headers));
        Assert.That(template.Headers, Is.EqualTo(Inspections.Core.Features.Unlicensed.SurveySheet.Columns.Select(c => c.Header)));
        var response = await Officer().GetAsync("/api/unlicensed-campaigns/survey-template.xlsx");
        var help = Sheet.Read(await response.Content.ReadAsByteArrayAsync(), "填写说明");
        Assert.That(help.Column("列"), Is.EqualTo(Headers));

        // The template filled in is what the import takes.
        var campaign = await OpenCampaignAsync("摸底导入 F");
        using var filled = new MemoryStream();
        filled.SaveAs(new[] { Headers.Zip(ThreeGoodTwoBad[0]).ToDictionary(x => x.First, x => (object?)x.Second) });
        var result = await (await ImportAsync(campaign, filled.ToArray(), "filled.xlsx")).Expect(HttpStatusCode.OK);
        Assert.That(result.GetProperty("imported").GetInt32(), Is.EqualTo(1));
    }
}
