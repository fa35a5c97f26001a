using Inspections.Core.Data;
using Inspections.Core.Features.Alerts;
using Inspections.Domain.Access;

namespace Inspections.Core.Features.OfficeWork;

/// <summary>
/// Letters not yet replied to, as clocks for the deadline scan: a petition's written notice whether it is accepted
/// (15 natural days, 信访工作条例 art. 32) until it is given, then its reply (60 natural days from acceptance, art. 35);
/// a mailbox letter's reply (the local limit). One clock per letter at a time, stored again after every command on it.
/// </summary>
public sealed class OfficeLetterSource : IDeadlineSource
{
    public const string Type = "letter";

    public string ClockType => Type;

    public IReadOnlyCollection<string> ChangedBy => [LetterRows.EntityType];

    private static string Open(string filter) => $"SELECT {LetterRows.Columns} FROM office_letters WHERE replied_on IS NULL AND {filter}";

    private static readonly Sql InScope = new(Open("jurisdiction BETWEEN @JurisdictionFirst AND @JurisdictionLast"));
    private static readonly Sql Of = new(d => Open(d.IdIn("id", "@Ids")));

    public async Task<IReadOnlyList<OpenClock>> OpenClocksAsync(DbSession db, CodeRange scope, CancellationToken ct) =>
        Clocks(await db.QueryAsync<LetterRows.Row>(InScope, new { JurisdictionFirst = scope.First, JurisdictionLast = scope.Last }, ct));

    public async Task<IReadOnlyList<OpenClock>> OpenClocksOfAsync(DbSession db, IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        Clocks(await db.QueryAsync<LetterRows.Row>(Of, new { Ids = ClockRows.IdList(ids) }, ct));

    private static List<OpenClock> Clocks(IEnumerable<LetterRows.Row> rows) =>
        rows.Select(r => (r, running: LetterRows.Running(r)))
            .Where(x => x.running is not null)
            .Select(x => new OpenClock(Type, x.r.Id, x.r.Jurisdiction, LetterRows.Title(x.r), x.running!.Value.Clock, x.running.Value.Wording,
                x.r.ResponsibleId))
            .ToList();
}
