using System.Net;
using System.Text.Json;
using Inspections.Api.Tests.Infrastructure;

namespace Inspections.Api.Tests.Permits;

[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class PermitWorkflowTests(string provider) : PermitFixture(provider)
{
    [Test]
    public async Task A_clerks_application_runs_from_receipt_through_correction_review_and_suspension_to_completion()
    {
        SetLocal(2026, 3, 2, 9); // Monday
        var clerk = As("clerk", "李窗口");
        var p = await ReceiveAsync(clerk, Application("audio-video-retail", "establish", "application", "business-licence"));
        Assert.That(p.Str("stage"), Is.EqualTo("received"));
        Assert.That((p.Str("responsibleId"), p.Str("holderId")), Is.EqualTo(("李窗口", "李窗口")), "the receiving clerk is the first-inquiry responsible person");
        // 音像制品管理条例 art. 32: 30 days (the catalog's 10 was a guess); the office promises 5.
        Assert.That((p.GetProperty("statutoryLimitDays").GetInt32(), p.GetProperty("promisedLimitDays").GetInt32()), Is.EqualTo((30, 5)));
        Assert.That(Strings(p, "missingMaterials"), Is.EqualTo(new[] { "representative-id", "premises" }));
        Assert.That(p.GetProperty("clocks").GetProperty("correctionWindow").Str("dueDate"), Is.EqualTo("2026-03-09"), "five working days after Monday 3-02");
        Assert.That(Promised(p).ValueKind, Is.EqualTo(JsonValueKind.Null), "no promised clock before acceptance");

        var incomplete = await (await StepAsync(clerk, p, "accepted")).Expect(HttpStatusCode.Conflict);
        Assert.That(Strings(incomplete, "missingMaterials"), Is.EqualTo(new[] { "representative-id", "premises" }));

        p = await StepOkAsync(clerk, p, "correctionRequested", new { note = "请补齐材料后再来" });
        Assert.That(Strings(p, "correctionItems"), Is.EqualTo(new[] { "representative-id", "premises" }), "every missing item named at once");
        Assert.That(Strings(p, "allowedNext"), Is.EqualTo(new[] { "notAccepted", "accepted" }));
        var second = await (await StepAsync(clerk, p, "correctionRequested")).Expect(HttpStatusCode.Conflict);
        Assert.That(Strings(second, "allowedNext"), Is.EqualTo(new[] { "notAccepted", "accepted" }));

        SetLocal(2026, 3, 4);
        p = await StepOkAsync(clerk, p, "accepted", new { materials = new[] { "representative-id", "premises" } });
        Assert.That(p.Str("acceptedOn"), Is.EqualTo("2026-03-04"));
        Assert.That(p.GetProperty("acceptedDeemed").GetBoolean(), Is.False);
        // promised 5: 3-05, 3-06, 3-09, 3-10, 3-11; statutory 30 working days (art. 82) skip Qingming 4-04..4-06: 4-16
        Assert.That((Promised(p).Str("dueDate"), Statutory(p).Str("dueDate")), Is.EqualTo(("2026-03-11", "2026-04-16")));
        Assert.That(Promised(p).Str("explanation"), Does.StartWith("受理 2026-03-04，承诺时限 5 个工作日"));

        p = await StepOkAsync(clerk, p, "underReview");
        SetLocal(2026, 3, 5);
        p = await StepOkAsync(clerk, p, "suspended", new { suspensionKind = "siteInspection", note = "现场核查经营场所" });
        Assert.That(Promised(p).Str("status"), Is.EqualTo("suspended"));
        SetLocal(2026, 3, 9);
        p = await StepOkAsync(clerk, p, "underReview");
        var suspension = p.GetProperty("suspensions")[0];
        Assert.That((suspension.Str("kind"), suspension.Str("startOn"), suspension.Str("endOn")), Is.EqualTo(("siteInspection", "2026-03-05", "2026-03-08")), "resumed on Monday: the period ends on Sunday");
        Assert.That(Promised(p).Str("dueDate"), Is.EqualTo("2026-03-13"), "two working days suspended push 3-11 to 3-13");
        Assert.That(Promised(p).GetProperty("suspendedDays").GetInt32(), Is.EqualTo(2));

        p = await StepOkAsync(clerk, p, "approved");
        SetLocal(2026, 3, 10);
        var noNumber = await (await StepAsync(clerk, p, "completed")).Expect(HttpStatusCode.BadRequest);
        Assert.That(noNumber.FieldErrors("certificateNumber"), Is.Not.Empty);
        p = await StepOkAsync(clerk, p, "completed", new { certificateNumber = "川音零字 0115-2026-007 号" });

        Assert.That((p.Str("stage"), p.Str("certificateNumber"), p.Str("completedOn")), Is.EqualTo(("completed", "川音零字 0115-2026-007 号", "2026-03-10")));
        Assert.That(Promised(p).Str("status"), Is.EqualTo("completedOnTime"));
        Assert.That(Strings(p, "allowedNext"), Is.Empty);
        var steps = p.GetProperty("history").EnumerateArray().Select(h => h.Str("toStage")).ToArray();
        Assert.That(steps, Is.EqualTo(new[] { "received", "correctionRequested", "accepted", "underReview", "suspended", "underReview", "approved", "completed" }));
        Assert.That(p.Str("responsibleId"), Is.EqualTo("李窗口"));
    }

    [Test]
    public async Task A_filing_is_completed_when_it_is_recorded()
    {
        SetLocal(2026, 3, 3);
        var clerk = As("clerk", "赵备案");
        var p = await ReceiveAsync(clerk, Application("commercial-performance", "filing", "filing-form", "performer-list", "programme", "venue-agreement"));
        Assert.That(Strings(p, "allowedNext"), Is.EqualTo(new[] { "correctionRequested", "notAccepted", "completed" }));
        p = await StepOkAsync(clerk, p, "completed", new { certificateNumber = "温演备〔2026〕12 号" });
        Assert.That((p.Str("acceptedOn"), p.Str("completedOn")), Is.EqualTo(("2026-03-03", "2026-03-03")));
        Assert.That(Promised(p).Str("status"), Is.EqualTo("completedOnTime"));
    }

    [Test]
    public async Task Without_a_correction_notice_in_five_working_days_the_application_counts_as_accepted_on_receipt()
    {
        SetLocal(2026, 3, 2, 9);
        var clerk = As("clerk", "钱窗口");
        var p = await ReceiveAsync(clerk, Application("internet-cafe", "establish", "application"));

        SetLocal(2026, 3, 9, 23); // the fifth working day, before 24:00: still at the desk
        p = await GetAsync(clerk, p);
        Assert.That(p.Str("stage"), Is.EqualTo("received"));
        Assert.That(p.GetProperty("clocks").GetProperty("correctionWindow").Str("status"), Is.EqualTo("dueSoon"));

        SetLocal(2026, 3, 10, 9);
        p = await GetAsync(clerk, p);
        Assert.That((p.Str("stage"), p.GetProperty("acceptedDeemed").GetBoolean(), p.Str("acceptedOn")), Is.EqualTo(("accepted", true, "2026-03-02")));
        // ten working days from 3-02: 3-03 … 3-16
        Assert.That(Promised(p).Str("dueDate"), Is.EqualTo("2026-03-16"));

        var late = await (await StepAsync(clerk, p, "correctionRequested")).Expect(HttpStatusCode.Conflict);
        Assert.That(late.Str("detail"), Does.Contain("视为受理").And.Contain("2026-03-09"));
        Assert.That(Strings(late, "allowedNext"), Does.Contain("underReview"));
        var stored = await GetAsync(clerk, p);
        Assert.That(stored.GetProperty("history").GetArrayLength(), Is.EqualTo(1), "the refused correction wrote nothing");

        p = await StepOkAsync(clerk, stored, "underReview");
        var steps = p.GetProperty("history").EnumerateArray().ToArray();
        Assert.That(steps.Select(s => s.Str("toStage")), Is.EqualTo(new[] { "received", "accepted", "underReview" }));
        Assert.That((steps[1].Str("actorRole"), steps[1].Str("note")), Is.EqualTo(("system", steps[1].Str("note"))));
        Assert.That(steps[1].Str("note"), Does.Contain("第三十二条"));
        Assert.That(p.Str("acceptedOn"), Is.EqualTo("2026-03-02"));
    }

    [Test]
    public async Task Within_the_window_the_clerk_may_still_ask_for_a_correction()
    {
        SetLocal(2026, 3, 2, 9);
        var clerk = As("clerk", "孙窗口");
        var p = await ReceiveAsync(clerk, Application("internet-cafe", "establish", "application"));
        SetLocal(2026, 3, 9, 16);
        p = await StepOkAsync(clerk, p, "correctionRequested");
        Assert.That(Strings(p, "correctionItems"), Has.Length.EqualTo(6));
        SetLocal(2026, 3, 20);
        p = await GetAsync(clerk, p);
        Assert.That(p.Str("stage"), Is.EqualTo("correctionRequested"), "waiting for the applicant is not deemed acceptance");
    }

    [Test]
    public async Task A_clock_across_the_Spring_Festival_with_a_suspension_and_an_extension()
    {
        SetLocal(2026, 2, 12); // Thursday before the Spring Festival (2-15 … 2-23; 2-14 and 2-28 are make-up Saturdays)
        var clerk = As("clerk", "周窗口");
        var boss = Supervisor();
        var p = await ReceiveAsync(clerk, Application("internet-cafe", "establish", InternetCafeMaterials));
        p = await StepOkAsync(clerk, p, "accepted");
        // promised 10: 2-13, 2-14, 2-24, 2-25, 2-26, 2-27, 2-28, 3-02, 3-03, 3-04; statutory 20 ends 3-18
        Assert.That((Promised(p).Str("dueDate"), Statutory(p).Str("dueDate")), Is.EqualTo(("2026-03-04", "2026-03-18")));
        Assert.That(Promised(p).Str("explanation"), Does.Contain("春节"));

        p = await StepOkAsync(clerk, p, "underReview");
        SetLocal(2026, 2, 25);
        p = await StepOkAsync(clerk, p, "suspended", new { suspensionKind = "expertReview" });
        SetLocal(2026, 2, 27);
        p = await StepOkAsync(clerk, p, "underReview");
        // 2-25 and 2-26 not counted: both clocks move by two working days
        Assert.That((Promised(p).Str("dueDate"), Statutory(p).Str("dueDate")), Is.EqualTo(("2026-03-06", "2026-03-20")));

        await (await clerk.PostJson($"/api/permits/{p.Str("id")}/extensions",
            new { version = p.GetProperty("version").GetInt64(), reason = "需组织专家论证" })).Expect(HttpStatusCode.Forbidden);
        var noReason = await (await boss.PostJson($"/api/permits/{p.Str("id")}/extensions",
            new { version = p.GetProperty("version").GetInt64() })).Expect(HttpStatusCode.BadRequest);
        Assert.That(noReason.FieldErrors("reason"), Is.Not.Empty);
        p = await (await boss.PostJson($"/api/permits/{p.Str("id")}/extensions",
            new { version = p.GetProperty("version").GetInt64(), reason = "消防意见需复核" })).Expect(HttpStatusCode.OK);
        // +10 working days after 3-20: 3-23 … 3-27, 3-30, 3-31, 4-01, 4-02, 4-03 (Qingming starts 4-04)
        Assert.That(Statutory(p).Str("dueDate"), Is.EqualTo("2026-04-03"));
        Assert.That(Statutory(p).GetProperty("extensionDays").GetInt32(), Is.EqualTo(10));
        Assert.That(Statutory(p).Str("explanation"), Does.Contain("批准延长 10 个工作日（消防意见需复核）").And.Contain("中止 2 个工作日"));
        Assert.That(Promised(p).Str("dueDate"), Is.EqualTo("2026-03-06"), "the promised limit is never extended");
        var again = await (await boss.PostJson($"/api/permits/{p.Str("id")}/extensions",
            new { version = p.GetProperty("version").GetInt64(), reason = "再延长" })).Expect(HttpStatusCode.Conflict);
        Assert.That(again.Str("detail"), Does.Contain("已经延长"));

        SetLocal(2026, 3, 9);
        var queue = await (await clerk.GetAsync("/api/permits/queue")).Expect(HttpStatusCode.OK);
        var entry = queue.GetProperty("items").EnumerateArray().Single(e => e.Str("id") == p.Str("id"));
        Assert.That((entry.GetProperty("clock").Str("status"), entry.GetProperty("clock").GetProperty("remainingDays").GetInt32()), Is.EqualTo(("overdue", -1)));

        var scan = await (await As("admin", "管理员").PostAsync("/api/alerts/scan", null)).Expect(HttpStatusCode.OK);
        Assert.That(scan.GetProperty("overdue").GetInt32(), Is.GreaterThanOrEqualTo(1));
        var alerts = await (await clerk.GetAsync("/api/alerts?subjectType=permit")).Expect(HttpStatusCode.OK);
        Assert.That(alerts.GetProperty("items").EnumerateArray().Any(a => a.Str("subjectId") == p.Str("id") && a.Str("kind") == "overdue"), Is.True);

        SetLocal(2026, 3, 10);
        p = await StepOkAsync(clerk, p, "approved");
        p = await StepOkAsync(clerk, p, "completed", new { certificateNumber = "川网文〔2026〕0115-031 号" });
        Assert.That(Promised(p).Str("status"), Is.EqualTo("completedLate"));
        Assert.That(Statutory(p).Str("status"), Is.EqualTo("completedOnTime"));
        var records = await (await boss.GetAsync("/api/permits/accountability?clerkId=周窗口")).Expect(HttpStatusCode.OK);
        var record = records.EnumerateArray().Single();
        Assert.That((record.Str("reason"), record.Str("dueDate"), record.GetProperty("overdueDays").GetInt32()), Is.EqualTo(("completedLate", "2026-03-06", 2)));
    }
}
