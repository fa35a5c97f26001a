using DbUp;
using DbUp.Engine;
using DbUp.Engine.Output;

namespace Inspections.Core.Data;

/// <summary>Applies db/migrations/&lt;provider&gt;/*.sql (embedded in this assembly) with DbUp.</summary>
public static class Migrator
{
    public static string ResourceFolder(DbProvider provider) => provider switch
    {
        DbProvider.Sqlite => "sqlite",
        DbProvider.Postgres => "postgres",
        DbProvider.SqlServer => "sqlserver",
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };

    /// <summary>The embedded migration scripts of one provider, in the order they apply.</summary>
    public static IReadOnlyList<(string Name, string Text)> Scripts(DbProvider provider)
    {
        var assembly = typeof(Migrator).Assembly;
        var marker = $".Migrations.{ResourceFolder(provider)}.";
        return assembly.GetManifestResourceNames()
            .Where(n => n.Contains(marker, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                return (n, reader.ReadToEnd());
            })
            .ToList();
    }

    public static void Migrate(DatabaseOptions options, IUpgradeLog? log = null)
    {
        var provider = options.ParsedProvider;
        var connectionString = new DbConnectionFactory(options).ConnectionString;
        log ??= new NoOpUpgradeLog();
        var scripts = Scripts(provider).Select(s => new SqlScript(s.Name, s.Text)).ToList();

        var builder = provider switch
        {
            DbProvider.Sqlite => DeployChanges.To.SqliteDatabase(connectionString),
            DbProvider.Postgres => EnsurePostgres(connectionString, log),
            DbProvider.SqlServer => EnsureSqlServer(connectionString, log),
            _ => throw new InvalidOperationException(),
        };
        var result = builder
            .WithScripts(scripts)
            .WithTransactionPerScript()
            .LogTo(log)
            .Build()
            .PerformUpgrade();
        if (!result.Successful)
            throw new InvalidOperationException($"Migration failed at {result.ErrorScript?.Name}: {result.Error.Message}", result.Error);
    }

    private static DbUp.Builder.UpgradeEngineBuilder EnsurePostgres(string cs, IUpgradeLog log)
    {
        EnsureDatabase.For.PostgresqlDatabase(cs, log);
        return DeployChanges.To.PostgresqlDatabase(cs);
    }

    private static DbUp.Builder.UpgradeEngineBuilder EnsureSqlServer(string cs, IUpgradeLog log)
    {
        EnsureDatabase.For.SqlDatabase(cs, log);
        return DeployChanges.To.SqlDatabase(cs);
    }
}
