using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Calendar;
using Inspections.Domain.Access;
using Inspections.Domain.Inspections;
using Mediator;

namespace Inspections.Core.Features.Inspections;

/// <summary>
/// The follow-up check 整改复查 of a rectification notice: an officer goes back and records whether
/// the venue complied. Until then the notice is open work with a natural-day deadline, and the
/// deadline scan raises due-soon and overdue alerts for it.
/// </summary>
public static class CheckRectification
{
    public const string Rectified = "rectified";       // 已整改
    public const string NotRectified = "notRectified"; // 未整改

    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Command : ICommand<InspectionDto>
    {
        [RouteValue] public Guid InspectionId { get; init; }
        public long? Version { get; init; }
        public DateOnly? CheckedOn { get; init; }
        [OneOf("rectified", "notRectified")] public string? Result { get; init; }
        public string? Note { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Version).IsVersion();
            RuleFor(x => x.CheckedOn).NotNull().Named("复查日期", "Check date");
            RuleFor(x => x.Result).Must(r => r is Rectified or NotRectified)
                .Says("复查结论应为 rectified（已整改）或 notRectified（未整改）", "Result must be rectified or notRectified");
            RuleFor(x => x.Note).NotEmpty().When(x => x.Result == NotRectified)
                .Says("未整改须写明情况", "Say what was found when the venue did not comply");
            RuleFor(x => x.Note).MaximumLength(2000).Named("复查情况", "Note");
        }
    }

    private sealed record NoticeRow
    {
        public string Jurisdiction { get; init; } = "";
        public string Outcome { get; init; } = "";
        public DateOnly? RectificationIssuedOn { get; init; }
        public DateOnly? RectificationCheckedOn { get; init; }
        public long Version { get; init; }
    }

    private static readonly Sql SelectNotice = new("""
        SELECT jurisdiction, outcome, rectification_issued_on, rectification_checked_on, version
        FROM inspections WHERE id = @Id
        """);

    private static readonly Sql Record = new("""
        UPDATE inspections
        SET rectification_checked_on = @CheckedOn, rectification_result = @Result, rectification_checked_by = @By,
            rectification_check_note = @Note, version = version + 1
        WHERE id = @Id AND version = @Version AND rectification_checked_on IS NULL
        """);

    public sealed class Handler(DbSession db, ICurrentUser user, CalendarStore calendars, TimeProvider clock)
        : ICommandHandler<Command, InspectionDto>
    {
        public async ValueTask<InspectionDto> Handle(Command command, CancellationToken ct)
        {
            var notice = await db.QuerySingleOrDefaultAsync<NoticeRow>(SelectNotice, new { Id = command.InspectionId }, ct)
                ?? throw new NotFoundException("检查记录", "inspection", command.InspectionId);
            user.EnsureCanChange(notice.Jurisdiction);
            if (notice.Outcome != Wire.Name(InspectionOutcome.RectificationNotice) || notice.RectificationIssuedOn is null)
                throw new ConflictException("该检查未下达责令整改通知，无需复查。", "This inspection issued no rectification notice.");
            if (notice.RectificationCheckedOn is not null)
                throw new ConflictException($"该整改通知已于 {notice.RectificationCheckedOn:yyyy-MM-dd} 复查。",
                    $"The notice was already checked on {notice.RectificationCheckedOn:yyyy-MM-dd}.");

            var today = (await calendars.EvaluatorAsync(db, ct)).LocalDate(clock.GetUtcNow());
            if (command.CheckedOn < notice.RectificationIssuedOn)
                throw Input.Invalid("CheckedOn", "复查日期不能早于整改通知下达日", "The check cannot precede the notice");
            if (command.CheckedOn > today)
                throw Input.Invalid("CheckedOn", "复查日期不能晚于今天", "The check cannot be in the future");

            var changed = await db.ExecuteAsync(Record, new
            {
                Id = command.InspectionId, command.CheckedOn, command.Result, By = user.DisplayName,
                Note = Input.Clean(command.Note), command.Version,
            }, ct);
            if (changed == 0) // read again: the version read above may predate the winner's commit
                throw ConflictException.StaleVersion("检查记录", "inspection", command.Version!.Value,
                    (await db.QuerySingleOrDefaultAsync<NoticeRow>(SelectNotice, new { Id = command.InspectionId }, ct))?.Version);
            db.AuditAbout("inspection", command.InspectionId);
            return await InspectionRows.LoadAsync(db, command.InspectionId, ct);
        }
    }
}
