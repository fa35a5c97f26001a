using System.Globalization;
using System.Text.Json;
using Inspections.Domain.Access;

namespace Inspections.Core.Data;

/// <summary>
/// One column of figures side by side: the jurisdictions of <paramref name="Range"/> over the local days
/// <paramref name="From"/>..<paramref name="To"/>. A figure statement reads its buckets through <see cref="SqlDialect.Buckets"/>
/// and answers one row (or one row per group) for each, numbered as given.
/// </summary>
public sealed record FigureBucket(CodeRange Range, DateOnly From, DateOnly To)
{
    public static FigureBucket Of(string jurisdiction, DateOnly from, DateOnly to) => new(Jurisdiction.Range(jurisdiction), from, to);

    /// <summary>The buckets as the statements' @Buckets parameter: numbered 0, 1, … in order.</summary>
    public static string Json(IReadOnlyList<FigureBucket> buckets) =>
        JsonSerializer.Serialize(buckets.Select((b, n) => new Dictionary<string, object>
        {
            ["n"] = n,
            ["jf"] = b.Range.First,
            ["jl"] = b.Range.Last,
            ["f"] = b.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["t"] = b.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        }));
}
