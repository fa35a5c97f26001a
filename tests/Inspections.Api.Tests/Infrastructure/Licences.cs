using Inspections.Domain.Venues;

namespace Inspections.Api.Tests.Infrastructure;

/// <summary>
/// Licence numbers and credit codes for the venues tests register: the register refuses a licence number or a
/// unified social credit code already registered in the district, so each test venue gets its own.
/// </summary>
public static class Licences
{
    /// <summary>
    /// The number as written, then a short unique tail: twelve hex digits (eight let two of the ~5,000 venues one fault test
    /// registers, with the database's earlier ones, share a number about once in a thousand runs: a 409 the test did not expect).
    /// </summary>
    public static string Unique(string number) => $"{number}-{Guid.NewGuid().ToString("N")[..12]}";

    /// <summary>A well-formed code (GB 32100-2015, right check character) of an enterprise in 温江区, not yet used.</summary>
    public static string CreditCode()
    {
        const string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        var body = "91510115" + string.Concat(Enumerable.Range(0, 9).Select(_ => alphabet[Random.Shared.Next(alphabet.Length)]));
        return body + UnifiedSocialCreditCode.CheckCharacter(body)!.Value;
    }
}
