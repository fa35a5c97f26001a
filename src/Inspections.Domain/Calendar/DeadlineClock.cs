namespace Inspections.Domain.Calendar;

/// <summary>
/// A time limit running against one subject: kind, start date (local), limit in days,
/// suspensions, approved extensions and, once done, the completion instant. Immutable;
/// the With* methods return a new clock.
/// </summary>
/// <remarks>
/// Suspensions are normalised at construction (sorted, overlaps and adjacent periods merged)
/// and extensions summed, so evaluation never sorts or allocates.
/// </remarks>
public sealed class DeadlineClock
{
    /// <summary>Upper bound for a limit and for each extension, in days.</summary>
    public const int MaxDays = 3650;

    internal const int NoOpenSuspension = int.MaxValue;

    private readonly ClockSuspension[] _suspensions;
    private readonly ClockExtension[] _extensions;

    public DeadlineClock(
        ClockSubject subject,
        ClockKind kind,
        DateOnly startDate,
        int limitDays,
        IEnumerable<ClockSuspension>? suspensions = null,
        IEnumerable<ClockExtension>? extensions = null,
        DateTimeOffset? completedAt = null)
    {
        _suspensions = suspensions?.ToArray() ?? [];
        _extensions = extensions?.ToArray() ?? [];

        var errors = Validate(kind, startDate, limitDays, _suspensions);
        if (errors.Count > 0)
        {
            throw new CalendarValidationException(errors);
        }

        Subject = subject;
        Kind = kind;
        StartDate = startDate;
        LimitDays = limitDays;
        CompletedAt = completedAt;
        ExtensionDays = _extensions.Sum(e => e.Days);
        (SpanStarts, SpanEnds) = Normalise(startDate, _suspensions);
        var firstCountable = startDate.DayNumber + 1;
        OpenStart = _suspensions.Where(x => x.IsOpen)
            .Select(x => Math.Max(x.Start.DayNumber, firstCountable))
            .DefaultIfEmpty(NoOpenSuspension)
            .Min();
    }

    public ClockSubject Subject { get; }

    public ClockKind Kind { get; }

    /// <summary>The start event's local date (acceptance 受理, filing 立案); never itself counted.</summary>
    public DateOnly StartDate { get; }

    public int LimitDays { get; }

    public IReadOnlyList<ClockSuspension> Suspensions => _suspensions;

    public IReadOnlyList<ClockExtension> Extensions => _extensions;

    public int ExtensionDays { get; }

    /// <summary>When the work was completed 办结, as an instant; null while open.</summary>
    public DateTimeOffset? CompletedAt { get; }

    /// <summary>Closed suspension periods as day numbers, sorted, merged and clipped to start after <see cref="StartDate"/>.</summary>
    internal int[] SpanStarts { get; }

    /// <summary>Inclusive ends matching <see cref="SpanStarts"/>.</summary>
    internal int[] SpanEnds { get; }

    /// <summary>
    /// Start of the earliest open suspension (clipped like the others), or <see cref="NoOpenSuspension"/>.
    /// Kept apart from the closed periods because its end is the as-of day, known only at evaluation.
    /// </summary>
    internal int OpenStart { get; }

    public static IReadOnlyList<CalendarValidationError> Validate(
        ClockKind kind,
        DateOnly startDate,
        int limitDays,
        IReadOnlyList<ClockSuspension> suspensions)
    {
        ArgumentNullException.ThrowIfNull(suspensions);
        var errors = new List<CalendarValidationError>();
        if (!Enum.IsDefined(kind))
        {
            errors.Add(new CalendarValidationError(
                CalendarErrorCodes.UnknownKind, "kind", "时限类型无效", "Unknown clock kind"));
        }

        if (limitDays < 0)
        {
            errors.Add(new CalendarValidationError(
                CalendarErrorCodes.LimitNegative, "limitDays", "时限天数不能为负数", "The limit cannot be negative"));
        }
        else if (limitDays > MaxDays)
        {
            // No statutory limit comes near this; a larger value is a data-entry slip and would overflow day arithmetic.
            errors.Add(new CalendarValidationError(
                CalendarErrorCodes.LimitTooLarge, "limitDays", $"时限天数不能超过 {MaxDays}", $"The limit cannot exceed {MaxDays} days"));
        }

        for (var i = 0; i < suspensions.Count; i++)
        {
            var s = suspensions[i] ?? throw new ArgumentException("A suspension is null.", nameof(suspensions));
            if (s.End is { } end && end < s.Start)
            {
                errors.Add(new CalendarValidationError(
                    CalendarErrorCodes.SuspensionEndsBeforeStart, $"suspensions[{i}].end",
                    "中止结束日期早于开始日期", "The suspension ends before it starts", end));
            }

            if (s.Start < startDate)
            {
                errors.Add(new CalendarValidationError(
                    CalendarErrorCodes.SuspensionBeforeClockStart, $"suspensions[{i}].start",
                    "中止开始日期早于计时起算日", "The suspension starts before the clock does", s.Start));
            }
        }

        return errors;
    }

