namespace Inspections.Domain.Venues;

/// <summary>
/// Unified social credit code 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-letter
/// alphabet (digits and capitals without I, O, Z, S, V); the last is a check character
/// computed modulo 31 over the first seventeen with fixed weights.
/// </summary>
public static class UnifiedSocialCreditCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    public static bool IsValid(string? code)
    {
        if (code is not { Length: 18 }) return false;
        var expected = CheckCharacter(code.AsSpan(0, 17));
        return expected is not null && expected == code[17];
    }

    /// <summary>The check character for the first seventeen characters, or null if one is outside the alphabet.</summary>
    public static char? CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17) return null;
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var value = Alphabet.IndexOf(first17[i]);
            if (value < 0) return null;
            sum += value * Weights[i];
        }
        var check = 31 - sum % 31;
        return Alphabet[check == 31 ? 0 : check];
    }
}
