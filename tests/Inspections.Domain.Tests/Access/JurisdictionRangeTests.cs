using System.Globalization;
using Inspections.Domain.Access;

namespace Inspections.Domain.Tests.Access;

/// <summary>
/// Queries scope rows with <c>jurisdiction BETWEEN First AND Last</c>: that range must select exactly
/// the codes <see cref="Jurisdiction.Covers"/> allows, under the ordinal order SQLite and a C collation
/// use and under the linguistic orders of PostgreSQL ICU/glibc and SQL Server collations.
/// </summary>
public sealed class JurisdictionRangeTests
{
    private static readonly string[] Users = ["110000", "510000", "510100", "510115", "100000", "999900", "999999"];

    [Test]
    public void The_range_holds_every_covered_code_and_no_other([ValueSource(nameof(Users))] string user)
    {
        var range = Jurisdiction.Range(user);
        var mismatches = new List<string>();
        for (var n = 1; n <= 999_999; n++)
        {
            var row = n.ToString("D6", CultureInfo.InvariantCulture);
            var inRange = string.CompareOrdinal(range.First, row) <= 0 && string.CompareOrdinal(row, range.Last) <= 0;
            if (inRange != Jurisdiction.Covers(user, row) && mismatches.Count < 5) mismatches.Add(row);
        }
        Assert.That(mismatches, Is.Empty, $"{user}: {range}");
    }

    [TestCase("zh-CN")]
    [TestCase("en-US")]
    [TestCase("")]
    public void Six_digit_codes_sort_the_same_under_linguistic_collations(string culture)
    {
        var compare = CultureInfo.GetCultureInfo(culture).CompareInfo;
        string[] codes = ["000000", "099999", "100000", "109999", "110000", "510000", "510099", "510100", "510115", "519999", "520000", "999999"];
        var ordinal = codes.Order(StringComparer.Ordinal).ToList();
        var linguistic = codes.Order(Comparer<string>.Create((a, b) => compare.Compare(a, b, CompareOptions.None))).ToList();
        Assert.That(linguistic, Is.EqualTo(ordinal));
    }

    [Test]
    public void Everywhere_spans_all_codes() =>
        Assert.That(Jurisdiction.Everywhere, Is.EqualTo(new CodeRange("000000", "999999")));

    [Test]
    public void A_city_range_is_its_districts() =>
        Assert.That(Jurisdiction.Range("510100"), Is.EqualTo(new CodeRange("510100", "510199")));
}
