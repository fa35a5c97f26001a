using System.Net;
using System.Text.Json;
using Inspections.Api.Tests.Infrastructure;

namespace Inspections.Api.Tests.Permits;

/// <summary>
/// Whether an application was completed on time is stored at completion (migration 0025), and follows the working calendar
/// as the stored deadline clocks do: an admin replacing the year writes it again in the same transaction.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class PermitFactCalendarTests(string provider) : PermitFixture(provider)
{
    private static (int, int, decimal?, decimal?) OnTime(JsonElement figures)
    {
        var row = figures.GetProperty("onTime");
        return (row.GetProperty("completed").GetInt32(), row.GetProperty("onTime").GetInt32(),
            row.GetProperty("averageUsedDays").GetDecimal(), row.GetProperty("averagePromisedDays").GetDecimal());
    }

    [Test]
    public async Task A_completion_late_under_the_old_calendar_is_on_time_once_the_admin_adds_holidays_inside_its_limit()
    {
        var clerk = As("clerk", "甲窗口");
        SetLocal(2026, 3, 2);
        var p = await StepOkAsync(clerk, await ReceiveAsync(clerk, Application("audio-video-retail", "establish", AudioVideoMaterials)), "accepted");
        // Accepted Mon 03-02, 5 working days → due Mon 03-09; completed Wed 03-11: 7 working days used, late.
        SetLocal(2026, 3, 11);
        await StepOkAsync(clerk, await StepOkAsync(clerk, p, "approved"), "completed", new { certificateNumber = "川音零 0115-901" });
        SetLocal(2026, 3, 20);
        async Task<JsonElement> Figures() =>
            await (await Supervisor().GetAsync("/api/permits/figures?from=2026-03-01&to=2026-03-31")).Expect(HttpStatusCode.OK);
        Assert.That(OnTime(await Figures()), Is.EqualTo((1, 0, 7m, 5m)));

        // Tue 03-03 and Wed 03-04 made holidays: the limit now ends on 03-11, the day of completion, and 5 days were used.
        var admin = Api.Client("admin");
        var current = await (await admin.GetAsync("/api/calendars/2026")).Expect(HttpStatusCode.OK);
        var days = current.GetProperty("days").EnumerateArray()
            .Select(d => new { date = d.Str("date"), kind = d.Str("kind"), name = d.Str("name") })
            .Append(new { date = "2026-03-03", kind = "holiday", name = "测试假日" })
            .Append(new { date = "2026-03-04", kind = "holiday", name = "测试假日" })
            .ToArray();
        await (await admin.PutJson("/api/calendars/2026", new { version = current.GetProperty("version").GetInt64(), source = "测试通知", days }))
            .Expect(HttpStatusCode.OK);
        Assert.That(OnTime(await Figures()), Is.EqualTo((1, 1, 5m, 5m)));
    }
}
