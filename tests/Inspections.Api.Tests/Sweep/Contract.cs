using System.Text.Json;

namespace Inspections.Api.Tests.Sweep;

/// <summary>
/// The published OpenAPI 3.1 document read as the outside world reads it: operations with their
/// path/query parameters and request bodies, schemas resolved through <c>$ref</c> and <c>allOf</c>.
/// Nothing here looks at our C# types, so the sweep tests the contract and not what we meant.
/// </summary>
public sealed class Contract
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];
    private readonly JsonElement _root;
    private readonly Dictionary<string, Schema> _named = new(StringComparer.Ordinal);

    public IReadOnlyList<Operation> Operations { get; }

    public Contract(JsonDocument document)
    {
        _root = document.RootElement.Clone();
        var operations = new List<Operation>();
        foreach (var path in _root.GetProperty("paths").EnumerateObject())
        {
            var shared = path.Value.TryGetProperty("parameters", out var p) ? Parameters(p) : [];
            foreach (var method in Methods)
            {
                if (!path.Value.TryGetProperty(method, out var op)) continue;
                var own = op.TryGetProperty("parameters", out var q) ? Parameters(q) : [];
                // operation-level parameters override path-level ones of the same name and place
                var all = own.Concat(shared.Where(s => !own.Any(o => o.Name == s.Name && o.In == s.In))).ToList();
                var id = op.TryGetProperty("operationId", out var oid) && oid.GetString() is { Length: > 0 } given
                    ? given
                    : $"{method.ToUpperInvariant()} {path.Name}";
                var roles = op.TryGetProperty("x-roles", out var r) && r.ValueKind == JsonValueKind.Array
                    ? r.EnumerateArray().Select(x => x.GetString()!).ToList() : [];
                operations.Add(new Operation(method.ToUpperInvariant(), path.Name, id, all, Body(op), roles));
            }
        }
        Operations = operations;
    }

    private List<Parameter> Parameters(JsonElement list) =>
        list.EnumerateArray().Select(Deref).Select(p => new Parameter(
            p.GetProperty("name").GetString()!,
            p.GetProperty("in").GetString()!,
            p.TryGetProperty("schema", out var s) ? SchemaOf(s) : SchemaOf(default),
            p.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.True)).ToList();

    private RequestBody? Body(JsonElement op)
    {
        if (!op.TryGetProperty("requestBody", out var body)) return null;
        body = Deref(body);
        if (!body.TryGetProperty("content", out var content)) return null;
        var media = content.EnumerateObject().ToList();
        if (media.Count == 0) return null;
        // JSON first: it is what a client sends when it may choose
        var chosen = media.FirstOrDefault(m => m.Name.Contains("json", StringComparison.OrdinalIgnoreCase));
        if (chosen.Value.ValueKind == JsonValueKind.Undefined) chosen = media[0];
        return new RequestBody(chosen.Name,
            chosen.Value.TryGetProperty("schema", out var s) ? SchemaOf(s) : SchemaOf(default),
            body.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.True);
    }

    /// <summary>Follows a local <c>$ref</c> (any component kind) to what it names.</summary>
    internal JsonElement Deref(JsonElement e)
    {
        for (var hops = 0; hops < 32 && e.ValueKind == JsonValueKind.Object && e.TryGetProperty("$ref", out var r); hops++)
        {
            var target = _root;
            foreach (var part in r.GetString()!.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                var name = part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
                if (!target.TryGetProperty(name, out target))
                    throw new InvalidOperationException($"The document's $ref {r.GetString()} points nowhere.");
            }
            e = target;
        }
        return e;
    }

    internal Schema SchemaOf(JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty("$ref", out var r) && r.GetString() is { } name)
        {
            if (_named.TryGetValue(name, out var known)) return known;
            var schema = new Schema(this, Deref(e), name[(name.LastIndexOf('/') + 1)..]);
            _named[name] = schema;
            return schema;
        }
        return new Schema(this, e, null);
    }
}

/// <summary>An operation; Roles are those its <c>x-roles</c> extension allows (empty when the document does not say).</summary>
public sealed record Operation(string Method, string Template, string Id, IReadOnlyList<Parameter> Parameters, RequestBody? Body, IReadOnlyList<string> Roles)
{
    public override string ToString() => $"{Method} {Template}";
}

public sealed record Parameter(string Name, string In, Schema Schema, bool Required);

public sealed record RequestBody(string MediaType, Schema Schema, bool Required)
{
    public bool IsMultipart => MediaType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// One schema with <c>allOf</c> merged and the 3.1 <c>type</c> array split into its types and
/// nullability; <c>oneOf</c>/<c>anyOf</c> take their first non-null branch. Properties and items are
/// resolved lazily, so recursive schemas are fine.
/// </summary>
public sealed class Schema
{
    private readonly Contract _contract;
    private readonly List<JsonElement> _parts = [];
    private List<(string Name, Schema Schema)>? _properties;
    private Schema? _items;

