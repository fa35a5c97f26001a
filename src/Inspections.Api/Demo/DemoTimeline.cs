using Inspections.Core.Common;
using Inspections.Domain.Calendar;
using Mediator;

namespace Inspections.Api.Demo;

/// <summary>
/// The story's steps in time order. Each step runs with the application's clock set to its moment,
/// and a step may plan later ones (a follow-up check on the day a notice falls due). Steps planned
/// after the end (now) do not happen: that is what leaves work open, due soon or overdue today.
/// Moments are kept strictly increasing, one second apart at least, so records made in one step
/// sort after those of the step before.
/// </summary>
internal sealed class DemoTimeline(DemoClock clock, DateTimeOffset end)
{
    private sealed record Step(DateTimeOffset At, string What, Func<Task> Act);

    private readonly PriorityQueue<Step, (DateTimeOffset At, long Order)> _queue = new();
    private long _order;
    private DateTimeOffset _last = DateTimeOffset.MinValue;

    public DateTimeOffset End { get; } = end;

    public void At(DateTimeOffset at, string what, Func<Task> act) => _queue.Enqueue(new Step(at, what, act), (at, _order++));

    /// <summary>Moves the clock on inside a step (a photo uploaded after the record is saved).</summary>
    public void Tick(int seconds = 30)
    {
        _last = _last.AddSeconds(seconds);
        clock.Now = _last;
    }

    public async Task RunAsync(CancellationToken ct)
    {
        while (_queue.TryDequeue(out var step, out _))
        {
            ct.ThrowIfCancellationRequested();
            var at = step.At > _last ? step.At : _last.AddSeconds(1);
            if (at > End) continue; // not yet: the work stays open today
            _last = at;
            clock.Now = at;
            try
            {
                await step.Act();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new DemoStepFailed(step.What, at, e);
            }
        }
    }
}

internal sealed class DemoStepFailed(string step, DateTimeOffset at, Exception inner)
    : Exception($"演示数据步骤失败 Demo step failed: {step} @ {at:yyyy-MM-dd HH:mm} — {Describe(inner)}", inner)
{
    private static string Describe(Exception e) => e switch
    {
        FluentValidation.ValidationException v => string.Join("; ", v.Errors.Select(x => $"{x.PropertyName}: {x.ErrorMessage}")),
        _ => e.Message,
    };
}

/// <summary>Sends one request as one demo user, each in its own scope: the same pipeline (roles, validation, transaction, audit) the API runs.</summary>
internal sealed class DemoSender(IServiceProvider services)
{
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    public int Commands { get; private set; }

    /// <summary>How many requests of a use case (e.g. "RecordInspection") were sent.</summary>
    public int Count(string useCase) => _counts.GetValueOrDefault(useCase);

    public async Task<T> Do<T>(ICurrentUser user, ICommand<T> command)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DemoActor>().User = user;
        Commands++;
        var useCase = command.GetType().DeclaringType?.Name ?? command.GetType().Name;
        _counts[useCase] = Count(useCase) + 1;
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command);
    }

    public async Task<T> Ask<T>(ICurrentUser user, IQuery<T> query)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DemoActor>().User = user;
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(query);
    }
}

/// <summary>Working days and local moments of the district (Asia/Shanghai), from the seeded working calendar.</summary>
internal sealed class DemoCalendar(WorkingCalendar calendar, TimeZoneInfo zone)
{
    public WorkingCalendar Calendar { get; } = calendar;

    public bool IsWorkday(DateOnly day) => Calendar.IsWorkingDay(day).Value;

    public DateOnly OnOrAfter(DateOnly day) => Calendar.NextWorkingDayOnOrAfter(day).Value;

    public DateOnly OnOrBefore(DateOnly day)
    {
        while (!IsWorkday(day)) day = day.AddDays(-1);
        return day;
    }

    public DateOnly AddWorkdays(DateOnly day, int n) => n >= 0
        ? Calendar.AddWorkingDays(day, n).Value
        : SubtractWorkdays(day, -n);

    private DateOnly SubtractWorkdays(DateOnly day, int n)
    {
        while (n > 0)
        {
            day = day.AddDays(-1);
            if (IsWorkday(day)) n--;
        }
        return day;
    }

    /// <summary>A local wall-clock moment of the district.</summary>
    public DateTimeOffset At(DateOnly day, int hour, int minute = 0)
    {
        var local = day.ToDateTime(new TimeOnly(0, 0)).AddHours(hour).AddMinutes(minute);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    public DateOnly Date(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <summary>Runs of consecutive statutory holidays within the range, with their names (e.g. 国庆节 10-01..10-08).</summary>
    public IReadOnlyList<HolidayRun> Holidays(DateOnly from, DateOnly to)
    {
        var runs = new List<HolidayRun>();
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            if (!Calendar.IsHoliday(d)) continue;
            if (runs.Count > 0 && runs[^1].Last == d.AddDays(-1)) runs[^1] = runs[^1] with { Last = d };
            else runs.Add(new HolidayRun(d, d, Calendar.NameOf(d) ?? "节假日"));
        }
        return runs;
    }
}

internal readonly record struct HolidayRun(DateOnly First, DateOnly Last, string Name)
{
    public int Days => Last.DayNumber - First.DayNumber + 1;
}
