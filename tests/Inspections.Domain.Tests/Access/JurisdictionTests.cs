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
    public void Covers(string user, string row, bool expected) =>
        Assert.That(Jurisdiction.Covers(user, row), Is.EqualTo(expected));

    [TestCase("510115", true)]
    [TestCase("51011X", false)]
    [TestCase("5101150", false)]
    [TestCase("000000", false)]
    [TestCase(null, false)]
    public void Codes_are_six_digits(string? code, bool valid) => Assert.That(Jurisdiction.IsValidCode(code), Is.EqualTo(valid));
}