    public string? Name { get; }
    public IReadOnlySet<string> Types { get; }
    public bool Nullable { get; }
    public string? Format { get; }
    public IReadOnlyList<JsonElement> Enum { get; }
    public IReadOnlySet<string> Required { get; }
    public int? MaxLength { get; }
    public int? MinLength { get; }
    public int? MaxItems { get; }
    public int? MinItems { get; }
    public double? Minimum { get; }
    public double? Maximum { get; }

    internal Schema(Contract contract, JsonElement e, string? name)
    {
        _contract = contract;
        Name = name;
        Collect(e, 0);
        var types = new HashSet<string>(StringComparer.Ordinal);
        var nullable = false;
        foreach (var part in _parts)
        {
            if (part.TryGetProperty("type", out var t))
            {
                foreach (var type in t.ValueKind == JsonValueKind.Array ? t.EnumerateArray().Select(x => x.GetString()!) : [t.GetString()!])
                    if (type == "null") nullable = true; else types.Add(type);
            }
            if (part.TryGetProperty("nullable", out var n) && n.ValueKind == JsonValueKind.True) nullable = true;
        }
        Enum = First("enum") is { ValueKind: JsonValueKind.Array } en ? en.EnumerateArray().Select(x => x.Clone()).ToList() : [];
        if (Enum.Any(x => x.ValueKind == JsonValueKind.Null)) nullable = true;
        if (types.Count == 0)
        {
            if (Has("properties") || Has("additionalProperties")) types.Add("object");
            else if (Has("items")) types.Add("array");
            else foreach (var v in Enum) types.Add(v.ValueKind switch
            {
                JsonValueKind.String => "string",
                JsonValueKind.Number => "number",
                JsonValueKind.True or JsonValueKind.False => "boolean",
                _ => "null",
            });
            types.Remove("null");
        }
        Types = types;
        Nullable = nullable;
        Format = First("format")?.GetString();
        Required = _parts.Where(p => p.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.Array)
            .SelectMany(p => p.GetProperty("required").EnumerateArray().Select(x => x.GetString()!)).ToHashSet(StringComparer.Ordinal);
        MaxLength = Int("maxLength");
        MinLength = Int("minLength");
        MaxItems = Int("maxItems");
        MinItems = Int("minItems");
        Minimum = First("minimum")?.GetDouble();
        Maximum = First("maximum")?.GetDouble();
    }

    private void Collect(JsonElement e, int depth)
    {
        if (depth > 16 || e.ValueKind != JsonValueKind.Object) return;
        e = _contract.Deref(e);
        _parts.Add(e);
        if (e.TryGetProperty("allOf", out var all))
            foreach (var part in all.EnumerateArray()) Collect(part, depth + 1);
        foreach (var keyword in new[] { "oneOf", "anyOf" })
        {
            if (!e.TryGetProperty(keyword, out var branches)) continue;
            var list = branches.EnumerateArray().Select(_contract.Deref).ToList();
            if (list.Any(b => b.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "null"))
                _parts.Add(JsonDocument.Parse("{\"type\":\"null\"}").RootElement);
            var first = list.FirstOrDefault(b => !(b.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "null"));
            if (first.ValueKind == JsonValueKind.Object) Collect(first, depth + 1);
        }
    }

    private bool Has(string keyword) => _parts.Any(p => p.TryGetProperty(keyword, out _));

    private JsonElement? First(string keyword)
    {
        foreach (var p in _parts)
            if (p.TryGetProperty(keyword, out var v)) return v;
        return null;
    }

    private int? Int(string keyword) => First(keyword) is { ValueKind: JsonValueKind.Number } v ? v.GetInt32() : null;

    public IReadOnlyList<(string Name, Schema Schema)> Properties => _properties ??=
        _parts.Where(p => p.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object)
            .SelectMany(p => p.GetProperty("properties").EnumerateObject())
            .GroupBy(p => p.Name).Select(g => (g.Key, _contract.SchemaOf(g.First().Value))).ToList();

    public Schema? Items => _items ??= First("items") is { } items ? _contract.SchemaOf(items) : null;

    public bool Is(string type) => Types.Contains(type);

    /// <summary>Integers and numbers that .NET also reads from strings are declared as <c>["integer","string"]</c> with a pattern.</summary>
    public bool IsNumeric => Is("integer") || Is("number");

    public bool IsPlainString => Is("string") && !IsNumeric && Format is null or "" && Enum.Count == 0;

    public override string ToString() => Name ?? $"[{string.Join(",", Types)}{(Nullable ? ",null" : "")}]{(Format is null ? "" : ":" + Format)}";
}
