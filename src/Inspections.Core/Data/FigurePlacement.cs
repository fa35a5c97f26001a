using System.Globalization;
using Dapper;
using Inspections.Core.Common;

namespace Inspections.Core.Data;

/// <summary>
/// Many buckets (a period, its months, a city's districts) counted from one read of their rows: a statement places each
/// row's dates among the buckets' boundary dates (@B0 … in ascending order, <see cref="Position"/>), groups by jurisdiction
/// and those places, and the caller adds each group to every bucket whose jurisdictions hold it and whose dates its places
/// say it falls in. A statement compares with a fixed number of boundaries (its width); more buckets than the widest takes
/// are split over several statements (<see cref="Chunks"/>).
/// </summary>
public static class FigurePlacement
{
    /// <summary>The place of a missing date: after every boundary.</summary>
    public const int Never = 1000;

    /// <summary>
    /// How many of the boundaries @B0 … @B(width − 1) fall on or before the date in <paramref name="column"/> (<see cref="Never"/>
    /// for no date): a binary search written out as nested CASEs, a few comparisons a row.
    /// </summary>
    public static string Position(string column, int width) => $"CASE WHEN {column} IS NULL THEN {Never} ELSE {Search(column, 0, width)} END";

    private static string Search(string column, int low, int high)
    {
        if (low == high) return low.ToString(CultureInfo.InvariantCulture);
        var mid = (low + high + 1) / 2; // at least mid boundaries are on or before the date exactly when boundary mid − 1 is
        return $"CASE WHEN {column} >= @B{mid - 1} THEN {Search(column, mid, high)} ELSE {Search(column, low, mid - 1)} END";
    }

    /// <summary>One statement's share of the buckets: their numbers, the boundary dates in order, and the parameters to send.</summary>
    public sealed record Chunk(IReadOnlyList<int> Buckets, List<DateOnly> Boundaries, int Width, DynamicParameters Parameters)
    {
        /// <summary>The place a date equal to <paramref name="boundary"/> has: a date is on or after it when its place exceeds this.</summary>
        public long Of(DateOnly boundary) => Boundaries.IndexOf(boundary);
    }

    /// <summary>
    /// The buckets in order, as many to a statement as <paramref name="widths"/>' widest allows, each with the narrowest width
    /// that holds its boundaries, and the parameters every placing statement takes: the jurisdiction range and the first and
    /// last day of its buckets (@JurisdictionFirst, @JurisdictionLast, @First, @Last) and the boundaries (@B0 …).
    /// </summary>
    public static IEnumerable<Chunk> Chunks(IReadOnlyList<FigureBucket> buckets, Func<FigureBucket, DateOnly[]> bounds, IReadOnlyList<int> widths)
    {
        var start = 0;
        while (start < buckets.Count)
        {
            var dates = new SortedSet<DateOnly>(bounds(buckets[start]));
            var end = start + 1;
            while (end < buckets.Count && new SortedSet<DateOnly>(dates.Concat(bounds(buckets[end]))).Count <= widths[^1])
                dates.UnionWith(bounds(buckets[end++]));
            var boundaries = dates.ToList();
            var width = widths.First(w => w >= boundaries.Count);
            var numbers = Enumerable.Range(start, end - start).ToList();
            var p = new DynamicParameters(new
            {
                JurisdictionFirst = numbers.Select(n => buckets[n].Range.First).Min(StringComparer.Ordinal),
                JurisdictionLast = numbers.Select(n => buckets[n].Range.Last).Max(StringComparer.Ordinal),
                First = numbers.Min(n => buckets[n].From),
                Last = numbers.Max(n => buckets[n].To),
            });
            // Unused boundaries lie after every date a row can hold, so no row is placed past them.
            for (var i = 0; i < width; i++) p.Add("B" + i, i < boundaries.Count ? boundaries[i] : InputLimits.MaxDate.AddDays(1));
            yield return new Chunk(numbers, boundaries, width, p);
            start = end;
        }
    }

    /// <summary>True when a row of <paramref name="jurisdiction"/> is one of the bucket's (the statements' BETWEEN, by code).</summary>
    public static bool Holds(this FigureBucket bucket, string jurisdiction) =>
        string.CompareOrdinal(jurisdiction, bucket.Range.First) >= 0 && string.CompareOrdinal(jurisdiction, bucket.Range.Last) <= 0;
}
