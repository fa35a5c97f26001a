using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.Calendar;

public sealed record CalendarDayDto(DateOnly Date, string Kind, string Name);

/// <param name="ClocksRecomputed">On a replace only: how many stored deadline clocks leaned on this year's calendar and
/// were computed again with the new one (in the same transaction); null when the year is read.</param>
public sealed record CalendarYearDto(int Year, string? Source, DateTimeOffset UpdatedAt, string UpdatedBy, long Version, IReadOnlyList<CalendarDayDto> Days,
    int? ClocksRecomputed = null);

/// <summary>One year's arrangement as loaded; 404 (saying the calendar is missing) when it is not loaded.</summary>
public static class GetCalendarYear
{
    [AllowedRoles(Roles.Officer, Roles.Clerk, Roles.Supervisor, Roles.Admin)]
    public sealed record Query(int Year) : IQuery<CalendarYearDto>;

    private sealed record YearRow
    {
        public int Year { get; init; }
        public string? Source { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }
        public string UpdatedBy { get; init; } = "";
        public long Version { get; init; }
    }

    private sealed record DayRow
    {
        public DateOnly Day { get; init; }
        public string Kind { get; init; } = "";
        public string Name { get; init; } = "";
    }

    private static readonly Sql SelectYear = new("SELECT year, source, updated_at, updated_by, version FROM calendar_years WHERE year = @Year");
    private static readonly Sql SelectDays = new("SELECT day, kind, name FROM calendar_days WHERE year = @Year ORDER BY day");

    internal static async Task<CalendarYearDto?> LoadAsync(DbSession db, int year, CancellationToken ct)
    {
        var row = await db.QuerySingleOrDefaultAsync<YearRow>(SelectYear, new { Year = year }, ct);
        if (row is null) return null;
        var days = await db.QueryAsync<DayRow>(SelectDays, new { Year = year }, ct);
        return new CalendarYearDto(row.Year, row.Source, row.UpdatedAt, row.UpdatedBy, row.Version,
            days.Select(d => new CalendarDayDto(d.Day, d.Kind, d.Name)).ToList());
    }

    public sealed class Handler(DbSession db) : IQueryHandler<Query, CalendarYearDto>
    {
        public async ValueTask<CalendarYearDto> Handle(Query query, CancellationToken ct) =>
            await LoadAsync(db, query.Year, ct) ?? throw new NotFoundException($"{query.Year} 年工作日历（尚未加载）", $"{query.Year} calendar (not loaded)", query.Year);
    }
}
