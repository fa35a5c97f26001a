namespace Inspections.Core.Data;

public enum DbProvider { Sqlite, Postgres, SqlServer }

/// <summary>Bound from the "Database" configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>sqlite (default), postgres or sqlserver.</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>For SQLite, defaults to a file under ./data.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Seconds to wait for a PostgreSQL or SQL Server connection when the connection string does not
    /// say. The drivers' 15 s would hold every request that long while the server is down; a short
    /// wait answers 503 quickly instead of piling requests up.
    /// </summary>
    public int ConnectTimeoutSeconds { get; set; } = 5;

    public DbProvider ParsedProvider => Provider.Trim().ToLowerInvariant() switch
    {
        "sqlite" => DbProvider.Sqlite,
        "postgres" or "postgresql" or "npgsql" => DbProvider.Postgres,
        "sqlserver" or "mssql" => DbProvider.SqlServer,
        _ => throw new InvalidOperationException(
            $"Database:Provider '{Provider}' is not supported; use sqlite, postgres or sqlserver."),
    };

    public string EffectiveConnectionString => ConnectionString is { Length: > 0 } cs
        ? cs
        : ParsedProvider == DbProvider.Sqlite
            ? $"Data Source={Path.Combine("data", "inspections.db")}"
            : throw new InvalidOperationException($"Database:ConnectionString is required for provider {Provider}.");
}