    public DeadlineClock WithSuspension(ClockSuspension suspension) =>
        new(Subject, Kind, StartDate, LimitDays, [.. _suspensions, suspension], _extensions, CompletedAt);

    public DeadlineClock WithExtension(ClockExtension extension) =>
        new(Subject, Kind, StartDate, LimitDays, _suspensions, [.. _extensions, extension], CompletedAt);

    public DeadlineClock WithCompletion(DateTimeOffset completedAt) =>
        new(Subject, Kind, StartDate, LimitDays, _suspensions, _extensions, completedAt);

    private static (int[] Starts, int[] Ends) Normalise(DateOnly startDate, ClockSuspension[] suspensions)
    {
        // The start day is never counted, so a suspension on it changes nothing; clip to the day after.
        var firstCountable = startDate.DayNumber + 1;
        var spans = suspensions
            .Where(s => !s.IsOpen)
            .Select(s => (Start: Math.Max(s.Start.DayNumber, firstCountable), End: s.End!.Value.DayNumber))
            .Where(s => s.End >= s.Start)
            .OrderBy(s => s.Start)
            .ToList();

        var starts = new List<int>();
        var ends = new List<int>();
        foreach (var (start, end) in spans)
        {
            // Overlapping or touching periods would otherwise count their shared days twice.
            if (ends.Count > 0 && start <= ends[^1] + 1)
            {
                ends[^1] = Math.Max(ends[^1], end);
                continue;
            }

            starts.Add(start);
            ends.Add(end);
        }

        return (starts.ToArray(), ends.ToArray());
    }
}

/// <summary>
/// Walks a clock's suspensions as disjoint periods in date order for one as-of day, folding the
/// open suspension (which ends on the as-of day) into the closed ones. A ref struct so that walking
/// allocates nothing.
/// </summary>
internal ref struct SuspensionWalker
{
    private readonly int[] _starts;
    private readonly int[] _ends;
    private readonly int _asOfDay;
    private int _openStart;
    private int _index;

    public SuspensionWalker(DeadlineClock clock, int asOfDay)
    {
        _starts = clock.SpanStarts;
        _ends = clock.SpanEnds;
        _asOfDay = asOfDay;
        // An open suspension that has not begun by the as-of day does not exist yet.
        _openStart = clock.OpenStart <= asOfDay ? clock.OpenStart : DeadlineClock.NoOpenSuspension;
        _index = 0;
    }

    /// <summary>Next period [start, end], both inclusive; false when none remain.</summary>
    public bool Next(out int start, out int end)
    {
        var hasOpen = _openStart != DeadlineClock.NoOpenSuspension;
        if (hasOpen && (_index >= _starts.Length || _openStart <= _starts[_index]))
        {
            start = _openStart;
            end = _asOfDay;
            _openStart = DeadlineClock.NoOpenSuspension;
        }
        else if (_index < _starts.Length)
        {
            start = _starts[_index];
            end = _ends[_index];
            _index++;
        }
        else
        {
            start = end = 0;
            return false;
        }

        while (true)
        {
            if (_index < _starts.Length && _starts[_index] <= end + 1)
            {
                end = Math.Max(end, _ends[_index]);
                _index++;
            }
            else if (_openStart != DeadlineClock.NoOpenSuspension && _openStart <= end + 1)
            {
                end = Math.Max(end, _asOfDay);
                _openStart = DeadlineClock.NoOpenSuspension;
            }
            else
            {
                return true;
            }
        }
    }
}
