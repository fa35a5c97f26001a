using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;

namespace Inspections.Core.Features.Venues;

/// <summary>
/// The register's one-business-once rule, shared by registering and updating a venue: within a district (its towns
/// included) no two venues share a unified social credit code 统一社会信用代码 or a licence number 许可证号, and a
/// second venue of the same name and address is registered only when confirmed. The check runs under a lock per
/// identifier it checks (<see cref="DbLocks"/>), so two requests at the same instant cannot both pass it; an update
/// that keeps its identifiers checks and locks nothing.
/// </summary>
internal static class VenueDuplicates
{
    private sealed record Existing(Guid Id, string Name, string Address, string? UnifiedSocialCreditCode, string? LicenseNumber);

    private static readonly Sql SameVenue = new("""
        SELECT id, name, address, unified_social_credit_code, license_number FROM venues
        WHERE jurisdiction BETWEEN @JurisdictionFirst AND @JurisdictionLast AND id <> @Except
          AND (unified_social_credit_code = @Code OR license_number = @License OR (name = @Name AND address = @Address))
        ORDER BY created_at, id
        """);

    /// <summary>The district the venue's jurisdiction lies in (a town's district), where its identifiers must be new.</summary>
    public static string District(string jurisdiction) => Jurisdiction.Level(jurisdiction) == JurisdictionLevel.Town ? jurisdiction[..6] : jurisdiction;

    /// <summary>
    /// Refuses (409 naming the other venue) a credit code or licence number another venue of the district holds, and,
    /// when <paramref name="checkNameAndAddress"/>, the same name and address (a 409 the caller may confirm past). <paramref name="except"/> is the
    /// venue being updated. <paramref name="checkCode"/> and <paramref name="checkLicense"/> leave out identifiers an update keeps.
    /// </summary>
    public static async Task EnsureNoneAsync(DbSession db, IVenueFacts facts, string jurisdiction, Guid? except,
        bool checkCode, bool checkLicense, bool checkNameAndAddress, CancellationToken ct)
    {
        var district = District(jurisdiction);
        var range = Jurisdiction.Level(district) == JurisdictionLevel.District ? Jurisdiction.Range(district) : new CodeRange(district, district);
        var code = checkCode ? Input.Clean(facts.UnifiedSocialCreditCode) : null;
        var license = checkLicense ? Input.Clean(facts.LicenseNumber) : null;
        var name = facts.Name!.Trim();
        var address = facts.Address!.Trim();
        if (code is null && license is null && !checkNameAndAddress) return;
        // One lock per identifier checked, always in this order (so two requests never wait on each other in a circle):
        // requests with nothing in common run side by side.
        if (code is not null) await DbLocks.HoldAsync(db, $"venue-code:{district}:{code}", ct);
        if (license is not null) await DbLocks.HoldAsync(db, $"venue-licence:{district}:{license}", ct);
        if (checkNameAndAddress) await DbLocks.HoldAsync(db, $"venue-name:{district}:{name}\n{address}", ct);
        var found = await db.QueryAsync<Existing>(SameVenue, new
        {
            JurisdictionFirst = range.First, JurisdictionLast = range.Last, Except = except ?? Guid.Empty,
            Code = code, License = license, Name = name, Address = address,
        }, ct);
        var verb = except is null ? "不能重复登记" : "不能改为与其他场所相同";
        var verbEn = except is null ? "update that record instead" : "another venue cannot take it";
        if (code is not null && found.FirstOrDefault(v => v.UnifiedSocialCreditCode == code) is { } sameCode)
            throw Refusal(RegisterVenue.DuplicateVenue.CreditCode, sameCode,
                $"统一社会信用代码 {code} 已登记为场所“{sameCode.Name}”，同一经营者{verb}，请在原档案中修改。",
                $"The unified social credit code {code} is already registered as the venue \"{sameCode.Name}\"; {verbEn}.");
        if (license is not null && found.FirstOrDefault(v => v.LicenseNumber == license) is { } sameLicense)
            throw Refusal(RegisterVenue.DuplicateVenue.LicenseNumber, sameLicense,
                $"许可证号 {license} 已登记为场所“{sameLicense.Name}”，{verb}，请在原档案中修改。",
                $"The licence number {license} is already registered as the venue \"{sameLicense.Name}\"; {verbEn}.");
        if (checkNameAndAddress && found.FirstOrDefault(v => v.Name == name && v.Address == address) is { } sameName)
            throw Refusal(RegisterVenue.DuplicateVenue.NameAndAddress, sameName,
                $"已有同名同址场所“{sameName.Name}”（{sameName.Address}）。确属另一家场所的，请确认后重新提交（confirmDuplicate: true）。",
                $"A venue of the same name and address is already registered (\"{sameName.Name}\", {sameName.Address}). If this is another venue, send it again with confirmDuplicate: true.");
    }

    private static ConflictException Refusal(string duplicate, Existing existing, string zh, string en) => new(zh, en,
        new Dictionary<string, object?>
        {
            ["duplicate"] = duplicate,
            ["existingVenueId"] = existing.Id,
            ["existingVenue"] = $"/api/venues/{existing.Id}",
            ["existingVenueName"] = existing.Name,
            ["canConfirm"] = duplicate == RegisterVenue.DuplicateVenue.NameAndAddress,
        });
}
