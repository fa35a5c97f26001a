using Inspections.Core.Features.Dashboard;
using Microsoft.Extensions.Time.Testing;

namespace Inspections.Api.Tests.Dashboard;

/// <summary>Each period name resolves to its dates against today in Asia/Shanghai, across year ends and the UTC date line.</summary>
[SetUICulture("zh-CN")]
public sealed class ReportPeriodTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    private static (DateOnly, DateOnly) Dates(PeriodName name, string today, int? year = null)
    {
        var p = ReportPeriod.Resolve(name, D(today), year);
        return (p.From, p.To);
    }

    [TestCase("2026-03-15", "2026-03-01", "2026-03-31")]
    [TestCase("2026-02-01", "2026-02-01", "2026-02-28")]
    [TestCase("2028-02-29", "2028-02-01", "2028-02-29")]
    [TestCase("2026-12-31", "2026-12-01", "2026-12-31")]
    [TestCase("2027-01-01", "2027-01-01", "2027-01-31")]
    public void This_month_is_todays_month(string today, string from, string to) =>
        Assert.That(Dates(PeriodName.Month, today), Is.EqualTo((D(from), D(to))));

    [TestCase("2026-01-01", "2026-01-01", "2026-03-31")]
    [TestCase("2026-03-31", "2026-01-01", "2026-03-31")]
    [TestCase("2026-04-01", "2026-04-01", "2026-06-30")]
    [TestCase("2026-08-15", "2026-07-01", "2026-09-30")]
    [TestCase("2026-12-31", "2026-10-01", "2026-12-31")]
    [TestCase("2027-01-01", "2027-01-01", "2027-03-31")]
    public void This_quarter_is_todays_quarter(string today, string from, string to) =>
        Assert.That(Dates(PeriodName.Quarter, today), Is.EqualTo((D(from), D(to))));

    [TestCase("2026-03-15")]
    [TestCase("2026-11-30")]
    public void The_halves_and_the_year_are_those_of_todays_year(string today)
    {
        Assert.Multiple(() =>
        {
            Assert.That(Dates(PeriodName.FirstHalf, today), Is.EqualTo((D("2026-01-01"), D("2026-06-30"))));
            Assert.That(Dates(PeriodName.SecondHalf, today), Is.EqualTo((D("2026-07-01"), D("2026-12-31"))));
            Assert.That(Dates(PeriodName.Year, today), Is.EqualTo((D("2026-01-01"), D("2026-12-31"))));
        });
    }

    [Test]
    public void A_year_given_moves_every_named_period_into_it()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Dates(PeriodName.FirstHalf, "2026-03-15", 2025), Is.EqualTo((D("2025-01-01"), D("2025-06-30"))));
            Assert.That(Dates(PeriodName.SecondHalf, "2026-03-15", 2025), Is.EqualTo((D("2025-07-01"), D("2025-12-31"))));
            Assert.That(Dates(PeriodName.Year, "2026-03-15", 2024), Is.EqualTo((D("2024-01-01"), D("2024-12-31"))));
            Assert.That(Dates(PeriodName.Month, "2026-02-10", 2024), Is.EqualTo((D("2024-02-01"), D("2024-02-29"))), "February of a leap year");
            Assert.That(Dates(PeriodName.Quarter, "2026-11-10", 2025), Is.EqualTo((D("2025-10-01"), D("2025-12-31"))));
        });
    }

    [Test]
    public void A_custom_period_is_its_dates()
    {
        var p = ReportPeriod.Resolve(PeriodName.Custom, D("2026-07-10"), from: D("2025-12-20"), to: D("2026-01-10"));
        Assert.That((p.Name, p.Title, p.Label, p.From, p.To),
            Is.EqualTo(("custom", "自定义", "2025年12月20日至2026年1月10日", D("2025-12-20"), D("2026-01-10"))));
    }

    [Test]
    public void Names_titles_and_labels_are_the_pages_words()
    {
        string Row(PeriodName n, int? year = null)
        {
            var p = ReportPeriod.Resolve(n, D("2026-05-20"), year);
            return $"{p.Name} {p.Title} {p.Label}";
        }
        Assert.That(new[] { Row(PeriodName.Month), Row(PeriodName.Quarter), Row(PeriodName.FirstHalf), Row(PeriodName.SecondHalf), Row(PeriodName.Year, 2025) },
            Is.EqualTo(new[]
            {
                "month 本月 2026年5月", "quarter 本季度 2026年第2季度", "firstHalf 上半年 2026年上半年", "secondHalf 下半年 2026年下半年", "year 全年 2025年全年",
            }));
    }

    [Test]
    public void Today_is_the_shanghai_date_not_the_utc_date()
    {
        // 17:00 UTC on 30 June is 01:00 on 1 July in Shanghai: 本月 is July and 本季度 the third quarter there.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 30, 17, 0, 0, TimeSpan.Zero));
        var today = ReportPeriod.Today(clock, Shanghai);
        Assert.That(today, Is.EqualTo(D("2026-07-01")));
        Assert.That(Dates(PeriodName.Month, "2026-07-01"), Is.EqualTo((D("2026-07-01"), D("2026-07-31"))));
        Assert.That(ReportPeriod.Resolve(PeriodName.Quarter, today).From, Is.EqualTo(D("2026-07-01")));

        // One minute earlier in Shanghai it is still June.
        clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 30, 15, 59, 0, TimeSpan.Zero));
        Assert.That(ReportPeriod.Resolve(PeriodName.Month, ReportPeriod.Today(clock, Shanghai)).From, Is.EqualTo(D("2026-06-01")));

        // New Year's Eve 16:00 UTC is already next year in Shanghai: 全年 is 2027.
        clock.SetUtcNow(new DateTimeOffset(2026, 12, 31, 16, 0, 0, TimeSpan.Zero));
        Assert.That(ReportPeriod.Resolve(PeriodName.Year, ReportPeriod.Today(clock, Shanghai)).From, Is.EqualTo(D("2027-01-01")));
    }

    [Test]
    public void A_trend_has_the_months_begun_by_the_as_of_date_cut_to_the_period()
    {
        Assert.That(ReportPeriod.Months(D("2026-01-15"), D("2026-06-30"), D("2026-03-02")), Is.EqualTo(new[]
        {
            (D("2026-01-15"), D("2026-01-31")), (D("2026-02-01"), D("2026-02-28")), (D("2026-03-01"), D("2026-03-31")),
        }));
        Assert.That(ReportPeriod.Months(D("2025-12-20"), D("2026-01-10"), D("2026-07-10")), Is.EqualTo(new[]
        {
            (D("2025-12-20"), D("2025-12-31")), (D("2026-01-01"), D("2026-01-10")),
        }));
        Assert.That(ReportPeriod.Months(D("2026-01-01"), D("2026-12-31"), D("2026-12-31")), Has.Count.EqualTo(12));
    }
}
