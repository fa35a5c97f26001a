using System.Net;
using Inspections.Api.Tests.Infrastructure;

namespace Inspections.Api.Tests.Cases;

[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class CaseSearchTests(string provider) : CaseFixture(provider)
{
    private static string[] Ids(System.Text.Json.JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(i => i.Str("id")).ToArray();

    [Test]
    public async Task The_case_register_filters_by_stage_violation_and_filing_date_and_pages_newest_first()
    {
        SetLocal(2026, 4, 1, 9);
        var lead = await OpenLeadAsync();
        SetLocal(2026, 4, 1, 10);
        var filed = await CarryAsync("filed");
        SetLocal(2026, 4, 2, 10);
        var refused = await StepOkAsync(Supervisor(), await OpenLeadAsync(Lead("cafe-outside-hours")), "notFiled", null);
        SetLocal(2026, 4, 3, 10);
        var later = await CarryAsync("filed");
        await OpenLeadAsync(jurisdiction: "510104");

        var supervisor = Supervisor();
        var all = await (await supervisor.GetAsync("/api/cases")).Expect(HttpStatusCode.OK);
        Assert.That(Ids(all), Is.EqualTo(new[] { later.Str("id"), refused.Str("id"), filed.Str("id"), lead.Str("id") }),
            "newest first, and nothing of another district");
        var first = all.GetProperty("items")[0];
        Assert.That(first.Str("stageName"), Is.EqualTo("立案"));
        Assert.That(first.Str("caseNumber"), Does.StartWith("温文执罚〔2026〕"));

        var onlyFiled = await (await supervisor.GetAsync("/api/cases?stage=filed")).Expect(HttpStatusCode.OK);
        Assert.That(Ids(onlyFiled), Is.EquivalentTo(new[] { later.Str("id"), filed.Str("id") }));
        var open = await (await supervisor.GetAsync("/api/cases?openOnly=true")).Expect(HttpStatusCode.OK);
        Assert.That(Ids(open), Does.Not.Contain(refused.Str("id")).And.Contain(lead.Str("id")));
        var hours = await (await supervisor.GetAsync("/api/cases?violationCode=cafe-outside-hours")).Expect(HttpStatusCode.OK);
        Assert.That(Ids(hours), Is.EqualTo(new[] { refused.Str("id") }));
        var april3 = await (await supervisor.GetAsync("/api/cases?filedFrom=2026-04-02&filedTo=2026-04-30")).Expect(HttpStatusCode.OK);
        Assert.That(Ids(april3), Is.EqualTo(new[] { later.Str("id") }));
        var byNumber = await (await supervisor.GetAsync($"/api/cases?caseNumber={Uri.EscapeDataString(later.Str("caseNumber"))}")).Expect(HttpStatusCode.OK);
        Assert.That(Ids(byNumber), Is.EqualTo(new[] { later.Str("id") }));

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await (await supervisor.GetAsync("/api/cases?limit=3" + (cursor is null ? "" : "&cursor=" + cursor))).Expect(HttpStatusCode.OK);
            seen.AddRange(Ids(page));
            cursor = page.GetProperty("nextCursor").GetString();
        } while (cursor is not null && seen.Count < 20);
        Assert.That(seen, Is.EqualTo(Ids(all)));
    }

    [Test]
    public async Task Bad_filters_are_field_errors_and_clerks_are_refused()
    {
        var problem = await (await Supervisor().GetAsync("/api/cases?stage=finished&limit=0&filedFrom=2026-05-01&filedTo=2026-04-01")).Expect(HttpStatusCode.BadRequest);
        Assert.That(problem.FieldErrors("stage"), Is.Not.Empty, problem.ToString());
        Assert.That(problem.FieldErrors("limit"), Is.Not.Empty);
        Assert.That(problem.FieldErrors("filedTo"), Is.Not.Empty);
        await (await Api.Client("clerk").GetAsync("/api/cases")).Expect(HttpStatusCode.Forbidden);
    }
}
