using System.Globalization;
using System.Text.Json;

namespace Inspections.Browser.Tests;

/// <summary>The dashboard page's figures against the JSON GET /api/dashboard answers for the same person and period.</summary>
public static class DashboardFigures
{
    public static string Raw(JsonElement e) => e.ValueKind == JsonValueKind.Null ? "" : e.GetRawText();

    public static int Total(JsonElement lists) =>
        lists.GetProperty("cases").GetProperty("total").GetInt32() + lists.GetProperty("applications").GetProperty("total").GetInt32()
        + lists.GetProperty("notices").GetProperty("total").GetInt32();

    /// <summary>Every figure the page shows in a tile, against the API's JSON.</summary>
    public static void AssertTilesMatch(PageBrowser browser, JsonElement api)
    {
        string Tile(string id) => browser.Find("#" + id).GetAttribute("data-value") ?? "";
        var cases = api.GetProperty("cases");
        var permits = api.GetProperty("permits");
        Assert.Multiple(() =>
        {
            Assert.That(Tile("tile-closure-rate"), Is.EqualTo(Raw(cases.GetProperty("closureRate"))), "case closure rate");
            Assert.That(Tile("tile-on-time-rate"), Is.EqualTo(Raw(cases.GetProperty("onTimeRate"))), "case on-time rate");
            Assert.That(Tile("tile-filed"), Is.EqualTo(Raw(cases.GetProperty("filed"))), "cases filed");
            Assert.That(Tile("tile-closed"), Is.EqualTo(Raw(cases.GetProperty("closed"))), "cases closed");
            Assert.That(Tile("tile-permit-on-time-rate"), Is.EqualTo(Raw(permits.GetProperty("onTime").GetProperty("onTimeRate"))), "permit on-time rate");
            Assert.That(Tile("tile-intake"), Is.EqualTo(Raw(permits.GetProperty("acceptedTotal"))), "intake");
            Assert.That(Tile("tile-inspections"), Is.EqualTo(Raw(api.GetProperty("inspections").GetProperty("total"))), "inspections");
            Assert.That(Tile("tile-overdue"), Is.EqualTo(Total(api.GetProperty("overdue")).ToString(CultureInfo.InvariantCulture)), "overdue");
            Assert.That(Tile("tile-due-soon"), Is.EqualTo(Total(api.GetProperty("dueSoon")).ToString(CultureInfo.InvariantCulture)), "due soon");
            Assert.That(browser.Find("#work-summary").Text, Is.EqualTo(api.GetProperty("summaryParagraph").GetString()), "work summary");
            var period = api.GetProperty("period");
            Assert.That(browser.Find("#period-label").GetAttribute("data-from"), Is.EqualTo(period.GetProperty("from").GetString()));
            Assert.That(browser.Find("#period-label").GetAttribute("data-to"), Is.EqualTo(period.GetProperty("to").GetString()));
        });
    }

    /// <summary>The data the charts draw, embedded in the page, against the same JSON: the month-by-month trend and the inspections by kind.</summary>
    public static void AssertChartsMatch(PageBrowser browser, JsonElement api)
    {
        JsonElement Chart(string id) => JsonDocument.Parse((string)browser.Script($"return document.getElementById('{id}').textContent;")!).RootElement;
        var trend = Chart("chart-trend-data").GetProperty("series");
        var months = api.GetProperty("caseTrend").EnumerateArray().ToList();
        int[] Series(int i) => trend[i].GetProperty("data").EnumerateArray().Select(v => v.GetInt32()).ToArray();
        Assert.That(Series(0), Is.EqualTo(months.Select(m => m.GetProperty("filed").GetInt32()).ToArray()), "filed by month");
        Assert.That(Series(1), Is.EqualTo(months.Select(m => m.GetProperty("closed").GetInt32()).ToArray()), "closed by month");
        var kinds = Chart("chart-inspection-kinds-data").GetProperty("series")[0].GetProperty("data").EnumerateArray().Sum(k => k.GetProperty("value").GetInt32());
        Assert.That(kinds, Is.EqualTo(api.GetProperty("inspections").GetProperty("total").GetInt32()), "inspections by kind add up to the API's total");
    }
}
