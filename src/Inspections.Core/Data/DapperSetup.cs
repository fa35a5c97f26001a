using System.Data;
using System.Globalization;
using Dapper;

namespace Inspections.Core.Data;

/// <summary>
/// SQLite hands back GUIDs, instants and dates as text, PostgreSQL hands back DateTime for
/// timestamptz and date: these handlers read all of them into the types the code uses, and
/// pass values through unchanged so each ADO.NET provider binds them natively.
/// </summary>
public static class DapperSetup
{
    private static int _registered;

    public static void EnsureRegistered()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1) return;
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        SqlMapper.RemoveTypeMap(typeof(Guid));
        SqlMapper.RemoveTypeMap(typeof(Guid?));
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset));
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset?));
        SqlMapper.RemoveTypeMap(typeof(DateOnly));
        SqlMapper.RemoveTypeMap(typeof(DateOnly?));
        SqlMapper.AddTypeHandler(new GuidHandler());
        SqlMapper.AddTypeHandler(new InstantHandler());
        SqlMapper.AddTypeHandler(new DateOnlyHandler());
    }

    private sealed class GuidHandler : SqlMapper.TypeHandler<Guid>
    {
        public override void SetValue(IDbDataParameter parameter, Guid value)
        {
            // Microsoft.Data.Sqlite would bind a Guid as a 16-byte blob; text keeps ids readable and comparable.
            if (parameter is Microsoft.Data.Sqlite.SqliteParameter) parameter.Value = value.ToString("D");
            else parameter.Value = value;
        }

        public override Guid Parse(object value) => value switch
        {
            Guid g => g,
            string s => Guid.Parse(s),
            byte[] b => new Guid(b),
            _ => throw new DataException($"Cannot read {value.GetType()} as Guid."),
        };
    }

    private sealed class InstantHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
        {
            var utc = value.ToUniversalTime();
            parameter.Value = parameter switch
            {
                // Fixed-width ISO text sorts and compares correctly as text.
                Microsoft.Data.Sqlite.SqliteParameter => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
                _ => utc,
            };
        }

        public override DateTimeOffset Parse(object value) => value switch
        {
            DateTimeOffset d => d.ToUniversalTime(),
            DateTime dt => new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)),
            string s => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
            _ => throw new DataException($"Cannot read {value.GetType()} as DateTimeOffset."),
        };
    }

    private sealed class DateOnlyHandler : SqlMapper.TypeHandler<DateOnly>
    {
        public override void SetValue(IDbDataParameter parameter, DateOnly value)
        {
            parameter.Value = parameter switch
            {
                Microsoft.Data.Sqlite.SqliteParameter => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Microsoft.Data.SqlClient.SqlParameter => value.ToDateTime(TimeOnly.MinValue),
                _ => value,
            };
            if (parameter is Microsoft.Data.SqlClient.SqlParameter) parameter.DbType = DbType.Date;
        }

        public override DateOnly Parse(object value) => value switch
        {
            DateOnly d => d,
            DateTime dt => DateOnly.FromDateTime(dt),
            string s => DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ => throw new DataException($"Cannot read {value.GetType()} as DateOnly."),
        };
    }
}
