using Inspections.Core.Data;
using Inspections.Core.Features.Alerts;
using Inspections.Domain.Access;
using Inspections.Domain.Permits;

namespace Inspections.Core.Features.Permits;

/// <summary>
/// The correction window 补正告知期限 of each application still at the desk, stored beside its promised clock so
/// the work queue can order the desk by the clock it shows there. It raises no alerts: when the window runs out the
/// application counts as accepted (art. 32) and the promised clock, which the scan watches, takes over.
/// </summary>
public sealed class PermitCorrectionWindows : IDeadlineSource
{
    public const string Type = "permit-correction";

    public string ClockType => Type;

    public bool RaisesAlerts => false;

    public IReadOnlyCollection<string> ChangedBy => ["permit"];

    private static string Applications(string filter) => $"""
        SELECT {PermitRecord.Columns} FROM permit_applications
        WHERE stage = '{Common.Wire.Name(PermitStage.Received)}' AND {filter}
        """;

    private static readonly Sql Open = new(Applications("jurisdiction BETWEEN @JurisdictionFirst AND @JurisdictionLast"));
    private static readonly Sql Of = new(d => Applications(d.IdIn("id", "@Ids")));

    public async Task<IReadOnlyList<OpenClock>> OpenClocksAsync(DbSession db, CodeRange scope, CancellationToken ct) =>
        Clocks(await db.QueryAsync<PermitRecord>(Open, new { JurisdictionFirst = scope.First, JurisdictionLast = scope.Last }, ct));

    public async Task<IReadOnlyList<OpenClock>> OpenClocksOfAsync(DbSession db, IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        Clocks(await db.QueryAsync<PermitRecord>(Of, new { Ids = ClockRows.IdList(ids) }, ct));

    private static List<OpenClock> Clocks(IEnumerable<PermitRecord> applications) =>
        applications.Select(p => new OpenClock("permit", p.Id, p.Jurisdiction, p.Title, PermitClocks.CorrectionWindow(p),
            PermitClocks.CorrectionWording, p.ResponsibleId, p.ResponsibleName)).ToList();
}
