namespace Inspections.Domain.Calendar;

/// <summary>
/// Converts between UTC instants and local day numbers for one time zone without calling into
/// <see cref="TimeZoneInfo"/> on every evaluation: per-day offsets are tabulated for a window of
/// years, and any day whose offset changes within it (a DST switch) goes to the zone itself.
/// </summary>
internal sealed class LocalDayConverter
{
    private const int Varies = int.MinValue;

    private readonly TimeZoneInfo _zone;
    private readonly int _firstDay;
    private readonly int[] _utcDayOffsetMinutes;      // offset in force throughout the UTC day
    private readonly int[] _localMidnightOffsetMinutes; // offset in force at local 00:00 of the local day

    public LocalDayConverter(TimeZoneInfo zone, int firstYear, int lastYear)
    {
        _zone = zone;
        _firstDay = new DateOnly(firstYear, 1, 1).DayNumber;
        var endDay = new DateOnly(lastYear + 1, 1, 1).DayNumber;
        var length = endDay - _firstDay;
        _utcDayOffsetMinutes = new int[length];
        _localMidnightOffsetMinutes = new int[length];

        for (var i = 0; i < length; i++)
        {
            var dayStart = (long)(_firstDay + i) * TimeSpan.TicksPerDay;
            var atStart = zone.GetUtcOffset(new DateTime(dayStart, DateTimeKind.Utc));
            var atEnd = zone.GetUtcOffset(new DateTime(dayStart + TimeSpan.TicksPerDay - 1, DateTimeKind.Utc));
            _utcDayOffsetMinutes[i] = atStart == atEnd ? (int)atStart.TotalMinutes : Varies;
            _localMidnightOffsetMinutes[i] = (int)zone.GetUtcOffset(new DateTime(dayStart, DateTimeKind.Unspecified)).TotalMinutes;
        }
    }

    public TimeZoneInfo Zone => _zone;

    public int LocalDayNumber(DateTimeOffset instant)
    {
        var utcTicks = instant.UtcTicks;
        var index = (int)(utcTicks / TimeSpan.TicksPerDay) - _firstDay;
        long offsetTicks;
        if ((uint)index < (uint)_utcDayOffsetMinutes.Length && _utcDayOffsetMinutes[index] != Varies)
        {
            offsetTicks = _utcDayOffsetMinutes[index] * TimeSpan.TicksPerMinute;
        }
        else
        {
            offsetTicks = _zone.GetUtcOffset(new DateTime(utcTicks, DateTimeKind.Utc)).Ticks;
        }

        return (int)((utcTicks + offsetTicks) / TimeSpan.TicksPerDay);
    }

    /// <summary>The UTC instant of local 00:00 on the given local day.</summary>
    public DateTimeOffset LocalMidnightUtc(int localDay)
    {
        var localTicks = (long)localDay * TimeSpan.TicksPerDay;
        var index = localDay - _firstDay;
        var offsetTicks = (uint)index < (uint)_localMidnightOffsetMinutes.Length
            ? _localMidnightOffsetMinutes[index] * TimeSpan.TicksPerMinute
            : _zone.GetUtcOffset(new DateTime(localTicks, DateTimeKind.Unspecified)).Ticks;
        return new DateTimeOffset(localTicks - offsetTicks, TimeSpan.Zero);
    }
}
