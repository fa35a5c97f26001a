using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Inspections.Api.Tests.Infrastructure;

/// <summary>
/// The host's own OpenAPI document, compiled once per host into something a response can be checked against:
/// operations by method and path template, and a JSON Schema (2020-12, the dialect of OpenAPI 3.1) for every
/// declared JSON response body, with <c>$ref</c>s resolved into <c>#/components/schemas</c>.
/// </summary>
public sealed class OpenApiContract
{
    private readonly Operation[] _operations;

    private OpenApiContract(Operation[] operations) => _operations = operations;

    public int OperationCount => _operations.Length;

    /// <summary>Reads the document text. Each host gets its own registry, so documents of hosts never mix.</summary>
    public static OpenApiContract Parse(string documentText)
    {
        var document = JsonNode.Parse(documentText)!.AsObject();
        // A made-up absolute URI: the document is never fetched from it, it only names the document for $ref.
        var baseUri = new Uri($"urn:inspections:openapi:{Guid.NewGuid():N}");
        foreach (var (_, component) in document["components"]?["schemas"]?.AsObject() ?? []) Close(component);
        var registry = new SchemaRegistry();
        var documentElement = JsonSerializer.SerializeToElement(document);
        registry.Register(baseUri, new JsonElementBaseDocument(documentElement, baseUri));
        var build = new BuildOptions { SchemaRegistry = registry, Dialect = Dialect.Draft202012 };

        var operations = new List<Operation>();
        var index = 0;
        foreach (var (template, pathItem) in document["paths"]?.AsObject() ?? [])
        {
            foreach (var (method, operationNode) in pathItem!.AsObject())
            {
                if (method is "parameters" or "summary" or "description" or "servers") continue;
                var responses = new Dictionary<string, Response>(StringComparer.Ordinal);
                foreach (var (status, responseNode) in operationNode!["responses"]?.AsObject() ?? [])
                {
                    var response = Resolve(document, responseNode!);
                    var media = new Dictionary<string, JsonSchema?>(StringComparer.OrdinalIgnoreCase);
                    foreach (var (type, mediaNode) in response["content"]?.AsObject() ?? [])
                    {
                        JsonSchema? schema = null;
                        if (IsJson(type) && mediaNode?["schema"] is { } schemaNode)
                        {
                            var absolute = Absolute(schemaNode.DeepClone(), baseUri);
                            Close(absolute);
                            schema = JsonSchema.Build(JsonSerializer.SerializeToElement(absolute), build,
                                new Uri($"{baseUri}:response:{index++}"));
                        }
                        media[type] = schema;
                    }
                    responses[status] = new Response(media);
                }
                operations.Add(new Operation(method.ToUpperInvariant(), template, Segments(template),
                    (string?)operationNode["operationId"] ?? $"{method} {template}", responses));
            }
        }
        return new OpenApiContract([.. operations]);
    }

    /// <summary>The operation a request reached: literal segments win over parameters, as in routing.</summary>
    public Operation? Find(string method, string path, out bool pathKnown)
    {
        var segments = path.Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        var candidates = _operations
            .Where(o => o.Segments.Length == segments.Length
                        && o.Segments.Zip(segments).All(p => IsParameter(p.First) || p.First == p.Second))
            .ToList();
        pathKnown = candidates.Count > 0;
        return candidates
            .Where(o => o.Method == method)
            .OrderByDescending(o => LiteralScore(o.Segments))
            .FirstOrDefault();
    }

    private static long LiteralScore(string[] segments)
    {
        long score = 0;
        foreach (var s in segments) score = score * 2 + (IsParameter(s) ? 0 : 1);
        return score;
    }

    private static bool IsParameter(string segment) => segment.StartsWith('{') && segment.EndsWith('}');

    private static string[] Segments(string template) => template.Trim('/').Split('/');

    public static bool IsJson(string mediaType)
    {
        var type = mediaType.Split(';')[0].Trim();
        return type.Equals("application/json", StringComparison.OrdinalIgnoreCase)
               || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    private static JsonNode Resolve(JsonObject document, JsonNode node)
    {
        while (node is JsonObject o && (string?)o["$ref"] is { } reference && reference.StartsWith("#/", StringComparison.Ordinal))
        {
            JsonNode? target = document;
            foreach (var part in reference[2..].Split('/'))
                target = target?[part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)];
            node = target ?? throw new InvalidOperationException($"OpenAPI document: {reference} does not resolve");
        }
        return node;
    }

