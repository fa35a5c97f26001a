using Inspections.Domain.Access;

namespace Inspections.Domain.Tests.Access;

public sealed class JurisdictionTests
{
    [TestCase("510115", "510115", true, TestName = "A district sees itself")]
    [TestCase("510115", "510104", false, TestName = "A district does not see its neighbour")]
    [TestCase("510100", "510115", true, TestName = "A city sees its districts")]
    [TestCase("510100", "510200", false, TestName = "A city does not see another city")]
    [TestCase("510000", "511502", true, TestName = "A province sees every city and district in it")]
    [TestCase("510115", "510100", false, TestName = "A district does not see its city")]
    [TestCase("510115", "51011", false, TestName = "A malformed row code is never covered")]
    [TestCase("510115", "510115001", true, TestName = "A district sees its towns")]
    [TestCase("510115", "510116001", false, TestName = "A district does not see its neighbour's towns")]
    [TestCase("510100", "510115009", true, TestName = "A city sees the towns of its districts")]
    [TestCase("510000", "510115009", true, TestName = "A province sees the towns of its districts")]
    [TestCase("510115001", "510115001", true, TestName = "A town sees itself")]
    [TestCase("510115001", "510115002", false, TestName = "A town does not see its sibling")]
    [TestCase("510115001", "510115", false, TestName = "A town does not see its district")]
    [TestCase("510115", "510115000", false, TestName = "A town code ending 000 is never covered")]
    public void Covers(string user, string row, bool expected) =>
        Assert.That(Jurisdiction.Covers(user, row), Is.EqualTo(expected));

    [TestCase("510115", "510115", true, TestName = "A district changes its own rows")]
    [TestCase("510115", "510115001", true, TestName = "A district changes its towns' rows")]
    [TestCase("510115", "510104", false, TestName = "A district does not change its neighbour's rows")]
    [TestCase("510115", "510104001", false, TestName = "A district does not change its neighbour's towns' rows")]
    [TestCase("510115001", "510115001", true, TestName = "A town changes its own rows")]
    [TestCase("510115001", "510115002", false, TestName = "A town does not change its sibling's rows")]
    [TestCase("510115001", "510115", false, TestName = "A town does not change its district's rows")]
    [TestCase("510100", "510100", true, TestName = "A city changes its own rows")]
    [TestCase("510100", "510115", false, TestName = "A city does not change its districts' rows")]
    [TestCase("510100", "510115001", false, TestName = "A city does not change its towns' rows")]
    [TestCase("510000", "510100", false, TestName = "A province does not change its cities' rows")]
    [TestCase("", "", false, TestName = "No code changes nothing")]
    public void MayChange(string user, string row, bool expected) =>
        Assert.That(Jurisdiction.MayChange(user, row), Is.EqualTo(expected));

    [TestCase("510115", true)]
    [TestCase("51011X", false)]
    [TestCase("5101150", false)]
    [TestCase("51011500", false)]
    [TestCase("5101150011", false)]
    [TestCase("000000", false)]
    [TestCase("000115", false, TestName = "No province is numbered 00")]
    [TestCase("510115001", true, TestName = "A town: a district and three digits")]
    [TestCase("510115000", false, TestName = "A town's own three digits are never 000")]
    [TestCase("510100001", false, TestName = "A town lies below a district, not a city")]
    [TestCase("510000001", false, TestName = "A town lies below a district, not a province")]
    [TestCase("51011500a", false)]
    [TestCase("5a0115001", false, TestName = "A town's district part is digits too")]
    [TestCase("５１０１１５", false, TestName = "Full-width digits are not a code")]
    [TestCase(null, false)]
    public void Codes_are_six_or_nine_digits(string? code, bool valid) => Assert.That(Jurisdiction.IsValidCode(code), Is.EqualTo(valid));

    [TestCase("510000", JurisdictionLevel.Province, null)]
    [TestCase("510100", JurisdictionLevel.City, "510000")]
    [TestCase("510115", JurisdictionLevel.District, "510100")]
    [TestCase("510115001", JurisdictionLevel.Town, "510115")]
    public void Level_and_parent(string code, JurisdictionLevel level, string? parent)
    {
        Assert.That(Jurisdiction.Level(code), Is.EqualTo(level));
        Assert.That(Jurisdiction.Parent(code), Is.EqualTo(parent));
        Assert.That(Jurisdiction.IsTown(code), Is.EqualTo(level == JurisdictionLevel.Town));
    }

    [TestCase("51011")]
    [TestCase("510115000")]
    public void Level_of_a_malformed_code_is_refused(string code) =>
        Assert.That(() => Jurisdiction.Level(code), Throws.ArgumentException);
}
