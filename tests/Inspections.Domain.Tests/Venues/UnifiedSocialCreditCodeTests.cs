using Inspections.Domain.Venues;

namespace Inspections.Domain.Tests.Venues;

public sealed class UnifiedSocialCreditCodeTests
{
    // Codes as published by their holders; the first one's check character is worked out by hand below.
    [TestCase("91350100M000100Y43")]
    [TestCase("91110000600037341L")]
    [TestCase("911100001000128855")]
    public void Valid_codes_pass(string code) => Assert.That(UnifiedSocialCreditCode.IsValid(code), Is.True);

    [TestCase("91350100M000100Y44", TestName = "Wrong check character")]
    [TestCase("91350100M000100Y4", TestName = "Seventeen characters")]
    [TestCase("91350100M000100Y433", TestName = "Nineteen characters")]
    [TestCase("91350100I000100Y43", TestName = "Letter I is not in the alphabet")]
    [TestCase("91350100m000100Y43", TestName = "Lower case is not accepted")]
    [TestCase("", TestName = "Empty")]
    [TestCase(null, TestName = "Null")]
    public void Invalid_codes_fail(string? code) => Assert.That(UnifiedSocialCreditCode.IsValid(code), Is.False);

    [Test]
    public void The_check_character_is_computed_modulo_31_with_the_standard_weights()
    {
        // 9·1+1·3+3·9+5·27+0·19+1·26+0·16+0·17+21(M)·20+0·29+0·25+0·13+1·8+0·24+0·10+30(Y)·30+4·28 = 1640;
        // 1640 mod 31 = 28; 31 − 28 = 3 → '3'
        Assert.That(UnifiedSocialCreditCode.CheckCharacter("91350100M000100Y4"), Is.EqualTo('3'));
    }

    [Test]
    public void Every_single_character_change_of_a_valid_code_is_detected()
    {
        const string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        const string valid = "91350100M000100Y43";
        for (var i = 0; i < 18; i++)
        {
            foreach (var c in alphabet.Where(c => c != valid[i]))
            {
                var changed = valid[..i] + c + valid[(i + 1)..];
                Assert.That(UnifiedSocialCreditCode.IsValid(changed), Is.False, changed);
            }
        }
    }
}
