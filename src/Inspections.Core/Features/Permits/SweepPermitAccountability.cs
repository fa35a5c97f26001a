using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Calendar;
using Inspections.Domain.Access;
using Inspections.Domain.Calendar;
using Mediator;

namespace Inspections.Core.Features.Permits;

/// <summary>An accountability record 责任追究: an application completed late, or still open past its promised limit.</summary>
public sealed record AccountabilityDto
{
    public Guid Id { get; init; }
    public Guid ApplicationId { get; init; }
    public string Jurisdiction { get; init; } = "";
    public string ClerkId { get; init; } = "";      // the first-inquiry responsible person 首问责任人
    public string ClerkName { get; init; } = "";
    public string Title { get; init; } = "";
    /// <summary>completedLate (办结超期) or overdueOpen (超期未办结).</summary>
    public string Reason { get; init; } = "";
    public DateOnly DueDate { get; init; }
    public int OverdueDays { get; init; }
    public string Explanation { get; init; } = "";
    public DateTimeOffset DetectedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    /// <summary>open (待审查) or closed (已结论).</summary>
    public string Status { get; init; } = "";
    public string? Finding { get; init; }
    public string? ClosedByName { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    public long Version { get; init; }

    internal const string Columns = """
        id, application_id, jurisdiction, clerk_id, clerk_name, title, reason, due_date, overdue_days, explanation,
        detected_at, completed_at, status, finding, closed_by_name, closed_at, version
        """;
}

/// <summary>
/// Raising records: one per application, by whichever finds it first. Completion raises one in its
/// own transaction when it comes late; the sweep raises one for every application still open past
/// its promised limit; when an application the sweep found is completed, its record notes when.
/// </summary>
internal static class PermitAccountabilityRecords
{
    private static readonly Sql Insert = new(d => d.Provider switch
    {
        DbProvider.SqlServer => """
            INSERT INTO permit_accountability (id, application_id, jurisdiction, clerk_id, clerk_name, title, reason, due_date,
                overdue_days, explanation, detected_at, completed_at, status, version)
            SELECT @Id, @ApplicationId, @Jurisdiction, @ClerkId, @ClerkName, @Title, @Reason, @DueDate,
                @OverdueDays, @Explanation, @Now, @CompletedAt, 'open', 1
            WHERE NOT EXISTS (SELECT 1 FROM permit_accountability WITH (UPDLOCK, HOLDLOCK) WHERE application_id = @ApplicationId)
            """,
        _ => """
            INSERT INTO permit_accountability (id, application_id, jurisdiction, clerk_id, clerk_name, title, reason, due_date,
                overdue_days, explanation, detected_at, completed_at, status, version)
            VALUES (@Id, @ApplicationId, @Jurisdiction, @ClerkId, @ClerkName, @Title, @Reason, @DueDate,
                @OverdueDays, @Explanation, @Now, @CompletedAt, 'open', 1)
            ON CONFLICT (application_id) DO NOTHING
            """,
    });

    private static readonly Sql NoteCompletion = new("""
        UPDATE permit_accountability SET completed_at = @CompletedAt, overdue_days = @OverdueDays, explanation = @Explanation,
            version = version + 1
        WHERE application_id = @ApplicationId AND completed_at IS NULL
        """);

    /// <returns>1 when a record was raised, 0 when the application already had one.</returns>
    public static async Task<int> RaiseAsync(DbSession db, PermitRecord p, string reason, ClockEvaluation evaluation, string explanation,
        DateTimeOffset now, CancellationToken ct)
    {
        var completedAt = evaluation.IsCompleted ? p.CompletedAt : null;
        var parameters = new
        {
            Id = Guid.CreateVersion7(now),
            ApplicationId = p.Id,
            p.Jurisdiction,
            ClerkId = p.ResponsibleId,
            ClerkName = p.ResponsibleName,
            p.Title,
            Reason = reason,
            evaluation.DueDate,
            // Late on the weekend after a Friday deadline is late by no counted day yet.
            OverdueDays = Math.Max(0, -evaluation.RemainingDays),
            Explanation = explanation,
            Now = now,
            CompletedAt = completedAt,
        };
        var raised = await db.ExecuteAsync(Insert, parameters, ct);
        if (raised == 0 && completedAt is not null) await db.ExecuteAsync(NoteCompletion, parameters, ct);
        return raised;
    }
}

/// <summary>
/// Finds applications still open past their promised limit and raises a record for each (the
/// deadline alerts warn; this holds the responsible clerk to account). Run by a recurring job as the
/// system user over every jurisdiction, or by a supervisor over their own.
/// </summary>
public static class SweepPermitAccountability
{
    [AllowedRoles(Roles.System, Roles.Supervisor, Roles.Admin)]
    public sealed record Command : ICommand<Result>;

    public sealed record Result(int Examined, int Overdue, int Raised);

    private static readonly Sql Open = new($"""
        SELECT {PermitRecord.Columns} FROM permit_applications
        WHERE jurisdiction LIKE @JurisdictionPrefix
          AND stage IN ('received', 'accepted', 'underReview', 'suspended', 'approved', 'refused')
        """);

