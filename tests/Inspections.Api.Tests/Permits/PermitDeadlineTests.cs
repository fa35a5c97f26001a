using System.Net;
using System.Text.Json;
using Inspections.Api.Tests.Infrastructure;

namespace Inspections.Api.Tests.Permits;

/// <summary>
/// The licensing side of docs/deadlines.md, row by row, through the host on the State Council's holiday
/// arrangements: National Day 2025 (holiday 10-01..10-08, make-up working days Sun 09-28 and Sat 10-11) and
/// 2026 (Mid-Autumn 09-25..09-27, National Day 10-01..10-07, make-up Sun 09-20 and Sat 10-10). Every limit
/// here counts working days (行政许可法 art. 82; the café regulation says 工作日 itself).
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class PermitDeadlineTests(string provider) : PermitFixture(provider)
{
    private static JsonElement ClockOf(JsonElement p, string name) => p.GetProperty("clocks").GetProperty(name);

    private static readonly string[] EntertainmentMaterials =
        ["application", "business-licence", "representative-id", "premises", "fire-safety", "environment", "floor-plan"];

    private static readonly string[] FinalReviewMaterials =
        ["application", "preparatory-approval", "network-security", "fire-safety", "business-licence"];

    [Test]
    public async Task Art_32_the_correction_window_of_five_working_days_from_09_30_runs_to_10_14()
    {
        SetLocal(2025, 9, 30);
        var p = await ReceiveAsync(As("clerk", "窗口甲"), Application("audio-video-retail", "establish", "application"));
        Assert.That(ClockOf(p, "correctionWindow").Str("dueDate"), Is.EqualTo("2025-10-14"));
    }

    [Test]
    public async Task Internet_cafe_art_11_preparatory_approval_in_20_working_days_and_final_review_in_15()
    {
        SetLocal(2025, 9, 30);
        var clerk = As("clerk", "窗口乙");
        var preparatory = await StepOkAsync(clerk, await ReceiveAsync(clerk, Application("internet-cafe", "establish", InternetCafeMaterials)), "accepted");
        Assert.That((preparatory.GetProperty("statutoryLimitDays").GetInt32(), ClockOf(preparatory, "statutory").Str("dueDate")), Is.EqualTo((20, "2025-11-04")));
        var final = await StepOkAsync(clerk, await ReceiveAsync(clerk, Application("internet-cafe-final-review", "establish", FinalReviewMaterials)), "accepted");
        // 10-09, 10-10, 10-11 (Sat, worked), 10-13 … 15 working days: 10-28.
        Assert.That((final.GetProperty("statutoryLimitDays").GetInt32(), ClockOf(final, "statutory").Str("dueDate")), Is.EqualTo((15, "2025-10-28")));
        Assert.That(ClockOf(final, "statutory").Str("explanation"), Does.Contain("法定时限 15 个工作日").And.Contain("国庆节、中秋节假期顺延"));
    }

    [Test]
    public async Task Printing_regulation_art_11_sixty_days_and_publication_retail_twenty_from_09_30()
    {
        SetLocal(2025, 9, 30);
        var clerk = As("clerk", "窗口己");
        var printing = await StepOkAsync(clerk, await ReceiveAsync(clerk,
            Application("printing-copying", "establish", "application", "business-licence", "representative-id", "premises", "equipment")), "accepted");
        // October: 10-09, 10-10, Sat 10-11, then 15 weekdays (18); November 20 (38); December 1st to 30th 22 (60).
        Assert.That((printing.GetProperty("statutoryLimitDays").GetInt32(), ClockOf(printing, "statutory").Str("dueDate")), Is.EqualTo((60, "2025-12-30")));
        var publications = await StepOkAsync(clerk, await ReceiveAsync(clerk,
            Application("publication-retail", "establish", "application", "business-licence", "representative-id", "premises", "staff-qualification")), "accepted");
        Assert.That(ClockOf(publications, "statutory").Str("dueDate"), Is.EqualTo("2025-11-04"));
    }

    [Test]
    public async Task Performance_regulation_art_13_three_days_from_09_30_end_on_the_make_up_Saturday_10_11()
    {
        SetLocal(2025, 9, 30);
        var clerk = As("clerk", "窗口丙");
        var p = await StepOkAsync(clerk, await ReceiveAsync(clerk,
            Application("commercial-performance-approval", "establish", "application", "performer-list", "programme", "venue-agreement")), "accepted");
        Assert.That(ClockOf(p, "statutory").Str("dueDate"), Is.EqualTo("2025-10-11"));
        Assert.That(ClockOf(p, "statutory").Str("explanation"), Does.Contain("调休上班日"));
    }

    [Test]
    public async Task Art_44_the_certificate_is_issued_and_served_within_ten_working_days_of_the_approval()
    {
        SetLocal(2025, 9, 24);
        var clerk = As("clerk", "窗口丁");
        var p = await StepOkAsync(clerk, await ReceiveAsync(clerk, Application("audio-video-retail", "establish", AudioVideoMaterials)), "accepted");
        Assert.That(ClockOf(p, "certificate").ValueKind, Is.EqualTo(JsonValueKind.Null), "no certificate clock before the approval");
        SetLocal(2025, 9, 26);
        p = await StepOkAsync(clerk, p, "approved");
        Assert.That(p.Str("decidedOn"), Is.EqualTo("2025-09-26"));
        Assert.That(ClockOf(p, "statutory").Str("status"), Is.EqualTo("completedOnTime"), "the statutory limit binds the decision (art. 42)");
        var certificate = ClockOf(p, "certificate");
        // Sun 09-28 make-up, 09-29, 09-30, 10-09, 10-10, Sat 10-11, 10-13, 10-14, 10-15, 10-16.
        Assert.That((certificate.Str("dueDate"), certificate.GetProperty("limitDays").GetInt32()), Is.EqualTo(("2025-10-16", 10)));
        Assert.That(certificate.Str("explanation"), Does.StartWith("准予许可 2025-09-26，发证送达期限 10 个工作日"));

        SetLocal(2025, 10, 17);
        Assert.That(ClockOf(await GetAsync(clerk, p), "certificate").Str("status"), Is.EqualTo("overdue"));
        await (await As("admin", "管理员").PostAsync("/api/alerts/scan", null)).Expect(HttpStatusCode.OK);
        var alerts = await (await clerk.GetAsync("/api/alerts?subjectType=permit&kind=overdue")).Expect(HttpStatusCode.OK);
        Assert.That(alerts.GetProperty("items").EnumerateArray().Any(a => a.Str("subjectId") == p.Str("id")), Is.True, "the scan watches the certificate limit");
        p = await StepOkAsync(clerk, await GetAsync(clerk, p), "completed", new { certificateNumber = "川音零字 0115-2025-031 号" });
        Assert.That(ClockOf(p, "certificate").Str("status"), Is.EqualTo("completedLate"));
    }

    [Test]
    public async Task Entertainment_venue_regulation_art_10_needs_a_hearing_whose_time_art_45_does_not_count()
    {
        SetLocal(2026, 9, 15);
        var clerk = As("clerk", "窗口戊");
        var p = await StepOkAsync(clerk, await ReceiveAsync(clerk, Application("entertainment-venue", "establish", EntertainmentMaterials)), "accepted");
        Assert.That(p.Str("hearingBasis"), Does.StartWith("《娱乐场所管理条例》第十条"));
        Assert.That(ClockOf(p, "statutory").Str("dueDate"), Is.EqualTo("2026-10-19"), "20 working days over Mid-Autumn and National Day 2026");
        var before = await Api.CountAsync("permit_steps");
        var noHearing = await (await StepAsync(clerk, p, "approved")).Expect(HttpStatusCode.Conflict);
        Assert.That(noHearing.Str("detail"), Does.Contain("须举行听证"));
        Assert.That(noHearing.GetProperty("hearingRequired").GetBoolean(), Is.True);
        Assert.That(await Api.CountAsync("permit_steps"), Is.EqualTo(before));

        SetLocal(2026, 9, 16);
        p = await StepOkAsync(clerk, p, "suspended", new { suspensionKind = "hearing", note = "依《娱乐场所管理条例》第十条举行听证" });
        SetLocal(2026, 9, 24);
        p = await StepOkAsync(clerk, p, "underReview");
        // 09-16..09-23 not counted: 7 working days (Sun 09-20 is worked), so 10-19 moves to 10-28.
        Assert.That((ClockOf(p, "statutory").Str("dueDate"), ClockOf(p, "statutory").GetProperty("suspendedDays").GetInt32()), Is.EqualTo(("2026-10-28", 7)));
        p = await StepOkAsync(clerk, p, "approved");
        Assert.That(p.Str("stage"), Is.EqualTo("approved"));
    }
}
