using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Inspections.Api.Tests.Sweep;

public enum Place { Path, Query, Body, Form }

/// <summary>
/// One place a value goes: a path or query parameter, a member of the JSON body (a path of property
/// names and array indexes from the root), or a field of a multipart form.
/// </summary>
public sealed record Slot(Place Place, string Name, IReadOnlyList<object> BodyPath, Schema Schema, bool Required)
{
    public string Key => ToString();

    public override string ToString() => Place == Place.Body ? "body." + string.Join(".", BodyPath) : $"{Place.ToString().ToLowerInvariant()}:{Name}";
}

/// <summary>A file in a multipart form.</summary>
public sealed record FormFile(string Field, string FileName, string ContentType, byte[] Content);

/// <summary>
/// A request being put together: a valid one first, then changed by one class of bad input.
/// Values for path and query are kept URL-encoded, so a class can also send what no encoder would.
/// Raw JSON (numbers beyond any type, duplicate keys, lone surrogates) goes into the body through
/// placeholders swapped in after serialising.
/// </summary>
public sealed class Draft
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly Dictionary<string, string> _raw = new(StringComparer.Ordinal);

    public Draft(Operation operation) => Operation = operation;

    public Operation Operation { get; }
    public Dictionary<string, string> PathValues { get; } = new(StringComparer.Ordinal);
    public List<KeyValuePair<string, string>> Query { get; } = [];
    public JsonNode? Body { get; set; }
    public bool HasJsonBody { get; set; }
    public List<KeyValuePair<string, string>> FormFields { get; } = [];
    public List<FormFile> Files { get; } = [];
    public bool IsForm { get; set; }
    public List<Slot> Slots { get; } = [];
    public string? ContentType { get; set; }

    /// <summary>When set, sent as the body byte for byte (malformed JSON, a foreign encoding).</summary>
    public byte[]? RawBody { get; set; }

    public Draft Clone()
    {
        var copy = new Draft(Operation)
        {
            Body = Body?.DeepClone(), HasJsonBody = HasJsonBody, IsForm = IsForm, ContentType = ContentType, RawBody = RawBody,
        };
        foreach (var (k, v) in PathValues) copy.PathValues[k] = v;
        copy.Query.AddRange(Query);
        copy.FormFields.AddRange(FormFields);
        copy.Files.AddRange(Files);
        copy.Slots.AddRange(Slots);
        foreach (var (k, v) in _raw) copy._raw[k] = v;
        return copy;
    }

    /// <summary>Puts a text value into the slot (JSON-escaped in the body, URL-encoded in the URL).</summary>
    public void SetText(Slot slot, string text)
    {
        switch (slot.Place)
        {
            case Place.Body: SetNode(slot, JsonValue.Create(text)); break;
            case Place.Form: SetForm(slot.Name, text); break;
            default: SetEncoded(slot, Encode(text)); break;
        }
    }

    /// <summary>Puts raw JSON into a body slot, or an already URL-encoded value into a path or query slot.</summary>
    public void SetRaw(Slot slot, string raw)
    {
        switch (slot.Place)
        {
            case Place.Body: SetNode(slot, Placeholder(raw)); break;
            case Place.Form: SetForm(slot.Name, raw); break;
            default: SetEncoded(slot, raw); break;
        }
    }

    public JsonNode Placeholder(string raw)
    {
        var key = $"@@raw{_raw.Count.ToString(CultureInfo.InvariantCulture)}@@";
        _raw[key] = raw;
        return JsonValue.Create(key);
    }

    public void SetNode(Slot slot, JsonNode? value)
    {
        if (slot.BodyPath.Count == 0) { Body = value; return; }
        var parent = Navigate(slot.BodyPath.Take(slot.BodyPath.Count - 1));
        switch (parent, slot.BodyPath[^1])
        {
            case (JsonObject o, string name): o[name] = value; break;
            case (JsonArray a, int i) when i < a.Count: a[i] = value; break;
            case (JsonArray a, int _): a.Add(value); break;
        }
    }

    public void Remove(Slot slot)
    {
        switch (slot.Place)
        {
            case Place.Body when slot.BodyPath.Count > 0:
                if (Navigate(slot.BodyPath.Take(slot.BodyPath.Count - 1)) is JsonObject o && slot.BodyPath[^1] is string name) o.Remove(name);
                break;
            case Place.Query: Query.RemoveAll(q => q.Key == slot.Name); break;
            case Place.Form: FormFields.RemoveAll(f => f.Key == slot.Name); Files.RemoveAll(f => f.Field == slot.Name); break;
        }
    }

    public JsonNode? Navigate(IEnumerable<object> path)
    {
        var node = Body;
        foreach (var step in path)
            node = (node, step) switch
            {
                (JsonObject o, string name) => o[name],
                (JsonArray a, int i) when i < a.Count => a[i],
                _ => null,
            };
        return node;
    }

    private void SetEncoded(Slot slot, string encoded)
    {
        if (slot.Place == Place.Path) { PathValues[slot.Name] = encoded; return; }
        var i = Query.FindIndex(q => q.Key == slot.Name);
        if (i >= 0) Query[i] = new(slot.Name, encoded); else Query.Add(new(slot.Name, encoded));
    }

    private void SetForm(string name, string text)
    {
        var i = FormFields.FindIndex(f => f.Key == name);
        if (i >= 0) FormFields[i] = new(name, text); else FormFields.Add(new(name, text));
    }

    /// <summary>URL-encodes as a browser would; text that is not valid UTF-16 goes out as the bytes of its code units.</summary>
    public static string Encode(string text)
    {
        try { return Uri.EscapeDataString(text); }
        catch (UriFormatException) { return string.Concat(Encoding.UTF8.GetBytes(text).Select(b => "%" + b.ToString("X2", CultureInfo.InvariantCulture))); }
    }

    public string Url()
    {
        var path = Operation.Template;
        foreach (var (name, value) in PathValues) path = path.Replace("{" + name + "}", value, StringComparison.Ordinal);
        return Query.Count == 0 ? path : path + "?" + string.Join("&", Query.Select(q => Encode(q.Key) + "=" + q.Value));
    }

    public const string Boundary = "sweep-boundary-7MA4YWxkTrZu0gW";

    public byte[]? BodyBytes()
    {
        if (RawBody is not null) return RawBody;
        if (IsForm)
        {
            var sb = new StringBuilder();
            var bytes = new List<byte>();
            foreach (var (name, value) in FormFields)
                bytes.AddRange(Encoding.UTF8.GetBytes($"--{Boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"));
            foreach (var f in Files)
            {
                bytes.AddRange(Encoding.UTF8.GetBytes($"--{Boundary}\r\nContent-Disposition: form-data; name=\"{f.Field}\"; filename=\"{f.FileName}\"\r\nContent-Type: {f.ContentType}\r\n\r\n"));
                bytes.AddRange(f.Content);
                bytes.AddRange("\r\n"u8.ToArray());
            }
            bytes.AddRange(Encoding.UTF8.GetBytes($"--{Boundary}--\r\n"));
            return [.. bytes];
        }
        if (!HasJsonBody) return null;
        var text = Body is null ? "null" : Body.ToJsonString(Json);
        foreach (var (key, raw) in _raw) text = text.Replace("\"" + key + "\"", raw, StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(text);
    }
}
