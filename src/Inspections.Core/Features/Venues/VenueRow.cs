using Inspections.Core.Common;
using Inspections.Core.Data;

namespace Inspections.Core.Features.Venues;

/// <summary>Reading and writing the venues table, shared by the venue slices.</summary>
internal static class VenueRow
{
    internal static readonly Sql SelectById = new($"SELECT {VenueDto.Columns} FROM venues WHERE id = @Id");

    public static async Task<VenueDto> LoadAsync(Data.DbSession db, Guid id, CancellationToken ct) =>
        Found(await db.QuerySingleOrDefaultAsync<VenueDto>(SelectById, new { Id = id }, ct), id);

    /// <summary>The venue read by <see cref="SelectById"/>, or the 404 when there was none.</summary>
    public static VenueDto Found(VenueDto? venue, Guid id) => venue ?? throw new NotFoundException("场所", "venue", id);

    /// <summary>The parameters of an insert or update, with the user's text trimmed.</summary>
    public static object Parameters(IVenueFacts f, Guid id, string jurisdiction, DateTimeOffset now, long version) => new
    {
        Id = id,
        Jurisdiction = jurisdiction,
        Name = f.Name!.Trim(),
        Address = f.Address!.Trim(),
        f.Type,
        OperatorName = Input.Clean(f.OperatorName),
        LegalRepresentative = Input.Clean(f.LegalRepresentative),
        UnifiedSocialCreditCode = Input.Clean(f.UnifiedSocialCreditCode),
        LicenseNumber = Input.Clean(f.LicenseNumber),
        f.LicenseValidUntil,
        f.LicenseStatus,
        f.Terminals,
        f.Rooms,
        Now = now,
        Version = version,
    };
}
