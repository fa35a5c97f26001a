namespace Inspections.Core.Data;

/// <summary>What a database error means, told apart the same way on SQLite, PostgreSQL and SQL Server.</summary>
public static class DbErrors
{
    /// <summary>
    /// A unique or primary-key violation: two writers raced and the database kept one. SQLite 2067
    /// (unique) and 1555 (primary key); PostgreSQL 23505; SQL Server 2627 (constraint) and 2601 (unique index).
    /// </summary>
    public static bool IsUniqueViolation(Exception e) => e switch
    {
        Microsoft.Data.Sqlite.SqliteException s => s.SqliteExtendedErrorCode is 2067 or 1555,
        Npgsql.PostgresException p => p.SqlState == "23505",
        Microsoft.Data.SqlClient.SqlException q => q.Number is 2627 or 2601,
        _ => false,
    };
}
