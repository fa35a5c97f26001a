using System.Reflection;
using Inspections.Core.Data;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Inspections.Api.Tests;

/// <summary>
/// SQL Server cannot run here, so every SQL Server migration and every statement the SQL Server
/// path emits is parsed with the real T-SQL parser. (With INSPECTIONS_TEST_SQLSERVER set, the
/// API fixtures also run against a live server.)
/// </summary>
public sealed class SqlServerScriptTests
{
    private static IList<ParseError> Parse(string sql)
    {
        var parser = new TSql170Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        parser.Parse(reader, out var errors);
        return errors;
    }

    private static string Describe(IList<ParseError> errors) =>
        string.Join("; ", errors.Select(e => $"line {e.Line}: {e.Message}"));

    public static IEnumerable<TestCaseData> Migrations() =>
        Migrator.Scripts(DbProvider.SqlServer).Select(s => new TestCaseData(s.Name, s.Text).SetName($"Migration parses: {s.Name}"));

    public static IEnumerable<TestCaseData> Statements() =>
        typeof(Sql).Assembly.GetTypes()
            .Where(t => !t.ContainsGenericParameters)
            .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
            .Where(f => f.FieldType == typeof(Sql))
            .Select(f => new TestCaseData(f.DeclaringType!.FullName + "." + f.Name, ((Sql)f.GetValue(null)!).For(DbProvider.SqlServer))
                .SetName($"Statement parses: {f.DeclaringType!.Name}.{f.Name}"))
            .Concat(Infrastructure.ApiFixture.SummaryTables.SelectMany(t => t.Statements.Select(s =>
                new TestCaseData($"{t.Name}.{s.Name}", s.Statement.For(DbProvider.SqlServer)).SetName($"Statement parses: {t.Name}.{s.Name}"))));

    [TestCaseSource(nameof(Migrations))]
    public void Every_sql_server_migration_parses(string name, string text)
    {
        var errors = Parse(text);
        Assert.That(errors, Is.Empty, $"{name}: {Describe(errors)}");
    }

    [TestCaseSource(nameof(Statements))]
    public void Every_statement_the_sql_server_path_emits_parses(string name, string text)
    {
        var errors = Parse(text);
        Assert.That(errors, Is.Empty, $"{name}: {Describe(errors)}\n{text}");
    }

    [Test]
    public void The_parser_does_reject_broken_sql()
    {
        Assert.That(Parse("SELECT * FROM venues LIMIT 10"), Is.Not.Empty, "LIMIT is not T-SQL: the check must be able to fail");
    }

    [Test]
    public void Statements_are_found_at_all()
    {
        Assert.That(Statements().Count(), Is.GreaterThanOrEqualTo(5));
    }

    [Test]
    public void Every_provider_has_the_same_migrations()
    {
        string Names(DbProvider p) => string.Join(",", Migrator.Scripts(p).Select(s => s.Name[(s.Name.LastIndexOf(".Migrations.", StringComparison.Ordinal) + 12)..].Split('.', 2)[1]));
        Assert.That(Names(DbProvider.Postgres), Is.EqualTo(Names(DbProvider.Sqlite)));
        Assert.That(Names(DbProvider.SqlServer), Is.EqualTo(Names(DbProvider.Sqlite)));
        Assert.That(Migrator.Scripts(DbProvider.Sqlite), Is.Not.Empty);
    }
}
