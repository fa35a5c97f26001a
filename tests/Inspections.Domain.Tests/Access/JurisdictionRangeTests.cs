using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Inspections.Domain.Access;

namespace Inspections.Domain.Tests.Access;

/// <summary>
/// Queries scope rows with <c>jurisdiction BETWEEN First AND Last</c>: that range must select exactly
/// the codes <see cref="Jurisdiction.Covers"/> allows, for six-digit and nine-digit codes mixed in one
/// column, under the ordinal order SQLite and a C collation use and under the linguistic orders of
/// PostgreSQL ICU/glibc and SQL Server collations.
/// </summary>
public sealed class JurisdictionRangeTests
{
    private static readonly string[] Users =
        ["110000", "510000", "510100", "510115", "100000", "999900", "999999", "510115001", "510115999", "999999999"];

    [Test]
    public void The_range_holds_every_covered_six_digit_code_and_no_other([ValueSource(nameof(Users))] string user)
    {
        var range = Jurisdiction.Range(user);
        var mismatches = new List<string>();
        for (var n = 1; n <= 999_999; n++)
        {
            var row = n.ToString("D6", CultureInfo.InvariantCulture);
            if (range.Contains(row) != Jurisdiction.Covers(user, row) && mismatches.Count < 5) mismatches.Add(row);
        }
        Assert.That(mismatches, Is.Empty, $"{user}: {range}");
    }

    /// <summary>Every code of 成都市 (5101…), six and nine digits, against users in and around it.</summary>
    [Test]
    public void The_range_holds_every_covered_town_of_a_city_and_no_other(
        [Values("510000", "510100", "510104", "510115", "510199", "510115001", "510115999", "510116001", "520000")] string user)
    {
        var range = Jurisdiction.Range(user);
        var mismatches = new List<string>();
        foreach (var row in CityCodes("5101").Concat(CityCodes("5100")).Concat(CityCodes("5102")))
            if (range.Contains(row) != Jurisdiction.Covers(user, row) && mismatches.Count < 5) mismatches.Add(row);
        Assert.That(mismatches, Is.Empty, $"{user}: {range}");
    }

    private static IEnumerable<string> CityCodes(string city)
    {
        for (var d = 0; d <= 99; d++)
        {
            var district = city + d.ToString("D2", CultureInfo.InvariantCulture);
            yield return district;
            for (var t = 0; t <= 999; t++)
            {
                var town = district + t.ToString("D3", CultureInfo.InvariantCulture);
                if (Jurisdiction.IsValidCode(town)) yield return town;
            }
        }
    }

    /// <summary>
    /// Codes that share prefixes often enough to meet each other: provinces, cities and districts from
    /// a few digits (00, 01, 15, 99 …) with towns below them, and now and then any six or nine digits.
    /// </summary>
    private static readonly Gen<string> Codes =
        Gen.Frequency(
            (4, from province in Gen.Elements("10", "51", "52", "99", "00")
                from city in Gen.Elements("00", "01", "15", "99", "10")
                from district in Gen.Elements("00", "01", "15", "99", "10", "14", "16")
                from town in Gen.Elements("", "", "001", "015", "099", "100", "999", "998", "000", "010")
                select province + city + district + town),
            (1, from length in Gen.Elements(6, 9)
                from digits in Gen.ArrayOf(Gen.Choose(0, 9), length)
                select string.Concat(digits)))
        .Where(Jurisdiction.IsValidCode);

    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(20_000);

    [Test]
    public void Range_selects_exactly_what_Covers_allows_for_random_six_and_nine_digit_codes() =>
        Check.One(Runs, Prop.ForAll(Arb.From(Gen.Two(Codes)), pair =>
        {
            var (user, row) = pair;
            return Jurisdiction.Range(user).Contains(row) == Jurisdiction.Covers(user, row);
        }));

    [Test]
    public void Changeable_selects_exactly_what_MayChange_allows_for_random_codes() =>
        Check.One(Runs, Prop.ForAll(Arb.From(Gen.Two(Codes)), pair =>
        {
            var (user, row) = pair;
            var may = Jurisdiction.MayChange(user, row);
            // what one may change, one may see
            return Jurisdiction.Changeable(user).Contains(row) == may && (!may || Jurisdiction.Covers(user, row));
        }));

    [Test]
    public void A_parent_covers_its_child_and_its_range_holds_the_childs_range() =>
        Check.One(Runs, Prop.ForAll(Arb.From(Codes), code =>
        {
            if (Jurisdiction.Parent(code) is not { } parent) return Jurisdiction.Level(code) == JurisdictionLevel.Province;
            var outer = Jurisdiction.Range(parent);
            var inner = Jurisdiction.Range(code);
            return Jurisdiction.IsValidCode(parent) && Jurisdiction.Level(parent) < Jurisdiction.Level(code)
                && Jurisdiction.Covers(parent, code) && !Jurisdiction.Covers(code, parent)
                && outer.Contains(inner.First) && outer.Contains(inner.Last);
        }));

    [Test]
    public void Everywhere_holds_every_random_code() =>
        Check.One(Runs, Prop.ForAll(Arb.From(Codes), Jurisdiction.Everywhere.Contains));

    [TestCase("zh-CN")]
    [TestCase("en-US")]
    [TestCase("")]
    public void Six_and_nine_digit_codes_sort_the_same_under_linguistic_collations(string culture)
    {
        var compare = CultureInfo.GetCultureInfo(culture).CompareInfo;
        string[] codes =
        [
            "000000", "099999", "100000", "109999", "110000", "510000", "510099", "510100", "510115", "519999", "520000", "999999",
            "510115001", "510115999", "510114999", "510116", "510116001", "510199999", "510199", "519999999", "999999999", "510104009",
        ];
        var ordinal = codes.Order(StringComparer.Ordinal).ToList();
        var linguistic = codes.Order(Comparer<string>.Create((a, b) => compare.Compare(a, b, CompareOptions.None))).ToList();
        Assert.That(linguistic, Is.EqualTo(ordinal));
    }

    [Test]
    public void Everywhere_spans_all_codes() =>
        Assert.That(Jurisdiction.Everywhere, Is.EqualTo(new CodeRange("000000", "999999999")));

    [Test]
    public void A_city_range_is_its_districts_and_their_towns() =>
        Assert.That(Jurisdiction.Range("510100"), Is.EqualTo(new CodeRange("510100", "510199999")));

    [Test]
    public void A_district_range_is_itself_and_its_towns() =>
        Assert.That(Jurisdiction.Range("510115"), Is.EqualTo(new CodeRange("510115", "510115999")));

    [Test]
    public void A_town_range_is_itself() =>
        Assert.That(Jurisdiction.Range("510115003"), Is.EqualTo(new CodeRange("510115003", "510115003")));

    [TestCase("510100", "510100", "510100")]
    [TestCase("510115", "510115", "510115999")]
    [TestCase("510115003", "510115003", "510115003")]
    public void What_a_user_may_change(string user, string first, string last) =>
        Assert.That(Jurisdiction.Changeable(user), Is.EqualTo(new CodeRange(first, last)));
}
