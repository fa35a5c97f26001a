using System.Net;
using Inspections.Api.Tests.Infrastructure;

namespace Inspections.Api.Tests.Permits;

/// <summary>Everything the window refuses, and that a refused command writes nothing.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class PermitRefusalTests(string provider) : PermitFixture(provider)
{
    // 蒋 and 沈 work the window; 周 is no user at all, and an officer cannot take a permit file.
    protected override IEnumerable<TestUser> FixtureUsers =>
    [
        new("jiang", "蒋窗口", ["clerk"], "510115"), new("shen", "沈窗口", ["clerk"], "510115"),
        new("liofficer", "李执法", ["officer"], "510115", "51011500777"),
    ];

    [Test]
    public async Task A_clerk_of_another_district_cannot_decide_and_an_officer_cannot_act_at_the_window()
    {
        SetLocal(2026, 3, 2);
        var clerk = As("clerk", "吴窗口");
        var p = await ReceiveAsync(clerk, Application("audio-video-retail", "establish", AudioVideoMaterials));
        var steps = await Api.CountAsync("permit_steps");

        var elsewhere = await (await StepAsync(As("clerk", "郑窗口", "510104"), p, "accepted")).Expect(HttpStatusCode.Forbidden);
        Assert.That(elsewhere.Str("detail"), Does.Contain("510115"));
        await (await StepAsync(As("officer", "张执法"), p, "accepted")).Expect(HttpStatusCode.Forbidden);
        await (await As("officer", "张执法").PostJson("/api/permits", Application("audio-video-retail", "establish"))).Expect(HttpStatusCode.Forbidden);
        await (await As("clerk", "郑窗口", "510104").GetAsync($"/api/permits/{p.Str("id")}")).Expect(HttpStatusCode.Forbidden);
        await (await StepAsync(As("clerk", "郑窗口", "510104"), p, "accepted")).Expect(HttpStatusCode.Forbidden);

        Assert.That(await Api.CountAsync("permit_steps"), Is.EqualTo(steps), "refused commands write nothing");
        Assert.That((await GetAsync(clerk, p)).Str("stage"), Is.EqualTo("received"));
    }

    [Test]
    public async Task Illegal_steps_are_409_with_the_allowed_next_ones_and_stale_versions_are_409()
    {
        SetLocal(2026, 3, 2);
        var clerk = As("clerk", "冯窗口");
        var p = await ReceiveAsync(clerk, Application("audio-video-retail", "establish", AudioVideoMaterials));
        foreach (var target in new[] { "underReview", "suspended", "approved", "refused", "completed" })
        {
            var problem = await (await StepAsync(clerk, p, target, new { note = "理由", suspensionKind = "hearing", certificateNumber = "X" })).Expect(HttpStatusCode.Conflict);
            Assert.That(problem.Str("currentStage"), Is.EqualTo("received"), target);
            Assert.That(Strings(problem, "allowedNext"), Is.EqualTo(new[] { "correctionRequested", "notAccepted", "accepted" }), target);
            Assert.That(problem.Str("detail"), Does.Contain("不能转入"));
        }
        var english = Api.CreateClient();
        english.DefaultRequestHeaders.Authorization = clerk.DefaultRequestHeaders.Authorization;
        english.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var en = await (await StepAsync(english, p, "approved")).Expect(HttpStatusCode.Conflict);
        Assert.That(en.Str("detail"), Does.Contain("received").And.Contain("correction requested, not accepted, accepted"));

        var accepted = await StepOkAsync(clerk, p, "accepted");
        var stale = await (await StepAsync(clerk, p, "accepted")).Expect(HttpStatusCode.Conflict);
        Assert.That(stale.GetProperty("currentVersion").GetInt64(), Is.EqualTo(accepted.GetProperty("version").GetInt64()));

        var done = await StepOkAsync(clerk, await StepOkAsync(clerk, accepted, "refused", new { note = "经营场所不符合要求" }), "completed");
        Assert.That(Strings(done, "allowedNext"), Is.Empty);
        var after = await (await StepAsync(clerk, done, "accepted")).Expect(HttpStatusCode.Conflict);
        Assert.That(after.Str("detail"), Does.Contain("已终结"));
    }

    [Test]
    public async Task Bad_input_is_400_with_field_errors_and_writes_nothing()
    {
        SetLocal(2026, 3, 2);
        var clerk = As("clerk", "陈窗口");
        var before = await Api.CountAsync("permit_applications");

        var empty = await (await clerk.PostJson("/api/permits", new { })).Expect(HttpStatusCode.BadRequest);
        Assert.That(empty.FieldErrors("itemCode"), Is.Not.Empty);
        Assert.That(empty.FieldErrors("kind"), Is.Not.Empty);
        Assert.That(empty.FieldErrors("applicant"), Is.Not.Empty);
        var unknownItem = await (await clerk.PostJson("/api/permits", Application("no-such-item", "establish"))).Expect(HttpStatusCode.BadRequest);
        Assert.That(unknownItem.FieldErrors("itemCode")[0], Does.Contain("no-such-item"));
        var wrongKind = await (await clerk.PostJson("/api/permits", Application("commercial-performance", "establish"))).Expect(HttpStatusCode.BadRequest);
        Assert.That(wrongKind.FieldErrors("kind")[0], Does.Contain("备案"));
        var unknownMaterial = await (await clerk.PostJson("/api/permits", Application("audio-video-retail", "establish", "application", "tax-certificate"))).Expect(HttpStatusCode.BadRequest);
        Assert.That(unknownMaterial.FieldErrors("materials")[0], Does.Contain("tax-certificate"));
        var badCode = await (await clerk.PostJson("/api/permits", new
        {
            itemCode = "audio-video-retail", kind = "establish", applicant = new { name = "某店", unifiedSocialCreditCode = "91350100M000100Y44" },
        })).Expect(HttpStatusCode.BadRequest);
        Assert.That(badCode.FieldErrors("applicant.unifiedSocialCreditCode"), Is.Not.Empty);
        var malformed = await (await clerk.PostJson("/api/permits", new { itemCode = "audio-video-retail", kind = 3 })).Expect(HttpStatusCode.BadRequest);
        Assert.That(malformed.GetProperty("errors").EnumerateObject().Any(), Is.True);

        var p = await ReceiveAsync(clerk, Application("audio-video-retail", "establish", AudioVideoMaterials));
        var noReason = await (await StepAsync(clerk, p, "notAccepted")).Expect(HttpStatusCode.BadRequest);
        Assert.That(noReason.FieldErrors("note"), Is.Not.Empty);
        var noKind = await (await StepAsync(clerk, await StepOkAsync(clerk, p, "accepted"), "suspended")).Expect(HttpStatusCode.BadRequest);
        Assert.That(noKind.FieldErrors("suspensionKind"), Is.Not.Empty);
        Assert.That(await Api.CountAsync("permit_applications"), Is.EqualTo(before + 1));
    }

    [Test]
    public async Task A_hand_off_records_where_the_file_went_and_keeps_the_responsible_person()
    {
        SetLocal(2026, 3, 2);
        var first = As("clerk", "jiang");
        var second = As("clerk", "shen");
        var p = await ReceiveAsync(first, Application("publication-retail", "change", "application", "business-licence", "representative-id", "premises", "staff-qualification"));
        var before = await Api.CountAsync("permit_handoffs");
        var stranger = await (await first.PostJson($"/api/permits/{p.Str("id")}/handoffs", new
        {
            version = p.GetProperty("version").GetInt64(), toUserId = "zhou", message = "转周窗口",
        })).Expect(HttpStatusCode.BadRequest);
        Assert.That(stranger.FieldErrors("toUserId"), Has.Some.Contains("zhou 不是本辖区的在职用户"));
        var officer = await (await first.PostJson($"/api/permits/{p.Str("id")}/handoffs", new
        {
            version = p.GetProperty("version").GetInt64(), toUserId = "liofficer", message = "转执法人员",
        })).Expect(HttpStatusCode.BadRequest);
        Assert.That(officer.FieldErrors("toUserId"), Has.Some.Contains("不是窗口人员或科长"));
        Assert.That(await Api.CountAsync("permit_handoffs"), Is.EqualTo(before));

        p = await (await first.PostJson($"/api/permits/{p.Str("id")}/handoffs", new
        {
            version = p.GetProperty("version").GetInt64(), toUserId = "shen", message = "本人下午外出核查，转沈窗口继续受理",
        })).Expect(HttpStatusCode.OK);
        Assert.That((p.Str("responsibleId"), p.Str("holderId"), p.Str("holderName")), Is.EqualTo(("jiang", "shen", "沈窗口")));
        var handoff = p.GetProperty("handoffs")[0];
        Assert.That((handoff.Str("fromUserId"), handoff.Str("toUserId"), handoff.Str("toUserName"), handoff.Str("message")),
            Is.EqualTo(("jiang", "shen", "沈窗口", "本人下午外出核查，转沈窗口继续受理")));

        p = await StepOkAsync(second, p, "accepted");
        Assert.That(p.Str("responsibleId"), Is.EqualTo("jiang"), "the first-inquiry responsible person never changes");
        foreach (var clerk in new[] { first, second })
        {
            var queue = await (await clerk.GetAsync("/api/permits/queue")).Expect(HttpStatusCode.OK);
            Assert.That(queue.GetProperty("items").EnumerateArray().Select(e => e.Str("id")), Does.Contain(p.Str("id")));
        }
        var noMessage = await (await second.PostJson($"/api/permits/{p.Str("id")}/handoffs", new
        {
            version = p.GetProperty("version").GetInt64(), toUserId = "jiang", toUserName = "蒋窗口",
        })).Expect(HttpStatusCode.BadRequest);
        Assert.That(noMessage.FieldErrors("message"), Is.Not.Empty);
    }

    [Test]
    public async Task The_work_queue_puts_the_fewest_working_days_left_first()
    {
        SetLocal(2026, 3, 2);
        var clerk = As("clerk", "韩窗口");
        var cafe = await StepOkAsync(clerk, await ReceiveAsync(clerk, Application("internet-cafe", "establish", InternetCafeMaterials)), "accepted");
        var shop = await StepOkAsync(clerk, await ReceiveAsync(clerk, Application("audio-video-retail", "establish", AudioVideoMaterials)), "accepted");
        var waiting = await StepOkAsync(clerk, await ReceiveAsync(clerk, Application("printing-copying", "establish", "application")), "correctionRequested");
        SetLocal(2026, 3, 3);
        var desk = await ReceiveAsync(clerk, Application("printing-copying", "change", "application"));
        SetLocal(2026, 3, 5);

        var whole = await (await clerk.GetAsync("/api/permits/queue")).Expect(HttpStatusCode.OK);
        var queue = whole.GetProperty("items").EnumerateArray().ToArray();
        Assert.That(queue.Select(e => e.Str("id")), Is.EqualTo(new[] { shop.Str("id"), desk.Str("id"), cafe.Str("id"), waiting.Str("id") }));
        Assert.That((whole.GetProperty("total").GetInt32(), whole.GetProperty("nextCursor").ValueKind), Is.EqualTo((4, System.Text.Json.JsonValueKind.Null)));

        // Page by page, one at a time: the same order, each page saying the total, the last one without a cursor.
        var paged = new List<string>();
        string? cursor = null;
        do
        {
            var page = await (await clerk.GetAsync("/api/permits/queue?limit=1" + (cursor is null ? "" : "&cursor=" + cursor))).Expect(HttpStatusCode.OK);
            Assert.That(page.GetProperty("total").GetInt32(), Is.EqualTo(4));
            paged.AddRange(page.GetProperty("items").EnumerateArray().Select(e => e.Str("id")));
            cursor = page.GetProperty("nextCursor").ValueKind == System.Text.Json.JsonValueKind.Null ? null : page.Str("nextCursor");
        } while (cursor is not null && paged.Count < 10);
        Assert.That(paged, Is.EqualTo(queue.Select(e => e.Str("id"))));
        var tooMany = await (await clerk.GetAsync("/api/permits/queue?limit=201")).Expect(HttpStatusCode.BadRequest);
        Assert.That(tooMany.FieldErrors("limit"), Is.Not.Empty);
        await (await clerk.GetAsync("/api/permits/queue?cursor=not-a-cursor")).Expect(HttpStatusCode.BadRequest);
        Assert.That(queue.Select(e => e.GetProperty("clock").ValueKind == System.Text.Json.JsonValueKind.Null ? (int?)null : e.GetProperty("clock").GetProperty("remainingDays").GetInt32()),
            Is.EqualTo(new int?[] { 2, 3, 7, null }));
        Assert.That((queue[0].Str("clockName"), queue[1].Str("clockName")), Is.EqualTo(("promised", "correctionWindow")));
        Assert.That(queue[0].GetProperty("clock").Str("explanation"), Does.Contain("应于 2026-03-09 办结"));
        await (await As("officer", "张执法").GetAsync("/api/permits/queue")).Expect(HttpStatusCode.Forbidden);
    }
}
