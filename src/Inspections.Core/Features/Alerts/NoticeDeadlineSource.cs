using Dapper;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Inspections.Domain.Calendar;

namespace Inspections.Core.Features.Alerts;

/// <summary>
/// A notice giving a venue some natural days to put things right (an inspection's rectification
/// notice, a notice served on an unlicensed venue), as open clocks for the deadline scan. The two
/// differ only in where the notices are kept and what they are called.
/// </summary>
/// <param name="subjectType">The alerts' subject type.</param>
/// <param name="clockSubjectType">The clock's subject type.</param>
/// <param name="title">What the notice is called after the venue's name, e.g. "责令整改通知".</param>
/// <param name="openNotices">The notices still open whose jurisdiction lies between @JurisdictionFirst and @JurisdictionLast,
/// with the columns of <see cref="Row"/>.</param>
/// <param name="noticesOf">The same notices, open, of the ids (notices or their venues) in the JSON array @Ids.</param>
/// <param name="changedBy">The audit entity types of the commands that change them (<see cref="IDeadlineSource.ChangedBy"/>).</param>
/// <param name="parameters">The query's other parameters, if any.</param>
public abstract class NoticeDeadlineSource(string subjectType, string clockSubjectType, string title, Sql openNotices,
    Sql noticesOf, IReadOnlyCollection<string> changedBy, object? parameters = null)
    : IDeadlineSource
{
    public static readonly ClockWording Wording = new("下达整改通知", "整改期限", "完成整改");

    public static DeadlineClock Clock(string clockSubjectType, Guid id, DateOnly issuedOn, int limitDays) =>
        new(new ClockSubject(clockSubjectType, id.ToString("D")), ClockKind.NaturalDays, issuedOn, limitDays);

    public string ClockType => "notice";

    protected sealed record Row
    {
        public Guid Id { get; init; }
        public string Jurisdiction { get; init; } = "";
        public string VenueName { get; init; } = "";
        public DateOnly IssuedOn { get; init; }
        public int LimitDays { get; init; }
        public string ResponsibleUserId { get; init; } = "";
        public string? ResponsibleName { get; init; }
        /// <summary>The record the notice belongs to, where its address needs it (an unlicensed venue's campaign).</summary>
        public Guid? ParentId { get; init; }
    }

    public IReadOnlyCollection<string> ChangedBy => changedBy;

    public async Task<IReadOnlyList<OpenClock>> OpenClocksAsync(DbSession db, CodeRange scope, CancellationToken ct)
    {
        var arguments = new DynamicParameters(parameters);
        arguments.Add("JurisdictionFirst", scope.First);
        arguments.Add("JurisdictionLast", scope.Last);
        return Clocks(await db.QueryAsync<Row>(openNotices, arguments, ct));
    }

    public async Task<IReadOnlyList<OpenClock>> OpenClocksOfAsync(DbSession db, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var arguments = new DynamicParameters(parameters);
        arguments.Add("Ids", ClockRows.IdList(ids));
        return Clocks(await db.QueryAsync<Row>(noticesOf, arguments, ct));
    }

    private IReadOnlyList<OpenClock> Clocks(IEnumerable<Row> rows) =>
        rows.Select(r => new OpenClock(subjectType, r.Id, r.Jurisdiction, $"{r.VenueName} {title}",
            Clock(clockSubjectType, r.Id, r.IssuedOn, r.LimitDays), Wording, r.ResponsibleUserId, r.ResponsibleName, r.ParentId)).ToList();
}
