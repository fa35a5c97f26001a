using Inspections.Core.Common;
using Inspections.Core.Data;

namespace Inspections.Core.Features.Cases;

/// <summary>
/// A penalty decided on the spot under the simplified procedure 简易程序 (行政处罚法 arts. 51-52): the numbered
/// decision form 当场处罚决定书 as filed with the agency. It has no case file and no decision limit.
/// </summary>
public sealed record OnTheSpotPenaltyDto
{
    public Guid Id { get; init; }
    public string Jurisdiction { get; init; } = "";
    /// <summary>The pre-printed number of the decision form 决定书编号.</summary>
    public string DocumentNumber { get; init; } = "";
    public string Procedure { get; init; } = "simplified";
    public Guid? VenueId { get; init; }
    public CaseParty Party { get; init; } = new();
    public CaseViolation Violation { get; init; } = new();
    public string Facts { get; init; } = "";
    public DateOnly? OccurredOn { get; init; }
    public string Place { get; init; } = "";
    public DateOnly DecidedOn { get; init; }
    public bool Warning { get; init; }
    public decimal? FineAmount { get; init; }
    public string OfficerId { get; init; } = "";
    public string OfficerName { get; init; } = "";
    public string? OfficerCredential { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

internal static class OnTheSpotPenalties
{
    private sealed record Row
    {
        public Guid Id { get; init; }
        public string Jurisdiction { get; init; } = "";
        public string DocumentNumber { get; init; } = "";
        public Guid? VenueId { get; init; }
        public string PartyKind { get; init; } = "";
        public string PartyName { get; init; } = "";
        public string? PartyCreditCode { get; init; }
        public string? PartyIdNumber { get; init; }
        public string ViolationCode { get; init; } = "";
        public string Facts { get; init; } = "";
        public DateOnly? OccurredOn { get; init; }
        public string Place { get; init; } = "";
        public DateOnly DecidedOn { get; init; }
        public bool Warning { get; init; }
        public long? FineFen { get; init; }
        public string OfficerId { get; init; } = "";
        public string OfficerName { get; init; } = "";
        public string? OfficerCredential { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
    }

    private static readonly Sql SelectById = new("""
        SELECT id, jurisdiction, document_number, venue_id, party_kind, party_name, party_credit_code, party_id_number, violation_code,
            facts, occurred_on, place, decided_on, warning, fine_fen, officer_id, officer_name, officer_credential, created_at
        FROM on_the_spot_penalties WHERE id = @Id
        """);
    private static readonly Sql Violation = new("SELECT code, name, legal_basis, penalty_basis FROM violation_catalog WHERE code = @Code");

    public static async Task<OnTheSpotPenaltyDto> LoadAsync(DbSession db, ICurrentUser user, Guid id, CancellationToken ct)
    {
        var r = await db.QuerySingleOrDefaultAsync<Row>(SelectById, new { Id = id }, ct)
            ?? throw new NotFoundException("当场处罚决定", "on-the-spot penalty", id);
        user.EnsureCanSee(r.Jurisdiction);
        var violation = await db.QuerySingleOrDefaultAsync<CaseViolation>(Violation, new { Code = r.ViolationCode }, ct) ?? new CaseViolation { Code = r.ViolationCode };
        return new OnTheSpotPenaltyDto
        {
            Id = r.Id, Jurisdiction = r.Jurisdiction, DocumentNumber = r.DocumentNumber, VenueId = r.VenueId,
            Party = new CaseParty { Kind = r.PartyKind, Name = r.PartyName, UnifiedSocialCreditCode = r.PartyCreditCode, IdNumber = r.PartyIdNumber },
            Violation = violation, Facts = r.Facts, OccurredOn = r.OccurredOn, Place = r.Place, DecidedOn = r.DecidedOn,
            Warning = r.Warning, FineAmount = CaseWire.Yuan(r.FineFen), OfficerId = r.OfficerId, OfficerName = r.OfficerName,
            OfficerCredential = r.OfficerCredential, CreatedAt = r.CreatedAt,
        };
    }
}