    /// <summary>A response schema lives outside the document, so its local references name the document.</summary>
    private static JsonNode Absolute(JsonNode node, Uri document)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o.ToList())
                {
                    if (key == "$ref" && value is JsonValue v && (string?)v is { } r && r.StartsWith('#'))
                        o[key] = document + r;
                    else if (value is not null)
                        Absolute(value, document);
                }
                break;
            case JsonArray a:
                foreach (var item in a)
                    if (item is not null) Absolute(item, document);
                break;
        }
        return node;
    }

    /// <summary>
    /// Objects are closed: a property the document does not name is a mismatch, since a client generated from the
    /// document could never read it. A schema that says what else it allows (additionalProperties) keeps its word.
    /// unevaluatedProperties sees through allOf/anyOf/oneOf and $ref, unlike additionalProperties.
    /// </summary>
    private static void Close(JsonNode? schema)
    {
        if (schema is not JsonObject o) return;
        var isObject = o["properties"] is JsonObject
                       || (o["type"] is JsonValue type && (string?)type == "object")
                       || (o["type"] is JsonArray types && types.Any(t => t is JsonValue v && (string?)v == "object"));
        if (isObject && !o.ContainsKey("additionalProperties") && !o.ContainsKey("unevaluatedProperties") && !o.ContainsKey("$ref"))
            o["unevaluatedProperties"] = false;
        foreach (var (key, value) in o.ToList())
        {
            switch (key, value)
            {
                case ("properties" or "patternProperties" or "$defs" or "dependentSchemas", JsonObject map):
                    foreach (var (_, sub) in map) Close(sub);
                    break;
                case ("allOf" or "anyOf" or "oneOf" or "prefixItems", JsonArray list):
                    foreach (var sub in list) Close(sub);
                    break;
                case ("items" or "additionalProperties" or "unevaluatedItems" or "not" or "if" or "then" or "else"
                      or "contains" or "propertyNames", JsonObject sub):
                    Close(sub);
                    break;
            }
        }
    }

    public sealed record Operation(string Method, string Template, string[] Segments, string OperationId,
        IReadOnlyDictionary<string, Response> Responses)
    {
        public override string ToString() => $"{Method} {Template} ({OperationId})";
    }

    /// <summary>A declared response: its media types, with a compiled schema for the JSON ones.</summary>
    public sealed record Response(IReadOnlyDictionary<string, JsonSchema?> Content);

    /// <summary>The problems of one response against its operation, or none.</summary>
    public static IReadOnlyList<string> Check(Operation operation, int status, string? contentType, byte[] body)
    {
        var problems = new List<string>();
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!operation.Responses.TryGetValue(key, out var response)
            && !operation.Responses.TryGetValue(key[0] + "XX", out response)
            && !operation.Responses.TryGetValue("default", out response))
        {
            problems.Add($"status {status} is not declared (declared: {string.Join(", ", operation.Responses.Keys)})");
            return problems;
        }

        if (body.Length == 0)
        {
            if (response.Content.Count > 0)
                problems.Add($"the body is empty, but the document declares {string.Join(", ", response.Content.Keys)}");
            return problems;
        }
        if (response.Content.Count == 0)
        {
            problems.Add($"a body of {contentType ?? "no content type"} ({body.Length} bytes) is sent, but the document declares none");
            return problems;
        }

        var mediaType = contentType?.Split(';')[0].Trim() ?? "";
        var declared = response.Content.FirstOrDefault(c => MediaMatches(c.Key, mediaType));
        if (declared.Key is null)
        {
            problems.Add($"content type {contentType ?? "(none)"} is not declared (declared: {string.Join(", ", response.Content.Keys)})");
            return problems;
        }
        if (!IsJson(mediaType)) return problems;

        JsonDocument json;
        try { json = JsonDocument.Parse(body); }
        catch (JsonException e)
        {
            problems.Add($"the body is not JSON: {e.Message}");
            return problems;
        }
        using (json)
        {
            if (declared.Value is null)
            {
                problems.Add($"{declared.Key} is declared without a schema");
                return problems;
            }
            var results = declared.Value.Evaluate(json.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            if (!results.IsValid)
                problems.AddRange(Errors(results).Distinct().Take(30));
        }
        return problems;
    }

    private static bool MediaMatches(string declared, string actual)
    {
        var d = declared.Split(';')[0].Trim();
        if (d == "*/*" || d.Equals(actual, StringComparison.OrdinalIgnoreCase)) return true;
        return d.EndsWith("/*", StringComparison.Ordinal)
               && actual.StartsWith(d[..^1], StringComparison.OrdinalIgnoreCase);
    }

    private static IEnumerable<string> Errors(EvaluationResults results)
    {
        if (results.Errors is { Count: > 0 } errors)
            foreach (var (keyword, message) in errors)
                yield return $"at {Display(results.InstanceLocation.ToString())}: {message} [{keyword} at {results.EvaluationPath}]";
        foreach (var detail in results.Details ?? [])
            foreach (var e in Errors(detail))
                yield return e;
    }

    private static string Display(string pointer) => pointer.Length == 0 ? "/" : pointer;

    public static string Excerpt(byte[] body, int max = 1500)
    {
        var text = Encoding.UTF8.GetString(body);
        return text.Length <= max ? text : text[..max] + $"… ({text.Length} characters)";
    }
}
