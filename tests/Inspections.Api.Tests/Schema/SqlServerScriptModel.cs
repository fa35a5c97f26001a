using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Inspections.Api.Tests.Schema;

/// <summary>
/// SQL Server cannot run here, so its schema is what its migrations say: every script parsed with
/// the real T-SQL parser and its DDL replayed, in order, into an in-memory model. A statement the
/// replay does not understand is reported rather than skipped, so the model cannot silently go stale.
/// </summary>
public sealed class SqlServerScriptModel
{
    private sealed record Column(string Name, string Type, bool Nullable);

    private sealed class Table(string name)
    {
        public string Name { get; } = name;
        public List<Column> Columns { get; } = [];
        public List<string> PrimaryKey { get; set; } = [];
        public string? PrimaryKeyName { get; set; }
    }

    private sealed record Index(string Table, IReadOnlyList<string> Columns, bool Unique, string? Filter);

    private readonly Dictionary<string, Table> _tables = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Index> _indexes = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, (string Table, IReadOnlyList<string> Columns)> _uniqueConstraints = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Statements that change no table, column or index; anything else must be modelled below.</summary>
    private static readonly Type[] Ignored =
    [
        typeof(CreateTriggerStatement), typeof(AlterTriggerStatement), typeof(DropTriggerStatement),
        typeof(CreateFunctionStatement), typeof(CreateOrAlterFunctionStatement), typeof(AlterFunctionStatement), typeof(DropFunctionStatement),
        typeof(CreateProcedureStatement), typeof(CreateOrAlterProcedureStatement), typeof(AlterProcedureStatement), typeof(DropProcedureStatement),
        typeof(InsertStatement), typeof(UpdateStatement), typeof(DeleteStatement), typeof(SelectStatement),
        typeof(PrintStatement), typeof(PredicateSetStatement), typeof(DeclareVariableStatement), typeof(SetVariableStatement), typeof(ThrowStatement),
    ];

    public List<string> Unmodelled { get; } = [];

    public static SqlServerScriptModel Replay(IEnumerable<(string Name, string Text)> scripts)
    {
        var model = new SqlServerScriptModel();
        foreach (var (name, text) in scripts)
        {
            var parser = new TSql170Parser(initialQuotedIdentifiers: true);
            using var reader = new StringReader(text);
            var fragment = parser.Parse(reader, out var errors);
            if (errors.Count > 0)
                throw new InvalidOperationException($"{name} does not parse: {string.Join("; ", errors.Select(e => $"line {e.Line}: {e.Message}"))}");
            foreach (var statement in ((TSqlScript)fragment).Batches.SelectMany(b => b.Statements))
                model.Apply(name, statement);
        }
        return model;
    }

    private void Apply(string script, TSqlStatement statement)
    {
        switch (statement)
        {
            case CreateTableStatement create:
                var table = new Table(Name(create.SchemaObjectName));
                _tables.Add(table.Name, table);
                AddElements(table, create.Definition);
                break;
            case AlterTableAddTableElementStatement add:
                AddElements(TableOf(add.SchemaObjectName), add.Definition);
                break;
            case AlterTableAlterColumnStatement alter:
                AlterColumn(TableOf(alter.SchemaObjectName), alter, script);
                break;
            case AlterTableDropTableElementStatement drop:
                foreach (var element in drop.AlterTableDropTableElements)
                    DropElement(TableOf(drop.SchemaObjectName), element);
                break;
            case CreateIndexStatement index:
                _indexes.Add(index.Name.Value, new Index(
                    Name(index.OnName),
                    index.Columns.Select(KeyColumn).ToList(),
                    index.Unique,
                    index.FilterPredicate is null ? null : Text(index.FilterPredicate)));
                break;
            case DropIndexStatement dropIndex:
                foreach (var clause in dropIndex.DropIndexClauses.OfType<DropIndexClause>())
                    _indexes.Remove(clause.Index.Value);
                break;
            case DropTableStatement dropTable:
                foreach (var name in dropTable.Objects.Select(Name))
                {
                    _tables.Remove(name);
                    foreach (var gone in _indexes.Where(i => string.Equals(i.Value.Table, name, StringComparison.OrdinalIgnoreCase)).Select(i => i.Key).ToList())
                        _indexes.Remove(gone);
                }
                break;
            default:
                if (!Ignored.Contains(statement.GetType()))
                    Unmodelled.Add($"{script} line {statement.StartLine}: {statement.GetType().Name} is not replayed into the schema model: {Text(statement)[..Math.Min(80, Text(statement).Length)]}");
                break;
        }
    }

