using System.Net;
using System.Text.Json;
using Inspections.Api.Tests.Infrastructure;

namespace Inspections.Api.Tests.Permits;

/// <summary>
/// 办件查询 GET /api/permits: every application of the caller's jurisdiction in any stage and period, by stage (as the
/// application shows it, a deemed acceptance under "accepted"), item, applicant and receipt dates, newest receipt first,
/// paged by a cursor; bad filters are 400 problems in Chinese. Also whom a file may be passed to (GET /api/permits/staff)
/// and the whole window's queue for a clerk (all=true).
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class PermitSearchTests(string provider) : PermitFixture(provider)
{
    private static readonly TestUser[] People =
    [
        new("ps-clerk", "检索窗口", ["clerk"], "510115"),
        new("ps-super", "检索科长", ["supervisor"], "510115"),
        new("ps-officer", "检索执法", ["officer"], "510115", "51011597001"),
        new("ps-away", "外区窗口", ["clerk"], "510104"),
    ];

    protected override IEnumerable<TestUser> FixtureUsers => People;

    private static string[] Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(e => e.Str("id")).ToArray();

    private static object Named(string applicant, string item, string kind, params string[] materials) => new
    {
        itemCode = item, kind, applicant = new { name = applicant, phone = "028-82711234" }, materials,
    };

    [Test]
    public async Task Finds_applications_in_any_stage_by_stage_item_applicant_and_receipt_dates_in_the_callers_jurisdiction_only()
    {
        // Mixed case, so a lower-case search must find it on both databases alike.
        var tag = "Qx" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var clerk = As("clerk", "检索甲");
        SetLocal(2026, 9, 28);
        var done = await ReceiveAsync(clerk, Named($"{tag}影音有限公司", "audio-video-retail", "establish", AudioVideoMaterials));
        done = await StepOkAsync(clerk, done, "accepted");
        done = await StepOkAsync(clerk, done, "approved");
        done = await StepOkAsync(clerk, done, "completed", new { certificateNumber = $"川音零字 {tag} 号" });
        SetLocal(2026, 9, 29);
        var waiting = await ReceiveAsync(clerk, Named($"{tag}网络会所", "internet-cafe", "establish", "application"));
        waiting = await StepOkAsync(clerk, waiting, "correctionRequested");
        SetLocal(2026, 9, 30);
        var desk = await ReceiveAsync(clerk, Named($"{tag}书店", "publication-retail", "establish", "application"));
        // The same applicant at another district's window is not ours to see.
        var away = await ReceiveAsync(As("clerk", "外区", "510104"), Named($"{tag}影音有限公司", "audio-video-retail", "establish", AudioVideoMaterials));

        var all = await (await clerk.GetAsync($"/api/permits?applicant={Uri.EscapeDataString(tag.ToLowerInvariant())}")).Expect(HttpStatusCode.OK);
        Assert.That(Ids(all), Is.EqualTo(new[] { desk.Str("id"), waiting.Str("id"), done.Str("id") }), "newest receipt first, this district only");
        Assert.That(Ids(all), Does.Not.Contain(away.Str("id")));
        var first = all.GetProperty("items")[2];
        Assert.Multiple(() =>
        {
            Assert.That((first.Str("stage"), first.Str("stageName")), Is.EqualTo(("completed", "办结")));
            Assert.That(first.Str("certificateNumber"), Is.EqualTo($"川音零字 {tag} 号"));
            Assert.That((first.Str("receivedOn"), first.Str("completedOn")), Is.EqualTo(("2026-09-28", "2026-09-28")));
            Assert.That((first.Str("responsibleId"), first.Str("kindName")), Is.EqualTo(("检索甲", "设立")));
        });

        async Task<string[]> Find(string query) =>
            Ids(await (await clerk.GetAsync($"/api/permits?applicant={Uri.EscapeDataString(tag)}&{query}")).Expect(HttpStatusCode.OK));
        Assert.That(await Find("stage=completed"), Is.EqualTo(new[] { done.Str("id") }));
        Assert.That(await Find("stage=correctionRequested"), Is.EqualTo(new[] { waiting.Str("id") }));
        Assert.That(await Find("stage=received"), Is.EqualTo(new[] { desk.Str("id") }));
        Assert.That(await Find("itemCode=internet-cafe"), Is.EqualTo(new[] { waiting.Str("id") }));
        Assert.That(await Find("receivedFrom=2026-09-29&receivedTo=2026-09-29"), Is.EqualTo(new[] { waiting.Str("id") }));
        Assert.That(await Find("receivedFrom=2026-09-29"), Is.EqualTo(new[] { desk.Str("id"), waiting.Str("id") }));
        Assert.That(await Find("receivedTo=2026-09-28"), Is.EqualTo(new[] { done.Str("id") }));
        var byCode = await (await clerk.GetAsync($"/api/permits?applicant={Uri.EscapeDataString("川音")}&stage=completed&limit=100")).Expect(HttpStatusCode.OK);
        Assert.That(Ids(byCode), Is.Empty, "the applicant filter reads the name and credit code, not the certificate");

        // Still inside its correction window on its last day (five working days from 9-30 over National Day:
        // 10-08, 10-09, Saturday 10-10 worked, 10-12, 10-13); past it, the desk's application counts as accepted on
        // receipt (art. 32) and is found under accepted, as it shows.
        SetLocal(2026, 10, 13);
        Assert.That(await Find("stage=received"), Is.EqualTo(new[] { desk.Str("id") }));
        SetLocal(2026, 10, 14);
        Assert.That(await Find("stage=received"), Is.Empty);
        Assert.That(await Find("stage=accepted"), Is.EqualTo(new[] { desk.Str("id") }));
        var deemed = (await (await clerk.GetAsync($"/api/permits?applicant={tag}&stage=accepted")).Expect(HttpStatusCode.OK)).GetProperty("items")[0];
        Assert.That((deemed.Str("stageName"), deemed.GetProperty("acceptedDeemed").GetBoolean(), deemed.Str("acceptedOn")), Is.EqualTo(("受理", true, "2026-09-30")));
    }

    [Test]
    public async Task Pages_follow_the_cursor_without_repeating_or_losing_an_application()
    {
        var tag = "Pg" + Guid.NewGuid().ToString("N")[..6];
        var clerk = As("clerk", "检索乙");
        var received = new List<string>();
        foreach (var day in new[] { 8, 8, 9, 10, 10 })
        {
            SetLocal(2026, 10, day);
            received.Add((await ReceiveAsync(clerk, Named($"{tag}-{received.Count}", "audio-video-retail", "change", "application"))).Str("id"));
        }
        var seen = new List<JsonElement>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await (await clerk.GetAsync($"/api/permits?applicant={tag}&limit=2" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"))).Expect(HttpStatusCode.OK);
            seen.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.Str("nextCursor");
            pages++;
        } while (cursor is not null && pages < 10);
        Assert.That(pages, Is.EqualTo(3));
        Assert.That(seen.Select(e => e.Str("id")), Is.EquivalentTo(received).And.Unique);
        Assert.That(seen.Select(e => e.Str("receivedOn")), Is.EqualTo(new[] { "2026-10-10", "2026-10-10", "2026-10-09", "2026-10-08", "2026-10-08" }),
            "newest receipt day first (Saturday 10-10 is a make-up working day)");
    }

    [TestCase("stage=bogus", "stage")]
    [TestCase("receivedFrom=2026-10-09&receivedTo=2026-10-08", "receivedTo")]
    [TestCase("limit=0", "limit")]
    [TestCase("limit=101", "limit")]
    [TestCase("cursor=not-a-cursor", "cursor")]
    [TestCase("receivedFrom=2026-02-30", "receivedFrom")]
    public async Task A_bad_filter_is_a_chinese_problem_naming_the_field(string query, string field)
    {
        var problem = await (await As("clerk", "检索丙").GetAsync("/api/permits?" + query)).Expect(HttpStatusCode.BadRequest);
        Assert.That(problem.FieldErrors(field), Is.Not.Empty, problem.ToString());
        Assert.That(string.Join("", problem.FieldErrors(field)), Does.Match(@"[\u4e00-\u9fff]"));
    }

    [Test]
    public async Task Only_the_window_searches_applications()
    {
        await (await As("officer", "检索丁").GetAsync("/api/permits")).Expect(HttpStatusCode.Forbidden);
        await (await As("admin", "检索戊").GetAsync("/api/permits")).Expect(HttpStatusCode.Forbidden);
        await (await Supervisor().GetAsync("/api/permits?limit=1")).Expect(HttpStatusCode.OK);
    }

    [Test]
    public async Task The_staff_list_names_the_active_clerks_and_section_heads_of_the_window_and_a_hand_off_to_one_succeeds()
    {
        var clerk = As("clerk", "ps-clerk");
        var staff = await (await clerk.GetAsync("/api/permits/staff")).Expect(HttpStatusCode.OK);
        var ids = staff.EnumerateArray().Select(s => s.Str("id")).ToList();
        Assert.That(ids, Does.Contain("ps-clerk").And.Contain("ps-super"));
        Assert.That(ids, Does.Not.Contain("ps-officer").And.Not.Contain("ps-away"), "no officer, nobody of another district");
        Assert.That(staff.EnumerateArray().Single(s => s.Str("id") == "ps-super").Str("displayName"), Is.EqualTo("检索科长"));
        await (await As("officer", "ps-officer").GetAsync("/api/permits/staff")).Expect(HttpStatusCode.Forbidden);

        SetLocal(2026, 10, 12);
        var p = await ReceiveAsync(clerk, Application("audio-video-retail", "establish", AudioVideoMaterials));
        var handed = await (await clerk.PostJson($"/api/permits/{p.Str("id")}/handoffs",
            new { version = p.GetProperty("version").GetInt64(), toUserId = "ps-super", message = "请科长审核" })).Expect(HttpStatusCode.OK);
        Assert.That((handed.Str("holderId"), handed.Str("holderName"), handed.Str("responsibleId")), Is.EqualTo(("ps-super", "检索科长", "ps-clerk")));
    }

    [Test]
    public async Task A_clerk_reads_their_own_queue_by_default_and_the_whole_windows_with_all()
    {
        SetLocal(2026, 10, 13);
        var mine = await ReceiveAsync(As("clerk", "队列甲"), Application("audio-video-retail", "establish", AudioVideoMaterials));
        var theirs = await ReceiveAsync(As("clerk", "队列乙"), Application("audio-video-retail", "establish", AudioVideoMaterials));
        var me = As("clerk", "队列甲");
        var own = await (await me.GetAsync("/api/permits/queue?limit=200")).Expect(HttpStatusCode.OK);
        Assert.That(Ids(own), Does.Contain(mine.Str("id")).And.Not.Contain(theirs.Str("id")));
        var whole = await (await me.GetAsync("/api/permits/queue?all=true&limit=200")).Expect(HttpStatusCode.OK);
        Assert.That(Ids(whole), Does.Contain(mine.Str("id")).And.Contain(theirs.Str("id")));
        Assert.That(whole.GetProperty("total").GetInt32(), Is.GreaterThan(own.GetProperty("total").GetInt32()));
        // Someone else's queue by name is still the supervisor's to read: a clerk's clerkId is ignored.
        var named = await (await me.GetAsync("/api/permits/queue?clerkId=队列乙&limit=200")).Expect(HttpStatusCode.OK);
        Assert.That(Ids(named), Does.Not.Contain(theirs.Str("id")));
    }
}
