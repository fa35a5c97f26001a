using Inspections.Domain.Calendar;
using static Inspections.Domain.Tests.Calendar.CalendarFixtures;

namespace Inspections.Domain.Tests.Calendar;

public sealed class CalendarDataTests
{
    [Test]
    public void The_seed_file_parses_into_2025_and_2026_and_both_years_validate()
    {
        var parsed = CalendarCsvParser.Parse(SeedCsv);

        Assert.That(parsed.Succeeded, Is.True);
        Assert.That(parsed.Years.Select(y => y.Year), Is.EqualTo(new[] { 2025, 2026 }));
        Assert.That(parsed.Years.Select(CalendarYearValidator.Validate), Has.All.Empty);
        var y2026 = parsed.Years[1].Days;
        Assert.That(y2026.Count(d => d.Kind == CalendarDayKind.MakeUpWorkday), Is.EqualTo(6));
        Assert.That(y2026, Does.Contain(new CalendarDay(D("2026-02-28"), CalendarDayKind.MakeUpWorkday, "春节调休上班")));
    }

    [Test]
    public void Parser_skips_comments_blank_lines_and_the_header_and_keeps_commas_in_names()
    {
        const string text = "\uFEFF# comment\r\ndate,kind,name\r\n\r\n2027-01-01,holiday,元旦\r\n2027-02-06,workday,春节调休上班,补班\r\n";

        var parsed = CalendarCsvParser.Parse(text);

        Assert.That(parsed.Errors, Is.Empty);
        Assert.That(parsed.Years.Single().Days, Is.EqualTo(new[]
        {
            new CalendarDay(D("2027-01-01"), CalendarDayKind.Holiday, "元旦"),
            new CalendarDay(D("2027-02-06"), CalendarDayKind.MakeUpWorkday, "春节调休上班,补班"),
        }));
    }

    [Test]
    public void Parser_reports_bad_lines_with_their_line_numbers()
    {
        const string text = "date,kind,name\n2027-13-01,holiday,x\n2027-01-01,vacation,x\njunk\n";

        var parsed = CalendarCsvParser.Parse(text);

        Assert.That(parsed.Succeeded, Is.False);
        Assert.That(parsed.Errors.Select(e => (e.Code, e.Field)), Is.EqualTo(new[]
        {
            (CalendarErrorCodes.CsvBadDate, "line[2].date"),
            (CalendarErrorCodes.CsvBadKind, "line[3].kind"),
            (CalendarErrorCodes.CsvBadLine, "line[4]"),
        }));
        Assert.That(parsed.Errors[0].MessageZh, Does.Contain("第 2 行"));
    }

    [Test]
    public void Validator_rejects_a_date_that_is_both_holiday_and_make_up_day()
    {
        var year = new CalendarYear(2026,
        [
            new CalendarDay(D("2026-02-14"), CalendarDayKind.Holiday, "春节"),
            new CalendarDay(D("2026-02-14"), CalendarDayKind.MakeUpWorkday, "春节调休上班"),
        ]);

        var errors = CalendarYearValidator.Validate(year);

        Assert.That(errors.Select(e => e.Code), Is.EqualTo(new[] { CalendarErrorCodes.HolidayAndWorkday }));
        Assert.That(errors[0].Field, Is.EqualTo("days[1].kind"));
        Assert.That(errors[0].Date, Is.EqualTo(D("2026-02-14")));
        Assert.That(errors[0].MessageZh, Does.Contain("既是节假日又是调休上班日"));
        Assert.That(errors[0].MessageEn, Does.Contain("both a holiday and a make-up working day"));
    }

    [Test]
    public void Validator_rejects_a_make_up_day_on_a_weekday()
    {
        var year = new CalendarYear(2026, [new CalendarDay(D("2026-02-13"), CalendarDayKind.MakeUpWorkday, "调休")]);

        var errors = CalendarYearValidator.Validate(year);

        Assert.That(errors.Select(e => e.Code), Is.EqualTo(new[] { CalendarErrorCodes.WorkdayNotWeekend }));
        Assert.That(errors[0].MessageZh, Does.Contain("不是周六或周日"));
    }

    [Test]
    public void Validator_rejects_a_date_outside_the_year_a_duplicate_and_a_nameless_holiday()
    {
        var year = new CalendarYear(2026,
        [
            new CalendarDay(D("2027-01-01"), CalendarDayKind.Holiday, "元旦"),
            new CalendarDay(D("2026-05-01"), CalendarDayKind.Holiday, "劳动节"),
            new CalendarDay(D("2026-05-01"), CalendarDayKind.Holiday, "劳动节"),
            new CalendarDay(D("2026-05-02"), CalendarDayKind.Holiday, " "),
        ]);

        var errors = CalendarYearValidator.Validate(year);

        Assert.That(errors.Select(e => (e.Code, e.Field)), Is.EqualTo(new[]
        {
            (CalendarErrorCodes.DateOutsideYear, "days[0].date"),
            (CalendarErrorCodes.DuplicateDate, "days[2].date"),
            (CalendarErrorCodes.NameRequired, "days[3].name"),
        }));
    }

    [Test]
    public void Validator_accepts_holidays_on_weekends_and_make_up_Sundays()
    {
        var year = new CalendarYear(2026,
        [
            new CalendarDay(D("2026-01-03"), CalendarDayKind.Holiday, "元旦"),
            new CalendarDay(D("2026-01-04"), CalendarDayKind.MakeUpWorkday, "元旦调休上班"),
        ]);

        Assert.That(CalendarYearValidator.Validate(year), Is.Empty);
    }
}