    private void AddElements(Table table, TableDefinition definition)
    {
        foreach (var column in definition.ColumnDefinitions)
        {
            var primary = column.Constraints.OfType<UniqueConstraintDefinition>().FirstOrDefault(u => u.IsPrimaryKey);
            var stated = column.Constraints.OfType<NullableConstraintDefinition>().FirstOrDefault();
            // Unstated nullability is NULL (ANSI_NULL_DFLT_ON, the default), except for a primary key column.
            table.Columns.Add(new Column(column.ColumnIdentifier.Value, TypeOf(column.DataType), stated?.Nullable ?? primary is null));
            if (primary is not null)
            {
                table.PrimaryKey = [column.ColumnIdentifier.Value];
                table.PrimaryKeyName = primary.ConstraintIdentifier?.Value;
            }
            foreach (var unique in column.Constraints.OfType<UniqueConstraintDefinition>().Where(u => !u.IsPrimaryKey))
                _uniqueConstraints.Add(unique.ConstraintIdentifier?.Value ?? $"{table.Name}.{column.ColumnIdentifier.Value}", (table.Name, [column.ColumnIdentifier.Value]));
            if (column.Index is not null)
                Unmodelled.Add($"inline INDEX on {table.Name}.{column.ColumnIdentifier.Value} is not replayed");
        }
        foreach (var constraint in definition.TableConstraints.OfType<UniqueConstraintDefinition>())
        {
            var columns = constraint.Columns.Select(KeyColumn).ToList();
            if (constraint.IsPrimaryKey)
            {
                table.PrimaryKey = columns;
                table.PrimaryKeyName = constraint.ConstraintIdentifier?.Value;
                // A primary key on a column declared nullable makes it NOT NULL.
                foreach (var c in columns)
                {
                    var i = table.Columns.FindIndex(x => x.Name == c);
                    if (i >= 0) table.Columns[i] = table.Columns[i] with { Nullable = false };
                }
            }
            else
            {
                _uniqueConstraints.Add(constraint.ConstraintIdentifier?.Value ?? $"{table.Name}({string.Join(",", columns)})", (table.Name, columns));
            }
        }
        foreach (var index in definition.Indexes)
        {
            _indexes.Add(index.Name.Value, new Index(table.Name, index.Columns.Select(KeyColumn).ToList(), index.Unique,
                index.FilterPredicate is null ? null : Text(index.FilterPredicate)));
        }
    }

    private void AlterColumn(Table table, AlterTableAlterColumnStatement alter, string script)
    {
        var i = table.Columns.FindIndex(c => string.Equals(c.Name, alter.ColumnIdentifier.Value, StringComparison.OrdinalIgnoreCase));
        if (i < 0)
        {
            Unmodelled.Add($"{script}: ALTER COLUMN {table.Name}.{alter.ColumnIdentifier.Value}, which does not exist");
            return;
        }
        if (alter.DataType is null)
        {
            Unmodelled.Add($"{script}: ALTER COLUMN {table.Name}.{alter.ColumnIdentifier.Value} {alter.AlterTableAlterColumnOption} is not replayed");
            return;
        }
        // ALTER COLUMN restates the whole column: without NOT NULL it becomes nullable, as on a real server.
        table.Columns[i] = table.Columns[i] with
        {
            Type = TypeOf(alter.DataType),
            Nullable = alter.AlterTableAlterColumnOption != AlterTableAlterColumnOption.NotNull,
        };
    }

    private void DropElement(Table table, AlterTableDropTableElement element)
    {
        var name = element.Name.Value;
        switch (element.TableElementType)
        {
            case TableElementType.Column:
                table.Columns.RemoveAll(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
                break;
            case TableElementType.Index:
                _indexes.Remove(name);
                break;
            default:
                // Constraints: unique ones are modelled; defaults and foreign keys are not.
                _uniqueConstraints.Remove(name);
                if (string.Equals(table.PrimaryKeyName, name, StringComparison.OrdinalIgnoreCase)) table.PrimaryKey = [];
                break;
        }
    }

    public SchemaFacts Facts()
    {
        var facts = new SchemaFacts("sqlserver");
        foreach (var table in _tables.Values)
        {
            facts.Table(table.Name);
            foreach (var c in table.Columns)
                facts.Column(table.Name, c.Name, c.Type, Catalogs.StorageOf(c.Type), c.Nullable);
            if (table.PrimaryKey.Count > 0) facts.PrimaryKey(table.Name, table.PrimaryKey);
        }
        foreach (var (name, index) in _indexes)
            facts.Index(name, index.Table, index.Columns, index.Unique, index.Filter);
        foreach (var (table, columns) in _uniqueConstraints.Values)
            facts.UniqueConstraint(table, columns);
        return facts;
    }

    private Table TableOf(SchemaObjectName name) =>
        _tables.TryGetValue(Name(name), out var table) ? table : throw new InvalidOperationException($"ALTER of unknown table {Name(name)}");

    private static string Name(SchemaObjectName name) => name.BaseIdentifier.Value;

    private static string KeyColumn(ColumnWithSortOrder column) =>
        column.Column.MultiPartIdentifier.Identifiers[^1].Value + (column.SortOrder == SortOrder.Descending ? " desc" : "");

    private static string TypeOf(DataTypeReference type)
    {
        var name = type.Name.BaseIdentifier.Value;
        var parameters = type is ParameterizedDataTypeReference p
            ? p.Parameters.Select(l => l is MaxLiteral ? "max" : l.Value).ToList()
            : [];
        return CanonicalType.FromSqlServer(name, parameters)
               ?? $"(no canonical type for SQL Server {name}{(parameters.Count > 0 ? "(" + string.Join(",", parameters) + ")" : "")})";
    }

    private static string Text(TSqlFragment fragment) =>
        string.Concat(Enumerable.Range(fragment.FirstTokenIndex, fragment.LastTokenIndex - fragment.FirstTokenIndex + 1)
            .Select(i => fragment.ScriptTokenStream[i].Text));
}
