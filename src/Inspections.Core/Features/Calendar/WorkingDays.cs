using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.Calendar;

/// <summary>
/// What a clerk at the window is asked: how many working days lie between two dates, and which
/// date is N working days after a date. Answers that rely on a year with no calendar loaded say so.
/// </summary>
public static class WorkingDays
{
    public sealed record Answer
    {
        public DateOnly From { get; init; }
        public DateOnly? To { get; init; }
        public int? Days { get; init; }
        public int? WorkingDaysBetween { get; init; }
        public DateOnly? Result { get; init; }
        public bool? ResultIsMakeUpWorkday { get; init; }
        public IReadOnlyList<string> HolidaysCrossed { get; init; } = [];
        public bool CalendarMissing { get; init; }
        public IReadOnlyList<int> MissingYears { get; init; } = [];
        public string? Warning { get; init; }
    }

    [AllowedRoles(Roles.Officer, Roles.Clerk, Roles.Supervisor, Roles.Admin)]
    public sealed record Between(DateOnly? From, DateOnly? To) : IQuery<Answer>;

    [AllowedRoles(Roles.Officer, Roles.Clerk, Roles.Supervisor, Roles.Admin)]
    public sealed record Add(DateOnly? Date, int? Days) : IQuery<Answer>;

    public sealed class BetweenValidator : AbstractValidator<Between>
    {
        public BetweenValidator()
        {
            this.Period(x => x.From, x => x.To);
        }
    }

    public sealed class AddValidator : AbstractValidator<Add>
    {
        public AddValidator()
        {
            RuleFor(x => x.Date).NotNull().Named("日期", "Date");
            RuleFor(x => x.Days).NotNull().InclusiveBetween(0, 1000).Named("工作日数", "Days");
        }
    }

    private static string? Warn(bool missing, IReadOnlyList<int> years) => missing
        ? Text.Pick($"{string.Join("、", years)} 年工作日历未加载，结果仅按周末推算，请管理员导入当年节假日安排。",
                    $"No calendar is loaded for {string.Join(", ", years)}; the result counts weekends only.")
        : null;

    public sealed class BetweenHandler(DbSession db, CalendarStore calendars) : IQueryHandler<Between, Answer>
    {
        public async ValueTask<Answer> Handle(Between query, CancellationToken ct)
        {
            var calendar = await calendars.CalendarAsync(db, ct);
            var answer = calendar.WorkingDaysBetween(query.From!.Value, query.To!.Value);
            var missing = answer.MissingYears;
            return new Answer
            {
                From = query.From.Value,
                To = query.To.Value,
                WorkingDaysBetween = answer.Value,
                HolidaysCrossed = calendar.HolidayNamesBetween(query.From.Value, query.To.Value),
                CalendarMissing = answer.CalendarMissing,
                MissingYears = missing,
                Warning = Warn(answer.CalendarMissing, missing),
            };
        }
    }

    public sealed class AddHandler(DbSession db, CalendarStore calendars) : IQueryHandler<Add, Answer>
    {
        public async ValueTask<Answer> Handle(Add query, CancellationToken ct)
        {
            var calendar = await calendars.CalendarAsync(db, ct);
            var answer = calendar.AddWorkingDays(query.Date!.Value, query.Days!.Value);
            var missing = answer.MissingYears;
            return new Answer
            {
                From = query.Date.Value,
                Days = query.Days,
                Result = answer.Value,
                ResultIsMakeUpWorkday = calendar.IsMakeUpWorkday(answer.Value),
                HolidaysCrossed = calendar.HolidayNamesBetween(query.Date.Value, answer.Value),
                CalendarMissing = answer.CalendarMissing,
                MissingYears = missing,
                Warning = Warn(answer.CalendarMissing, missing),
            };
        }
    }
}
