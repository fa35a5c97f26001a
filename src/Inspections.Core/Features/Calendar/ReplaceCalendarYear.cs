using FluentValidation;
using FluentValidation.Results;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Alerts;
using Inspections.Domain.Access;
using Inspections.Domain.Calendar;
using Mediator;

namespace Inspections.Core.Features.Calendar;

/// <summary>
/// Replaces one year's arrangement as a whole (admins): the holidays and make-up working days of
/// the State Council's notice. A year already loaded needs the version that was read (stale → 409).
/// </summary>
public static class ReplaceCalendarYear
{
    public sealed record DayInput(DateOnly? Date, [property: OneOf("holiday", "workday")] string? Kind, string? Name);

    [NotForStations(StationBar.SystemWide)]
    [AllowedRoles(Roles.Admin)]
    public sealed record Command : ICommand<CalendarYearDto>
    {
        [RouteValue] public int Year { get; init; }
        public long? Version { get; init; }
        public string? Source { get; init; }
        [MaxItems(366)] // one entry per day at most: a year has no more
        public IReadOnlyList<DayInput>? Days { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Year).InclusiveBetween(2000, 2100).Named("年份", "Year");
            RuleFor(x => x.Source).MaximumLength(200).Named("依据", "Source");
            RuleFor(x => x.Days).NotNull().Named("日期清单", "Days");
            RuleForEach(x => x.Days).ChildRules(day =>
            {
                day.RuleFor(d => d.Date).NotNull().Named("日期", "Date");
                day.RuleFor(d => d.Kind).Must(k => k is "holiday" or "workday")
                    .Says("类型应为 holiday（法定节假日）或 workday（调休上班日）", "Kind must be holiday or workday");
                day.RuleFor(d => d.Name).NotEmpty().MaximumLength(50).Named("名称", "Name");
            });
            RuleFor(x => x).Custom((command, context) =>
            {
                if (command.Days is null || command.Days.Any(d => d.Date is null || d.Kind is not ("holiday" or "workday"))) return;
                foreach (var error in CalendarYearValidator.Validate(ToYear(command)))
                    context.AddFailure(new ValidationFailure(error.Field, Text.Pick(error.MessageZh, error.MessageEn)));
            });
        }
    }

    internal static CalendarYear ToYear(Command command) => new(command.Year,
        command.Days!.Select(d => new CalendarDay(d.Date!.Value, CalendarStore.ParseKind(d.Kind!), d.Name?.Trim() ?? "")).ToList());

    private static readonly Sql SelectVersion = new("SELECT version FROM calendar_years WHERE year = @Year");
    private static readonly Sql DeleteDays = new("DELETE FROM calendar_days WHERE year = @Year");
    private static readonly Sql InsertYear = new("""
        INSERT INTO calendar_years (year, source, updated_at, updated_by, version) VALUES (@Year, @Source, @Now, @By, 1)
        """);
    private static readonly Sql UpdateYear = new("""
        UPDATE calendar_years SET source = @Source, updated_at = @Now, updated_by = @By, version = version + 1
        WHERE year = @Year AND version = @Version
        """);
    private static readonly Sql InsertDay = new("INSERT INTO calendar_days (day, year, kind, name) VALUES (@Day, @Year, @Kind, @Name)");

    /// <summary>Inserts a year that is not loaded yet (used by the seed as well).</summary>
    internal static async Task WriteYearAsync(DbSession db, CalendarYear year, string? source, string by, DateTimeOffset now, CancellationToken ct)
    {
        await db.ExecuteAsync(InsertYear, new { year.Year, Source = source, Now = now, By = by }, ct);
        await InsertDaysAsync(db, year, ct);
    }

    private static async Task InsertDaysAsync(DbSession db, CalendarYear year, CancellationToken ct)
    {
        foreach (var day in year.Days)
            await db.ExecuteAsync(InsertDay, new { Day = day.Date, year.Year, Kind = CalendarStore.WireKind(day.Kind), day.Name }, ct);
    }

    public sealed class Handler(DbSession db, ICurrentUser user, TimeProvider clock, ClockRows clocks, Reports.FigureFacts facts) : ICommandHandler<Command, CalendarYearDto>
    {
        public async ValueTask<CalendarYearDto> Handle(Command command, CancellationToken ct)
        {
            var year = ToYear(command);
            var now = clock.GetUtcNow();
            var current = await db.QuerySingleOrDefaultAsync<long?>(SelectVersion, new { command.Year }, ct);
            if (current is null)
            {
                if (command.Version is > 0)
                    throw new ConflictException($"{command.Year} 年的日历尚未加载，不能按版本修改。",
                        $"The {command.Year} calendar is not loaded, so there is no version to update.");
                await WriteYearAsync(db, year, command.Source, user.UserId, now, ct);
            }
            else
            {
                if (command.Version is null)
                    throw new ConflictException($"{command.Year} 年的日历已存在，替换时须提交当前版本号（{current}）。",
                        $"The {command.Year} calendar exists; send its current version ({current}) to replace it.",
                        new Dictionary<string, object?> { ["currentVersion"] = current });
                var changed = await db.ExecuteAsync(UpdateYear,
                    new { command.Year, command.Source, Now = now, By = user.UserId, command.Version }, ct);
                if (changed == 0) // read again: the version read above may predate the winner's commit
                    throw ConflictException.StaleVersion("工作日历", "calendar", command.Version.Value,
                        await db.QuerySingleOrDefaultAsync<long?>(SelectVersion, new { command.Year }, ct));
                await db.ExecuteAsync(DeleteDays, new { command.Year }, ct);
                await InsertDaysAsync(db, year, ct);
            }
            // The stored deadlines that lean on this year move with it, in this transaction.
            var recomputed = await clocks.RecomputeYearAsync(db, command.Year, ct);
            // And so do the figures' stored facts (whether a decision, completion or reply was on time).
            await facts.RecomputeYearAsync(db, command.Year, ct);
            db.AuditAbout("calendar", command.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return (await GetCalendarYear.LoadAsync(db, command.Year, ct)
                ?? throw new InvalidOperationException("The year just written is not there.")) with { ClocksRecomputed = recomputed };
        }
    }
}
