using System.Net;
using System.Text.Json;
using Inspections.Api.Auth;
using Inspections.Api.Tests.Cases;
using Inspections.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Inspections.Api.Tests.InspectionsFeature;

/// <summary>
/// GET /api/alerts/my-deadlines: the caller's own due-soon and overdue work on today's Beijing date, read from the
/// stored clocks without waiting for the deadline scan — here a rectification notice 责令整改通知 the officer issued,
/// which turns due soon three days before its limit, overdue the day after, and leaves the list once checked.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class MyDeadlineTests(string provider) : ApiFixture(provider)
{
    private SettableClock Clock { get; } = new() { Now = new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.FromHours(8)) };

    protected override IEnumerable<TestUser> FixtureUsers => Officers.Of();

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton(sp => new TokenIssuer(sp.GetRequiredService<AuthOptions>(), TimeProvider.System));
    }

    private void SetLocal(int month, int day, int hour = 10) => Clock.Now = new DateTimeOffset(2026, month, day, hour, 0, 0, TimeSpan.FromHours(8));

    private static readonly string[] Items = ["IC-LIC", "IC-MINOR", "IC-SIGN", "IC-HOURS", "IC-ID", "IC-CONTENT", "IC-FIRE"];

    private async Task<(string Id, long Version)> NoticeAsync(string venueName, string issuedOn, int limitDays)
    {
        var venue = await (await Api.Client("officer").PostJson("/api/venues", new Dictionary<string, object?>
        {
            ["name"] = venueName, ["address"] = "温江区永宁街道", ["type"] = "internetCafe",
            ["licenseStatus"] = "licensed", ["licenseNumber"] = Licences.Unique("川网文 0115 号"),
        })).Expect(HttpStatusCode.Created);
        var start = new DateTimeOffset(DateOnly.Parse(issuedOn).ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8));
        var created = await (await Api.ZhangSanClient().PostJson("/api/inspections", new Dictionary<string, object?>
        {
            ["venueId"] = venue.Str("id"), ["kind"] = "routine", ["startedAt"] = start, ["endedAt"] = start.AddMinutes(30),
            ["officers"] = new[] { Officers.ZhangSanOnForm, Officers.LiSiOnForm },
            ["results"] = Items.Select(c => new { itemCode = c, result = c == "IC-MINOR" ? "violation" : "compliant", note = c == "IC-MINOR" ? "发现未成年人" : null }),
            ["outcome"] = "rectificationNotice",
            ["rectification"] = new { issuedOn, limitDays, requirements = "清退未成年人" },
        })).Expect(HttpStatusCode.Created);
        return (created.Str("id"), created.GetProperty("version").GetInt64());
    }

    private async Task<List<JsonElement>> MineAsync(HttpClient client, string query = "") =>
        (await (await client.GetAsync("/api/alerts/my-deadlines" + query)).Expect(HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().ToList();

    [Test]
    public async Task A_notice_i_issued_is_mine_due_soon_then_overdue_until_it_is_checked()
    {
        SetLocal(3, 2, 12);
        var (id, version) = await NoticeAsync("预警网吧", "2026-03-02", 15); // due 2026-03-17
        var later = await NoticeAsync("远期网吧", "2026-03-02", 60);
        var me = Api.ZhangSanClient();
        var colleague = Api.As(Officers.Id(Officers.LiSi), Officers.Name(Officers.LiSi), Officers.Credential(Officers.LiSi));

        SetLocal(3, 10);
        Assert.That(await MineAsync(me), Is.Empty, "a week before the limit there is nothing to do yet");

        SetLocal(3, 15);
        var dueSoon = (await MineAsync(me)).Single();
        Assert.Multiple(() =>
        {
            Assert.That(dueSoon.Str("subjectId"), Is.EqualTo(id));
            Assert.That(dueSoon.Str("subjectType"), Is.EqualTo("notice"));
            Assert.That(dueSoon.Str("clock"), Is.EqualTo("notice"));
            Assert.That(dueSoon.Str("status"), Is.EqualTo("dueSoon"));
            Assert.That(dueSoon.Str("dueOn"), Is.EqualTo("2026-03-17"));
            Assert.That(dueSoon.Str("title"), Does.Contain("预警网吧"));
            Assert.That(dueSoon.Str("explanation"), Does.Contain("整改期限").And.Contain("2026-03-17"));
            Assert.That(dueSoon.Str("apiPath"), Is.EqualTo($"/api/inspections/{id}"));
            Assert.That(dueSoon.Str("pagePath"), Is.EqualTo($"/inspections/{id}"));
        });
        Assert.That(await MineAsync(colleague), Is.Empty, "the colleague on the form did not issue it");
        Assert.That(await MineAsync(me, "?status=overdue"), Is.Empty);

        SetLocal(3, 18);
        var overdue = (await MineAsync(me, "?status=overdue")).Single();
        Assert.That(overdue.Str("subjectId"), Is.EqualTo(id));
        Assert.That(await MineAsync(me, "?status=dueSoon"), Is.Empty);
        Assert.That(await MineAsync(me, "?subjectType=case"), Is.Empty);
        // Read from the clocks, not the alerts: no scan has run.
        Assert.That(await Api.CountAsync("alerts"), Is.Zero);

        await (await me.PostJson($"/api/inspections/{id}/rectification-check", new { version, result = "rectified", checkedOn = "2026-03-18" }))
            .Expect(HttpStatusCode.OK);
        Assert.That(await MineAsync(me), Is.Empty, "a checked notice is done");

        // Both, a page at a time by due date.
        SetLocal(5, 5, 12);
        var (again, _) = await NoticeAsync("再次网吧", "2026-05-05", 1);
        SetLocal(5, 6);
        var first = await (await me.GetAsync("/api/alerts/my-deadlines?limit=1")).Expect(HttpStatusCode.OK);
        Assert.That(first.GetProperty("items")[0].Str("subjectId"), Is.EqualTo(later.Id), "due 2026-05-01, the earlier date");
        var cursor = first.GetProperty("nextCursor").GetString();
        var second = await (await me.GetAsync("/api/alerts/my-deadlines?limit=1&cursor=" + cursor)).Expect(HttpStatusCode.OK);
        Assert.That(second.GetProperty("items")[0].Str("subjectId"), Is.EqualTo(again));
        Assert.That(second.GetProperty("nextCursor").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [TestCase("status=late", "status")]
    [TestCase("subjectType=venue", "subjectType")]
    [TestCase("limit=0", "limit")]
    [TestCase("limit=201", "limit")]
    [TestCase("cursor=xyz", "cursor")]
    public async Task Bad_filters_are_field_errors(string query, string field)
    {
        var problem = await (await Api.ZhangSanClient().GetAsync("/api/alerts/my-deadlines?" + query)).Expect(HttpStatusCode.BadRequest);
        Assert.That(problem.FieldErrors(field), Is.Not.Empty, problem.ToString());
    }

    /// <summary>
    /// A notice's deadline is titled with its venue's name: renaming the venue renames it, and an update that leaves the
    /// name alone (here the operator) leaves the stored clock alone (the fixture's teardown compares every stored clock
    /// with one computed afresh, so a rename the clocks missed fails there too).
    /// </summary>
    [Test]
    public async Task Renaming_the_venue_renames_its_notice_deadline_and_other_updates_leave_it()
    {
        SetLocal(3, 2, 12);
        var (id, _) = await NoticeAsync("旧名网吧", "2026-03-02", 15);
        var me = Api.ZhangSanClient();
        var venueId = (await (await me.GetAsync($"/api/inspections/{id}")).Expect(HttpStatusCode.OK)).Str("venueId");
        async Task<JsonElement> UpdateAsync(string name, string operatorName)
        {
            var venue = await (await me.GetAsync($"/api/venues/{venueId}")).Expect(HttpStatusCode.OK);
            return await (await me.PutJson($"/api/venues/{venueId}", new Dictionary<string, object?>
            {
                ["name"] = name, ["address"] = venue.Str("address"), ["type"] = venue.Str("type"), ["operatorName"] = operatorName,
                ["licenseStatus"] = venue.Str("licenseStatus"), ["licenseNumber"] = venue.Str("licenseNumber"),
                ["version"] = venue.GetProperty("version").GetInt64(),
            })).Expect(HttpStatusCode.OK);
        }
        async Task<string> TitleAsync() => (await MineAsync(me, "?status=dueSoon")).Single(d => d.Str("subjectId") == id).Str("title");

        SetLocal(3, 15);
        Assert.That(await TitleAsync(), Does.Contain("旧名网吧"));
        var kept = await UpdateAsync("旧名网吧", "新经营者");
        Assert.That(kept.Str("operatorName"), Is.EqualTo("新经营者"));
        Assert.That(await TitleAsync(), Does.Contain("旧名网吧"));
        await UpdateAsync(" 新名网吧 ", "新经营者");
        Assert.That(await TitleAsync(), Does.Contain("新名网吧").And.Not.Contain("旧名"));
    }

    [Test]
    public async Task An_admin_has_no_deadlines_of_their_own_to_list() =>
        await (await Api.Client("admin").GetAsync("/api/alerts/my-deadlines")).Expect(HttpStatusCode.Forbidden);
}
