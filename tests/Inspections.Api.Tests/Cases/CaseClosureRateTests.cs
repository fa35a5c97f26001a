using System.Net;
using System.Text.Json;
using Inspections.Api.Tests.Infrastructure;
using Inspections.Api.Tests.InspectionsFeature;

namespace Inspections.Api.Tests.Cases;

/// <summary>
/// Hand-counted fixtures for the first half of 2026 (each case's story is in its comment), checked
/// against the closure-rate query as of June 30 and as of July 31.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class CaseClosureRateTests(string provider) : CaseFixture(provider)
{
    private const string Period = "from=2026-01-01&to=2026-06-30";
    private bool _built;

    private async Task<JsonElement> At(int year, int month, int day, JsonElement c, params string[] steps)
    {
        SetLocal(year, month, day);
        foreach (var step in steps) c = await StepOkAsync(Supervisor(), c, step, Sections(Today));
        return c;
    }

    private async Task<JsonElement> Filed(int year, int month, int day, HttpClient? officer = null, string violation = "cafe-minors-admitted")
    {
        SetLocal(year, month, day);
        var lead = await (await (officer ?? Officer()).PostJson("/api/cases", Lead(violation))).Expect(HttpStatusCode.Created);
        return await StepOkAsync(Supervisor(), lead, "filed");
    }

    private static readonly string[] ToDecision = ["investigation", "legalReview", "priorNotice", "decided"];
    private static readonly string[] AfterDecision = ["served", "executed"];

    private async Task BuildAsync()
    {
        if (_built) return;
        _built = true;
        // A: filed 2025-12-10, still open on 01-01, closed 02-10 → carried over.
        var a = await Filed(2025, 12, 10);
        a = await At(2026, 2, 5, a, [.. ToDecision, .. AfterDecision]);
        await At(2026, 2, 10, a, "closed");
        // B: filed 01-05, decided 01-15, closed 01-20 → closed on time; reconsideration 02-01, upheld 03-01.
        var b = await Filed(2026, 1, 5);
        b = await At(2026, 1, 15, b, [.. ToDecision, .. AfterDecision]);
        b = await At(2026, 1, 20, b, "closed");
        SetLocal(2026, 3, 1);
        await RecordAsync(Supervisor(), b, "challenges", new { kind = "reconsideration", authority = "温江区人民政府", filedOn = "2026-02-01", outcome = "upheld", decidedOn = "2026-03-01" });
        // C: filed 02-01, decided 05-15 (day 103 of 90) → closed, late; lawsuit 05-25, pending.
        var c = await Filed(2026, 2, 1);
        c = await At(2026, 5, 15, c, [.. ToDecision, .. AfterDecision]);
        c = await At(2026, 5, 20, c, "closed");
        SetLocal(2026, 5, 25);
        await RecordAsync(Supervisor(), c, "challenges", new { kind = "litigation", authority = "温江区人民法院", filedOn = "2026-05-25" });
        // D: filed 03-01, withdrawn 03-10 → out of the rate's base.
        var d = await Filed(2026, 3, 1);
        await At(2026, 3, 10, d, "withdrawn");
        // E: filed 06-20, decided 07-01, closed 07-05 → open on 06-30, closed on time by 07-31.
        var e = await Filed(2026, 6, 20);
        e = await At(2026, 7, 1, e, [.. ToDecision, .. AfterDecision]);
        await At(2026, 7, 5, e, "closed");
        // F: filed 04-01, still under investigation; referral letter to the commerce bureau 04-05.
        var f = await Filed(2026, 4, 1);
        f = await At(2026, 4, 5, f, "investigation");
        await RecordAsync(Supervisor(), f, "referrals", new { department = "温江区市场监督管理局", reason = "无证经营互联网上网服务，函告工商", sentOn = "2026-04-05" });
        // G: a lead received 04-02 and refused filing 04-03 → never filed, counted only as a refused lead.
        SetLocal(2026, 4, 2);
        var g = await OpenLeadAsync();
        await At(2026, 4, 3, g, "notFiled");
        // H: filed 07-02, after the period → not counted.
        await Filed(2026, 7, 2);
        // I: another officer, another violation: filed 02-10, no penalty 02-20, closed 02-25 → closed on time.
        var i = await Filed(2026, 2, 10, Api.As("wangwu", "王五", "51011500999"), "cafe-outside-hours");
        await At(2026, 2, 20, i, "investigation", "legalReview", "noPenalty");
        await At(2026, 2, 25, await Get(i), "closed");
    }

    private async Task<JsonElement> Get(JsonElement c) =>
        await (await Supervisor().GetAsync($"/api/cases/{c.Str("id")}")).Expect(HttpStatusCode.OK);

    private async Task<JsonElement> Report(string query)
    {
        await BuildAsync();
        return await (await Supervisor().GetAsync($"/api/cases/closure-rate?{query}")).Expect(HttpStatusCode.OK);
    }

    private static void AssertFigures(JsonElement f, int filed, int withdrawn, int closed, int onTime, int open, int carried, decimal? rate, decimal? onTimeRate)
    {
        Assert.Multiple(() =>
        {
            Assert.That(f.GetProperty("filed").GetInt32(), Is.EqualTo(filed), "filed");
            Assert.That(f.GetProperty("withdrawn").GetInt32(), Is.EqualTo(withdrawn), "withdrawn");
            Assert.That(f.GetProperty("closed").GetInt32(), Is.EqualTo(closed), "closed");
            Assert.That(f.GetProperty("closedOnTime").GetInt32(), Is.EqualTo(onTime), "closed on time");
            Assert.That(f.GetProperty("stillOpen").GetInt32(), Is.EqualTo(open), "still open");
            Assert.That(f.GetProperty("carriedOver").GetInt32(), Is.EqualTo(carried), "carried over");
            Assert.That(f.GetProperty("closureRate").ValueKind == JsonValueKind.Null ? (decimal?)null : f.GetProperty("closureRate").GetDecimal(), Is.EqualTo(rate), "closure rate");
            Assert.That(f.GetProperty("onTimeRate").ValueKind == JsonValueKind.Null ? (decimal?)null : f.GetProperty("onTimeRate").GetDecimal(), Is.EqualTo(onTimeRate), "on-time rate");
        });
    }

    [Test]
    public async Task The_half_year_as_of_June_30_matches_the_hand_count()
    {
        var r = await Report(Period + "&asOf=2026-06-30");
        // Filed B C D E F I; D withdrawn; B C I closed (B, I on time); E F open; A carried over.
        AssertFigures(r.GetProperty("totals"), filed: 6, withdrawn: 1, closed: 3, onTime: 2, open: 2, carried: 1, rate: 0.6m, onTimeRate: 0.6667m);
        var t = r.GetProperty("totals");
        Assert.That(t.GetProperty("reconsiderations").GetProperty("total").GetInt32(), Is.EqualTo(1));
        Assert.That(t.GetProperty("reconsiderations").GetProperty("upheld").GetInt32(), Is.EqualTo(1));
        Assert.That(t.GetProperty("litigations").GetProperty("pending").GetInt32(), Is.EqualTo(1));
        Assert.That(t.GetProperty("referralLetters").GetInt32(), Is.EqualTo(1));
        Assert.That(r.GetProperty("leadsNotFiled").GetInt32(), Is.EqualTo(1));
        Assert.That(r.Str("summary"), Is.EqualTo("立案 6 起，办结 3 起，办结率 60%，按期办结率 66.67%，撤销立案 1 起，行政复议 1 起；函告 1 起。"));
    }

    [Test]
    public async Task A_case_filed_in_the_period_and_closed_after_it_counts_as_closed_once_the_as_of_date_passes_its_closure()
    {
        var r = await Report(Period + "&asOf=2026-07-31");
        // E is now closed on time; H, filed 07-02, stays outside the period.
        AssertFigures(r.GetProperty("totals"), filed: 6, withdrawn: 1, closed: 4, onTime: 3, open: 1, carried: 1, rate: 0.8m, onTimeRate: 0.75m);
    }

    [Test]
    public async Task Grouped_by_violation_and_by_officer_the_groups_add_up_to_the_totals()
    {
        var byViolation = await Report(Period + "&asOf=2026-06-30&by=violation");
        var groups = byViolation.GetProperty("groups").EnumerateArray().ToDictionary(g => g.Str("key"));
        Assert.That(groups.Keys, Is.EquivalentTo(new[] { "cafe-minors-admitted", "cafe-outside-hours" }));
        AssertFigures(groups["cafe-minors-admitted"], filed: 5, withdrawn: 1, closed: 2, onTime: 1, open: 2, carried: 1, rate: 0.5m, onTimeRate: 0.5m);
        AssertFigures(groups["cafe-outside-hours"], filed: 1, withdrawn: 0, closed: 1, onTime: 1, open: 0, carried: 0, rate: 1m, onTimeRate: 1m);
        Assert.That(groups["cafe-minors-admitted"].Str("name"), Is.EqualTo("网吧接纳未成年人"));

        var byOfficer = await Report(Period + "&asOf=2026-06-30&by=officer");
        var officers = byOfficer.GetProperty("groups").EnumerateArray().ToDictionary(g => g.Str("name"));
        Assert.That(officers["王五"].GetProperty("filed").GetInt32(), Is.EqualTo(1));
        Assert.That(officers.Values.Sum(g => g.GetProperty("filed").GetInt32()), Is.EqualTo(6));
        Assert.That(officers.Values.Sum(g => g.GetProperty("reconsiderations").GetProperty("total").GetInt32()), Is.EqualTo(1));

        var byVenue = await Report(Period + "&asOf=2026-06-30&by=venueType");
        Assert.That(byVenue.GetProperty("groups").EnumerateArray().Single().Str("key"), Is.EqualTo("none"), "these parties are companies, not registered venues");
    }

    [Test]
    public async Task Another_district_sees_none_of_it_and_may_not_read_this_one()
    {
        await BuildAsync();
        var other = await (await Supervisor("510116").GetAsync($"/api/cases/closure-rate?{Period}")).Expect(HttpStatusCode.OK);
        AssertFigures(other.GetProperty("totals"), 0, 0, 0, 0, 0, 0, null, null);
        await (await Supervisor("510116").GetAsync($"/api/cases/closure-rate?{Period}&jurisdiction=510115")).Expect(HttpStatusCode.Forbidden);
        var city = await (await Supervisor("510100").GetAsync($"/api/cases/closure-rate?{Period}&asOf=2026-06-30")).Expect(HttpStatusCode.OK);
        Assert.That(city.GetProperty("totals").GetProperty("filed").GetInt32(), Is.EqualTo(6), "the city covers its districts");
        await (await Api.Client("clerk").GetAsync($"/api/cases/closure-rate?{Period}")).Expect(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task Cases_closed_or_decided_before_their_facts_were_stored_are_filled_at_start_as_the_commands_write_them()
    {
        await BuildAsync();
        var (written, filled, rows) = await StoredFacts.WipeAndFillAsync(Api, "cases", "closed_on", "withdrawn_on", "decided_on_time");
        Assert.That(written.Count(w => !w.EndsWith("null, null, null", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(6), "the commands stored facts at all");
        Assert.That(rows, Is.GreaterThanOrEqualTo(6), "the wiped rows were filled");
        Assert.That(filled, Is.EqualTo(written));
        var r = await Report(Period + "&asOf=2026-06-30");
        AssertFigures(r.GetProperty("totals"), filed: 6, withdrawn: 1, closed: 3, onTime: 2, open: 2, carried: 1, rate: 0.6m, onTimeRate: 0.6667m);
    }

    /// <summary>
    /// The dashboard counts as of today from the day rows (case_figure_days); the closure-rate request reads the cases
    /// themselves. For periods that start before, on and after the cases' dates, and for a district of a city's
    /// dashboard, both give every figure alike.
    /// </summary>
    [TestCase("2026-01-01", "2026-06-30")]
    [TestCase("2025-12-01", "2026-12-31")]
    [TestCase("2026-02-01", "2026-02-28")]
    [TestCase("2026-02-10", "2026-02-10")]
    [TestCase("2026-03-01", "2026-07-31")]
    [TestCase("2026-07-06", "2026-11-30")]
    public async Task The_dashboards_day_rows_give_the_figures_the_cases_give(string from, string to)
    {
        await BuildAsync();
        SetLocal(2026, 12, 31);
        var period = $"from={from}&to={to}";
        string[] names = ["filed", "withdrawn", "closed", "closedOnTime", "stillOpen", "carriedOver", "closureRate", "onTimeRate"];
        var rate = (await Report(period)).GetProperty("totals");
        var dashboard = await (await Supervisor().GetAsync($"/api/dashboard?period=custom&{period}")).Expect(HttpStatusCode.OK);
        foreach (var name in names)
            Assert.That(dashboard.GetProperty("cases").GetProperty(name).ToString(), Is.EqualTo(rate.GetProperty(name).ToString()), name);
        Assert.That(rate.GetProperty("filed").GetInt32() + rate.GetProperty("carriedOver").GetInt32(), Is.GreaterThan(0), "the period counts some case");
        var city = await (await Supervisor("510100").GetAsync($"/api/dashboard?period=custom&{period}")).Expect(HttpStatusCode.OK);
        var district = city.GetProperty("districts").EnumerateArray().Single(d => d.Str("jurisdiction") == "510115");
        Assert.That(district.GetProperty("casesFiled").GetInt32(), Is.EqualTo(rate.GetProperty("filed").GetInt32()));
        Assert.That(district.GetProperty("casesClosed").GetInt32(), Is.EqualTo(rate.GetProperty("closed").GetInt32()));
        Assert.That(district.GetProperty("closureRate").ToString(), Is.EqualTo(rate.GetProperty("closureRate").ToString()));
        Assert.That(district.GetProperty("onTimeRate").ToString(), Is.EqualTo(rate.GetProperty("onTimeRate").ToString()));
    }

    [Test]
    public async Task A_backwards_period_is_a_field_error()
    {
        var problem = await (await Supervisor().GetAsync("/api/cases/closure-rate?from=2026-06-30&to=2026-01-01")).Expect(HttpStatusCode.BadRequest);
        Assert.That(problem.FieldErrors("to"), Is.Not.Empty);
        var by = await (await Supervisor().GetAsync($"/api/cases/closure-rate?{Period}&by=weather")).Expect(HttpStatusCode.BadRequest);
        Assert.That(by.FieldErrors("by"), Is.Not.Empty);
    }
}
