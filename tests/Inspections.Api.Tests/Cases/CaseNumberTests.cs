using System.Net;
using Inspections.Api.Tests.Infrastructure;

namespace Inspections.Api.Tests.Cases;

[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class CaseNumberTests(string provider) : CaseFixture(provider)
{
    [Test]
    public async Task Concurrent_filings_get_numbers_one_to_n_with_no_gap_and_no_duplicate()
    {
        // An agency with no filing yet this year, so the first filings also race to create its counter row.
        const string agency = "510124";
        const int n = 24;
        SetLocal(2026, 4, 1);
        var leads = new List<System.Text.Json.JsonElement>();
        for (var i = 0; i < n; i++) leads.Add(await OpenLeadAsync(jurisdiction: agency));

        var responses = await Task.WhenAll(leads.Select(c => StepAsync(Supervisor(agency), c, "filed")));
        var numbers = new List<string>();
        foreach (var r in responses) numbers.Add((await r.Expect(HttpStatusCode.OK)).Str("caseNumber"));

        Assert.That(numbers, Is.Unique);
        var expected = Enumerable.Range(1, n).Select(i => $"510124文执罚〔2026〕{i}号");
        Assert.That(numbers, Is.EquivalentTo(expected), "the default pattern, sequential from 1 with no gaps");
    }

    [Test]
    public async Task Numbers_restart_each_year_and_a_refused_or_failed_filing_uses_none()
    {
        const string agency = "510129";
        SetLocal(2025, 12, 31, hour: 23);
        var last2025 = await StepOkAsync(Supervisor(agency), await OpenLeadAsync(jurisdiction: agency), "filed");
        Assert.That(last2025.Str("caseNumber"), Is.EqualTo("510129文执罚〔2025〕1号"));

        SetLocal(2026, 1, 1, hour: 0);
        var refused = await StepOkAsync(Supervisor(agency), await OpenLeadAsync(jurisdiction: agency), "notFiled", new { note = "不属于本机关管辖" });
        Assert.That(refused.GetProperty("caseNumber").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
        var lead = await OpenLeadAsync(jurisdiction: agency);
        await (await Supervisor(agency).PostJson($"/api/cases/{lead.Str("id")}/transitions", new { to = "filed", version = 99 })).Expect(HttpStatusCode.Conflict);
        var first2026 = await StepOkAsync(Supervisor(agency), lead, "filed");
        Assert.That(first2026.Str("caseNumber"), Is.EqualTo("510129文执罚〔2026〕1号"));
        var second = await StepOkAsync(Supervisor(agency), await OpenLeadAsync(jurisdiction: agency), "filed");
        Assert.That(second.Str("caseNumber"), Is.EqualTo("510129文执罚〔2026〕2号"));
    }
}
