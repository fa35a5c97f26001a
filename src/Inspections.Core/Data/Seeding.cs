namespace Inspections.Core.Data;

/// <summary>
/// Reference data loaded from db/seed/ (copied beside the binaries as seed/): calendars,
/// catalogs, checklists. Each seed decides for itself whether it has already run (for example,
/// "the table is empty"), so seeding on every start is safe and never overwrites admins' edits.
/// </summary>
public interface ISeed
{
    /// <summary>Seeds run in ascending order of this number, each in its own transaction.</summary>
    int Order { get; }

    Task SeedAsync(DbSession db, SeedFiles files, TimeProvider clock, CancellationToken ct);
}

/// <summary>Read access to the seed folder.</summary>
public sealed class SeedFiles(string root)
{
    public static string DefaultRoot => Path.Combine(AppContext.BaseDirectory, "seed");

    public string Root { get; } = root;

    public string ReadText(string relativePath)
    {
        var path = Path.Combine(Root, relativePath);
        if (!File.Exists(path)) throw new FileNotFoundException($"Seed file missing: {relativePath} (looked in {Root}).", path);
        return File.ReadAllText(path);
    }
}

public static class Seeder
{
    public static async Task RunAsync(DbConnectionFactory factory, SeedFiles files, TimeProvider clock, CancellationToken ct = default)
    {
        var seeds = typeof(ISeed).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(ISeed).IsAssignableFrom(t))
            .Select(t => (ISeed)Activator.CreateInstance(t)!)
            .OrderBy(s => s.Order)
            .ThenBy(s => s.GetType().Name, StringComparer.Ordinal);
        foreach (var seed in seeds)
        {
            var db = new DbSession(factory);
            await using (db)
            {
                await db.BeginAsync(ct);
                await seed.SeedAsync(db, files, clock, ct);
                await db.CommitAsync(ct);
            }
        }
    }
}