    public sealed class Handler(DbSession db, ICurrentUser user, TimeProvider clock, CalendarStore calendars, ClockOptions clockOptions)
        : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            var evaluator = await calendars.EvaluatorAsync(db, ct);
            var prefix = user.Role == Roles.System ? "" : Jurisdiction.Prefix(user.Jurisdiction);
            var open = await db.QueryAsync<PermitRecord>(Open, new { JurisdictionPrefix = prefix + "%" }, ct);
            int overdue = 0, raised = 0;
            foreach (var stored in open)
            {
                var p = PermitClocks.Effective(stored, evaluator, now);
                if (p.AcceptedOn is null) continue;
                var suspensions = await db.QueryAsync<SuspensionRow>(PermitView.Suspensions, new { p.Id }, ct);
                var promised = PermitClocks.Promised(p, suspensions)!;
                var evaluation = evaluator.Evaluate(promised, now, clockOptions.DueSoonFor("permit"));
                if (evaluation.Status != ClockStatus.Overdue) continue;
                overdue++;
                raised += await PermitAccountabilityRecords.RaiseAsync(db, p, "overdueOpen", evaluation,
                    evaluator.Explain(promised, evaluation, ClockWording.PermitPromised), now, ct);
            }
            db.AuditAbout("permit-accountability-sweep", Guid.CreateVersion7(now));
            return new Result(open.Count, overdue, raised);
        }
    }
}

/// <summary>The Hangfire job: thin, it sends the sweep as the system user.</summary>
public sealed class PermitAccountabilityJob(IMediator mediator)
{
    public const string Id = "permit-accountability-sweep";

    public async Task RunAsync(CancellationToken ct) => await mediator.Send(new SweepPermitAccountability.Command(), ct);
}

/// <summary>Accountability records of the caller's jurisdiction, open ones first by default.</summary>
public static class ListAccountability
{
    [AllowedRoles(Roles.Clerk, Roles.Supervisor, Roles.Admin)]
    public sealed record Query(string? Status, string? ClerkId) : IQuery<IReadOnlyList<AccountabilityDto>>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(x => x.Status).Must(s => s is null or "open" or "closed")
                .Says("状态应为 open（待审查）或 closed（已结论）", "Status must be open or closed");
            RuleFor(x => x.ClerkId).MaximumLength(100).Named("责任人", "Clerk");
        }
    }

    private static readonly Sql Select = new($"""
        SELECT {AccountabilityDto.Columns} FROM permit_accountability
        WHERE jurisdiction LIKE @JurisdictionPrefix
          AND (@Status IS NULL OR status = @Status)
          AND (@ClerkId IS NULL OR clerk_id = @ClerkId)
        ORDER BY detected_at, id
        """);

    public sealed class Handler(DbSession db, ICurrentUser user) : IQueryHandler<Query, IReadOnlyList<AccountabilityDto>>
    {
        public async ValueTask<IReadOnlyList<AccountabilityDto>> Handle(Query query, CancellationToken ct) =>
            await db.QueryAsync<AccountabilityDto>(Select, new
            {
                JurisdictionPrefix = Jurisdiction.Prefix(user.Jurisdiction) + "%",
                query.Status,
                // A clerk sees the records held against them; supervisors see everyone's.
                ClerkId = user.Role == Roles.Clerk ? user.UserId : query.ClerkId,
            }, ct);
    }
}

/// <summary>A supervisor reviews a record and closes it with a finding 追究结论; closing twice is a 409.</summary>
public static class CloseAccountability
{
    [AllowedRoles(Roles.Supervisor)]
    public sealed record Command(Guid Id, long? Version, string? Finding) : ICommand<AccountabilityDto>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Version).NotNull().GreaterThan(0).Named("版本号", "Version");
            RuleFor(x => x.Finding).NotEmpty().MaximumLength(2000).Named("追究结论", "Finding");
        }
    }

    private static readonly Sql SelectOne = new($"SELECT {AccountabilityDto.Columns} FROM permit_accountability WHERE id = @Id");
    private static readonly Sql Close = new("""
        UPDATE permit_accountability SET status = 'closed', finding = @Finding, closed_by_id = @ById, closed_by_name = @ByName,
            closed_at = @Now, version = version + 1
        WHERE id = @Id AND version = @Version AND status = 'open'
        """);

    public sealed class Handler(DbSession db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, AccountabilityDto>
    {
        public async ValueTask<AccountabilityDto> Handle(Command command, CancellationToken ct)
        {
            var record = await db.QuerySingleOrDefaultAsync<AccountabilityDto>(SelectOne, new { command.Id }, ct)
                ?? throw new NotFoundException("责任追究记录", "accountability record", command.Id);
            user.EnsureCanChange(record.Jurisdiction);
            if (record.Status == "closed")
                throw new ConflictException($"该记录已于 {record.ClosedAt:yyyy-MM-dd} 由 {record.ClosedByName} 作出结论。",
                    $"The record was already closed by {record.ClosedByName} on {record.ClosedAt:yyyy-MM-dd}.");
            var changed = await db.ExecuteAsync(Close, new
            {
                command.Id, command.Version, Finding = command.Finding!.Trim(), ById = user.UserId, ByName = user.DisplayName, Now = clock.GetUtcNow(),
            }, ct);
            if (changed == 0) // read again: the version read above may predate the winner's commit
                throw ConflictException.StaleVersion("责任追究记录", "accountability record", command.Version!.Value,
                    (await db.QuerySingleOrDefaultAsync<AccountabilityDto>(SelectOne, new { command.Id }, ct))?.Version);
            db.AuditAbout("permit-accountability", command.Id);
            return (await db.QuerySingleOrDefaultAsync<AccountabilityDto>(SelectOne, new { command.Id }, ct))!;
        }
    }
}
