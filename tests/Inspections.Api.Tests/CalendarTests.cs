using System.Net;
using System.Text.Json;
using Inspections.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Inspections.Api.Tests;

[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class CalendarTests(string provider) : ApiFixture(provider)
{
    private static string[] Dates(JsonElement year, string kind) =>
        year.GetProperty("days").EnumerateArray().Where(d => d.Str("kind") == kind).Select(d => d.Str("date")).ToArray();

    [Test]
    public async Task The_seeded_2026_calendar_matches_the_State_Council_notice()
    {
        var year = await (await Api.Client("clerk").GetAsync("/api/calendars/2026")).Expect(HttpStatusCode.OK);
        var holidays = Dates(year, "holiday");
        var workdays = Dates(year, "workday");
        // 元旦 3 + 春节 9 + 清明 3 + 劳动节 5 + 端午 3 + 中秋 3 + 国庆 7
        Assert.That(holidays, Has.Length.EqualTo(33));
        Assert.That(workdays, Is.EqualTo(new[] { "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10" }));
        Assert.That(holidays, Does.Contain("2026-02-15").And.Contain("2026-02-23").And.Contain("2026-10-07").And.Contain("2026-06-19"));
        Assert.That(holidays, Does.Not.Contain("2026-02-24"));
    }

    [Test]
    public async Task The_seeded_2025_calendar_matches_the_State_Council_notice()
    {
        var year = await (await Api.Client("clerk").GetAsync("/api/calendars/2025")).Expect(HttpStatusCode.OK);
        // 元旦 1 + 春节 8 + 清明 3 + 劳动节 5 + 端午 3 + 国庆中秋 8
        Assert.That(Dates(year, "holiday"), Has.Length.EqualTo(28));
        Assert.That(Dates(year, "workday"), Is.EqualTo(new[] { "2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11" }));
    }

    [Test]
    public async Task A_year_not_loaded_is_404_and_says_the_calendar_is_missing()
    {
        var problem = await (await Api.Client("clerk").GetAsync("/api/calendars/2031")).Expect(HttpStatusCode.NotFound);
        Assert.That(problem.Str("detail"), Does.Contain("2031").And.Contain("未加载"));
    }

    [Test]
    public async Task Five_working_days_from_Feb_12_2026_skip_the_Spring_Festival()
    {
        // 2-13 Fri (1), 2-14 Sat make-up (2), 2-15..23 holidays, 2-24 (3), 2-25 (4), 2-26 (5)
        var answer = await (await Api.Client("clerk").GetAsync("/api/calendars/add-working-days?date=2026-02-12&days=5")).Expect(HttpStatusCode.OK);
        Assert.That(answer.Str("result"), Is.EqualTo("2026-02-26"));
        Assert.That(answer.GetProperty("calendarMissing").GetBoolean(), Is.False);
        Assert.That(answer.GetProperty("holidaysCrossed").EnumerateArray().Select(e => e.GetString()), Does.Contain("春节"));
    }

    [Test]
    public async Task One_working_day_after_new_years_eve_2025_is_the_make_up_Sunday()
    {
        var answer = await (await Api.Client("officer").GetAsync("/api/calendars/add-working-days?date=2025-12-31&days=1")).Expect(HttpStatusCode.OK);
        Assert.That(answer.Str("result"), Is.EqualTo("2026-01-04"));
        Assert.That(answer.GetProperty("resultIsMakeUpWorkday").GetBoolean(), Is.True);
    }

    [Test]
    public async Task Working_days_across_National_Day_2026_count_the_make_up_Saturday()
    {
        // 10-1..7 holidays; 10-8 (1), 10-9 (2), 10-10 Sat make-up (3), 10-12 Mon (4)
        var answer = await (await Api.Client("clerk").GetAsync("/api/calendars/working-days?from=2026-09-30&to=2026-10-12")).Expect(HttpStatusCode.OK);
        Assert.That(answer.GetProperty("workingDaysBetween").GetInt32(), Is.EqualTo(4));
    }

    [Test]
    public async Task An_answer_relying_on_an_unloaded_year_is_flagged_not_guessed_silently()
    {
        var answer = await (await Api.Client("clerk").GetAsync("/api/calendars/add-working-days?date=2029-01-05&days=3")).Expect(HttpStatusCode.OK);
        Assert.That(answer.GetProperty("calendarMissing").GetBoolean(), Is.True);
        Assert.That(answer.GetProperty("missingYears").EnumerateArray().Select(e => e.GetInt32()), Is.EqualTo(new[] { 2029 }));
        Assert.That(answer.Str("warning"), Does.Contain("2029").And.Contain("未加载"));
    }

    [Test]
    public async Task Bad_questions_get_field_errors()
    {
        var clerk = Api.Client("clerk");
        var missing = await (await clerk.GetAsync("/api/calendars/add-working-days?days=3")).Expect(HttpStatusCode.BadRequest);
        Assert.That(missing.FieldErrors("date"), Is.Not.Empty);
        var malformed = await (await clerk.GetAsync("/api/calendars/add-working-days?date=2026-13-45&days=3")).Expect(HttpStatusCode.BadRequest);
        Assert.That(malformed.FieldErrors("date"), Is.Not.Empty);
        var backwards = await (await clerk.GetAsync("/api/calendars/working-days?from=2026-03-01&to=2026-02-01")).Expect(HttpStatusCode.BadRequest);
        Assert.That(backwards.FieldErrors("to"), Is.Not.Empty);
    }

    private static object Year(int year, long? version, params (string Date, string Kind, string Name)[] days) => new
    {
        version,
        source = "测试通知",
        days = days.Select(d => new { date = d.Date, kind = d.Kind, name = d.Name }).ToArray(),
    };

    [Test]
    public async Task An_admin_loads_a_new_year_and_replaces_it_with_its_version()
    {
        var admin = Api.Client("admin");
        var created = await (await admin.PutJson("/api/calendars/2027", Year(2027, null,
            ("2027-01-01", "holiday", "元旦"), ("2027-02-06", "workday", "春节调休上班")))).Expect(HttpStatusCode.OK);
        Assert.That(created.GetProperty("version").GetInt64(), Is.EqualTo(1));

        var flagged = await (await admin.GetAsync("/api/calendars/add-working-days?date=2026-12-31&days=1")).Expect(HttpStatusCode.OK);
        Assert.That(flagged.GetProperty("calendarMissing").GetBoolean(), Is.False);
        Assert.That(flagged.Str("result"), Is.EqualTo("2027-01-04"), "1-1 is a holiday, 1-2/1-3 the weekend");

        var stale = await (await admin.PutJson("/api/calendars/2027", Year(2027, 7, ("2027-01-01", "holiday", "元旦")))).Expect(HttpStatusCode.Conflict);
        Assert.That(stale.GetProperty("currentVersion").GetInt64(), Is.EqualTo(1));
        await (await admin.PutJson("/api/calendars/2027", Year(2027, null, ("2027-01-01", "holiday", "元旦")))).Expect(HttpStatusCode.Conflict);

        var replaced = await (await admin.PutJson("/api/calendars/2027", Year(2027, 1, ("2027-01-01", "holiday", "元旦")))).Expect(HttpStatusCode.OK);
        Assert.That(replaced.GetProperty("version").GetInt64(), Is.EqualTo(2));
        Assert.That(replaced.GetProperty("days").GetArrayLength(), Is.EqualTo(1));
        var trail = await (await Api.Client("supervisor").GetAsync("/api/audit?entityType=calendar&entityId=2027")).Expect(HttpStatusCode.OK);
        Assert.That(trail.GetArrayLength(), Is.EqualTo(2));
    }

    private static IEnumerable<TestCaseData> InvalidYears()
    {
        yield return new TestCaseData(Year(2030, null, ("2030-01-02", "workday", "调休")), "周六或周日").SetName("{m}(make-up day on a Wednesday)");
        yield return new TestCaseData(Year(2030, null, ("2030-01-05", "holiday", "假"), ("2030-01-05", "workday", "班")), "").SetName("{m}(holiday and make-up day at once)");
        yield return new TestCaseData(Year(2030, null, ("2031-01-01", "holiday", "元旦")), "").SetName("{m}(date outside the year)");
        yield return new TestCaseData(Year(2030, null, ("2030-01-01", "vacation", "元旦")), "holiday").SetName("{m}(unknown kind)");
        yield return new TestCaseData(Year(2030, null, ("2030-01-01", "holiday", "")), "").SetName("{m}(nameless day)");
    }

    [TestCaseSource(nameof(InvalidYears))]
    public async Task An_invalid_year_is_refused_whole_and_nothing_is_written(object body, string messagePart)
    {
        var before = await Api.CountAsync("calendar_days");
        var problem = await (await Api.Client("admin").PutJson("/api/calendars/2030", body)).Expect(HttpStatusCode.BadRequest);
        var messages = problem.GetProperty("errors").EnumerateObject().SelectMany(p => p.Value.EnumerateArray().Select(m => m.GetString()!)).ToList();
        Assert.That(messages, Is.Not.Empty);
        Assert.That(messages, Has.Some.Contains(messagePart));
        Assert.That(await Api.CountAsync("calendar_days"), Is.EqualTo(before));
        await (await Api.Client("admin").GetAsync("/api/calendars/2030")).Expect(HttpStatusCode.NotFound);
    }

    [TestCase("officer")]
    [TestCase("clerk")]
    [TestCase("supervisor")]
    public async Task Only_admins_edit_the_calendar(string role)
    {
        await (await Api.Client(role).PutJson("/api/calendars/2032", Year(2032, null, ("2032-01-01", "holiday", "元旦"))))
            .Expect(HttpStatusCode.Forbidden);
    }
}

/// <summary>The readiness check warns about next year's calendar from December 1st.</summary>
public sealed class CalendarHealthTests
{
    private static async Task<JsonElement> ReadyAt(DateTimeOffset now)
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        await using var api = new ApiFactory(db.Options, services: s => s.AddSingleton<TimeProvider>(new FakeTimeProvider(now)));
        var response = await api.Client(null).GetAsync("/health/ready");
        return await response.Expect(HttpStatusCode.OK);
    }

    [Test]
    public async Task On_November_30_the_calendar_is_healthy()
    {
        var report = await ReadyAt(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.FromHours(8)));
        Assert.That(report.GetProperty("checks").GetProperty("calendar").Str("status"), Is.EqualTo("Healthy"));
    }

    [Test]
    public async Task From_December_1_a_missing_next_year_is_reported()
    {
        var report = await ReadyAt(new DateTimeOffset(2026, 12, 1, 0, 30, 0, TimeSpan.FromHours(8)));
        var calendar = report.GetProperty("checks").GetProperty("calendar");
        Assert.That(calendar.Str("status"), Is.EqualTo("Degraded"));
        Assert.That(calendar.Str("description"), Does.Contain("2027"));
        Assert.That(report.Str("status"), Is.EqualTo("Degraded"));
    }
}
