namespace Inspections.Domain.Inspections;

/// <summary>An officer who may be drawn: the public part is the name and credential number 执法证号.</summary>
public sealed record DrawOfficer(string UserId, string Name, string CredentialNumber);

/// <summary>One drawn venue and the pair of officers drawn to inspect it.</summary>
public sealed record DrawAssignment(int Position, Guid VenueId, DrawOfficer First, DrawOfficer Second);

/// <summary>
/// The random draw 双随机: N venues from a pool and, for each, two distinct officers from a list.
/// A pure function of (seed, pool, officers, count) so anyone holding the recorded inputs can
/// replay it and get the same list. System.Random with an explicit seed keeps its legacy
/// algorithm across .NET versions precisely so that seeded sequences stay reproducible.
/// </summary>
public static class RandomDraw
{
    /// <summary>The pool must be in a fixed order (callers sort it by id) or the replay would differ.</summary>
    public static IReadOnlyList<DrawAssignment> Run(int seed, IReadOnlyList<Guid> pool, IReadOnlyList<DrawOfficer> officers, int count)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(officers);
        if (count < 1 || count > pool.Count)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"Count must be between 1 and the pool size {pool.Count}.");
        if (officers.Count < 2)
            throw new ArgumentException("At least two officers are needed to form a pair.", nameof(officers));

        var random = new Random(seed);
        var venues = pool.ToArray();
        // Partial Fisher–Yates: the first `count` slots end up a uniform sample without replacement.
        for (var i = 0; i < count; i++)
        {
            var j = random.Next(i, venues.Length);
            (venues[i], venues[j]) = (venues[j], venues[i]);
        }

        var result = new List<DrawAssignment>(count);
        for (var i = 0; i < count; i++)
        {
            var first = random.Next(officers.Count);
            var second = random.Next(officers.Count - 1);
            if (second >= first) second++;
            result.Add(new DrawAssignment(i + 1, venues[i], officers[first], officers[second]));
        }
        return result;
    }

    /// <summary>A fresh seed for a new draw; non-negative so it reads well when published.</summary>
    public static int NewSeed() => System.Security.Cryptography.RandomNumberGenerator.GetInt32(int.MaxValue);
}
