using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Venues;

namespace Inspections.Core.Features.OfficeWork;

/// <summary>A legal training for venue owners 经营业主法律法规培训: when, on what, for which kinds of venue, how many came, where.</summary>
public sealed record TrainingDto
{
    public Guid Id { get; init; }
    public string Jurisdiction { get; init; } = "";
    public DateOnly HeldOn { get; init; }
    public string Subject { get; init; } = "";
    /// <summary>The venue types whose owners were trained (wire names).</summary>
    public IReadOnlyList<string> VenueTypes { get; init; } = [];
    /// <summary>The same, as the office writes them: 网吧、歌舞娱乐场所.</summary>
    public IReadOnlyList<string> VenueTypeNames { get; init; } = [];
    public int Attendees { get; init; }
    public string Place { get; init; } = "";
    public string? Note { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public string CreatedBy { get; init; } = "";
}

internal static class TrainingRows
{
    internal const string Columns = "id, jurisdiction, held_on, subject, venue_types, attendees, place, note, created_at, created_by";

    internal sealed record Row
    {
        public Guid Id { get; init; }
        public string Jurisdiction { get; init; } = "";
        public DateOnly HeldOn { get; init; }
        public string Subject { get; init; } = "";
        public string VenueTypes { get; init; } = "";
        public int Attendees { get; init; }
        public string Place { get; init; } = "";
        public string? Note { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public string CreatedBy { get; init; } = "";

        public TrainingDto Dto()
        {
            var types = VenueTypes.Split(',', StringSplitOptions.RemoveEmptyEntries);
            return new TrainingDto
            {
                Id = Id, Jurisdiction = Jurisdiction, HeldOn = HeldOn, Subject = Subject, VenueTypes = types,
                VenueTypeNames = types.Select(t => Wire.TryParse<VenueType>(t, out var v) ? v.ChineseName() : t).ToList(),
                Attendees = Attendees, Place = Place, Note = Note, CreatedAt = CreatedAt, CreatedBy = CreatedBy,
            };
        }
    }

    private static readonly Sql SelectById = new($"SELECT {Columns} FROM office_trainings WHERE id = @Id");

    public static async Task<TrainingDto> LoadAsync(DbSession db, Guid id, CancellationToken ct) =>
        (await db.QuerySingleOrDefaultAsync<Row>(SelectById, new { Id = id }, ct))?.Dto()
        ?? throw new NotFoundException("培训记录", "training", id);
}
