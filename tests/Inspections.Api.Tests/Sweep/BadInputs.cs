using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Inspections.Api.Tests.Sweep;

/// <summary>What one class of bad input may use: the draft to change, a seeded random, and a string from FsCheck's generator.</summary>
public sealed record Mutation(Draft Draft, Random Rng, string Fuzz, World World, string? Target = null)
{
    public T Pick<T>(IReadOnlyList<T> items) => items[Rng.Next(items.Count)];

    /// <summary>The slot the plan aims at when it goes field by field, else one drawn at random.</summary>
    public Slot Choose(IReadOnlyList<Slot> slots) =>
        Target?.Split('|')[0] is { } t && slots.FirstOrDefault(s => s.Key == t) is { } hit ? hit : slots[Rng.Next(slots.Count)];

    /// <summary>A target may name a value too (<c>slot|2</c>): the class's values are then tried one by one, not drawn.</summary>
    public T PickVariant<T>(IReadOnlyList<T> items) =>
        Target?.Split('|') is [_, var v] && int.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, out var i) && i < items.Count ? items[i] : Pick(items);
}

/// <summary>
/// One class of bad input: where it applies (judged on the valid draft) and how it spoils it. Apply
/// returns a short note of what it did, printed with any 5xx.
/// </summary>
/// <para>Each, where given, lists the slots the sweep spoils one by one (every string field, every date, …).</para>
/// <para>Variants: how many of its first values the sweep sends to each of those slots.</para>
public sealed record BadInput(string Name, Func<Draft, bool> Applies, Func<Mutation, string> Apply, Func<Draft, List<Slot>>? Each = null, int Variants = 1)
{
    public override string ToString() => Name;
}

public static class BadInputs
{
    private const int HugeString = 100 * 1024;
    private const int HugeArray = 100_000;
    private const int DeepNesting = 10_000;

    // ---- slot filters -------------------------------------------------------------------------

    private static bool Textual(Slot s) => s.Place != Place.Path || !s.Schema.IsNumeric;

    /// <summary>Slots that take text: string members, query values, form fields (not files), string path segments.</summary>
    public static List<Slot> Strings(Draft d) => d.Slots.Where(s =>
        s.Schema.Is("string") && !s.Schema.IsNumeric && s.Schema.Format != "binary" && (s.Place != Place.Body || s.BodyPath.Count > 0)).ToList();

    private static List<Slot> Members(Draft d) => d.Slots.Where(s => s.Place == Place.Body && s.BodyPath.Count > 0).ToList();

    private static List<Slot> Numeric(Draft d) => d.Slots.Where(s => s.Schema.IsNumeric && s.Place != Place.Form && (s.Place != Place.Body || s.BodyPath.Count > 0)).ToList();

    private static List<Slot> Formatted(Draft d, params string[] formats) => d.Slots.Where(s => formats.Contains(s.Schema.Format) && s.Place != Place.Form).ToList();

    private static List<Slot> Arrays(Draft d) => d.Slots.Where(s => s.Place == Place.Body && s.Schema.Is("array")).ToList();

    private static List<Slot> Booleans(Draft d) => d.Slots.Where(s => s.Schema.Is("boolean") && s.Place != Place.Form).ToList();

    private static List<Slot> Enums(Draft d) => d.Slots.Where(s => s.Place != Place.Form && (s.Schema.Enum.Count > 0
        || s.Schema.Is("string") && s.Schema.Format is null && ValidRequests.Vocabulary.TryGetValue(s.Name, out var v) && v.Length > 1)).ToList();

    private static List<Slot> Paging(Draft d) => d.Slots.Where(s => s.Place != Place.Form && s.Place != Place.Path &&
        new[] { "limit", "cursor", "count", "days", "page", "offset", "version" }.Any(w => s.Name.Contains(w, StringComparison.OrdinalIgnoreCase))).ToList();

    /// <summary>Body members, and query values that are not free text (numbers, dates, ids, flags).</summary>
    private static List<Slot> Typed(Draft d) => [.. Members(d), .. d.Slots.Where(s => s.Place == Place.Query && !s.Schema.IsPlainString)];

    private static List<Slot> Removable(Draft d) => d.Slots.Where(s => s.Place is Place.Form or Place.Query || s.Place == Place.Body && s.BodyPath.Count > 0).ToList();

    private static bool JsonBody(Draft d) => d.HasJsonBody;

    private static bool AnyBody(Draft d) => d.HasJsonBody || d.IsForm;

    // ---- helpers --------------------------------------------------------------------------------

    private static string Repeat(string unit, int totalChars) => new StringBuilder(totalChars + unit.Length).Insert(0, unit, Math.Max(1, totalChars / unit.Length)).ToString();

    private static string JsonString(string text) => JsonSerializer.Serialize(text);

    /// <summary>Sets the same text in each chosen slot, JSON or URL as the slot needs; returns the note.</summary>
    private static string Text(Mutation m, List<Slot> slots, string text, string label)
    {
        var slot = m.Choose(slots);
        m.Draft.SetText(slot, text);
        return $"{slot} ← {label}";
    }

    /// <summary>Raw JSON into a body slot, or the URL form of the same value into a path or query slot.</summary>
    private static string Raw(Mutation m, Slot slot, string json, string? url = null)
    {
        if (slot.Place == Place.Body) m.Draft.SetRaw(slot, json);
        else m.Draft.SetRaw(slot, url ?? Draft.Encode(json.Trim('"')));
        return $"{slot} ← {Shorten(json)}";
    }

    public static string Shorten(string s) => s.Length <= 80 ? s : $"{s[..60]}… ({s.Length} chars)";

    /// <summary>Queries get something to spoil even on operations that declare none: an unknown parameter.</summary>
    private static Slot QuerySlot(Mutation m, string name = "q")
    {
        var existing = m.Draft.Slots.Where(s => s.Place == Place.Query && !s.Schema.IsNumeric).ToList();
        return existing.Count > 0 && m.Rng.Next(4) > 0 ? m.Pick(existing) : new Slot(Place.Query, name, [], m.Draft.Operation.Parameters.FirstOrDefault()?.Schema ?? Dummy, false);
    }

    private static readonly Schema Dummy = new Contract(JsonDocument.Parse("""{"paths":{}}""")).SchemaOf(JsonDocument.Parse("""{"type":"string"}""").RootElement);

    private static string ValidItem(Mutation m, Schema items)
    {
        var node = ValidRequests.Value(items, "", m.World, m.Rng, 3);
        var json = node?.ToJsonString() ?? "null";
        return json.Length > 60 ? "{}" : json;
    }

    // ---- the classes ----------------------------------------------------------------------------

    public static readonly IReadOnlyList<BadInput> All =
    [
        new("control-characters", d => Strings(d).Count > 0, m =>
        {
            var c = m.PickVariant(["\u0000", "\u0001", "\u0007", "\b", "\u000b", "\f", "\u001b", "\u001f", "\u007f", "\u0085", "\u2028", "\u2029", "\r\n", "\t"]);
            return Text(m, Strings(m.Draft), "合规" + c + "检查" + c, $"text with U+{(int)c[0]:X4}");
        }, Strings, Variants: 2), // NUL, then U+0001

        new("wrong-json-type", d => Typed(d).Count > 0, m =>
        {
            var slot = m.Choose(Typed(m.Draft));
            if (slot.Place == Place.Query) return Text(m, [slot], "abc", "abc");
            var candidates = new List<(string Type, string Json)>
            {
                ("string", "\"text\""), ("integer", "7"), ("number", "1.5"), ("boolean", "true"), ("object", "{\"a\":1}"), ("array", "[1,\"a\"]"),
            }.Where(c => c.Type == "string" && slot.Schema.IsNumeric // numbers also read from strings, but not from words
                    || !slot.Schema.Is(c.Type) && !(c.Type == "integer" && slot.Schema.Is("number"))).ToList();
            return Raw(m, slot, m.Pick(candidates).Json);
        }, Typed),

        new("missing-required", d => d.Slots.Any(s => s.Place is Place.Form or Place.Query || s.Place == Place.Body && s.BodyPath.Count > 0), m =>
        {
            var removable = Removable(m.Draft);
            var required = removable.Where(s => s.Required).ToList();
            if (m.Target is null && m.Draft.HasJsonBody && m.Rng.Next(5) == 0)
            {
                m.Draft.Body = new JsonObject();
                return "body ← {} (every member missing)";
            }
            var slot = m.Choose(required.Count > 0 ? required : removable);
            m.Draft.Remove(slot);
            return $"{slot} removed{(slot.Required ? " (required)" : "")}";
        }, d => Removable(d).Where(s => s.Required).ToList()),

        new("unknown-fields", _ => true, m =>
        {
            if (m.Draft.HasJsonBody && m.Draft.Body is JsonObject && m.Rng.Next(3) > 0)
            {
                var objects = Members(m.Draft).Where(s => s.Schema.Is("object")).Select(s => s.BodyPath).Prepend([]).ToList();
                var at = m.Pick(objects);
                if (m.Draft.Navigate(at) is JsonObject o)
                {
                    o["unknownField"] = "x";
                    o["__proto__"] = new JsonObject { ["admin"] = true };
                    o["$type"] = "System.IO.FileInfo, System.IO.FileSystem";
                    o["id"] = Guid.NewGuid().ToString();
                    o["jurisdiction"] = "510104";
                    return $"body.{string.Join(".", at)} + unknownField, __proto__, $type, id, jurisdiction";
                }
            }
            if (m.Draft.IsForm && m.Rng.Next(2) == 0)
            {
                m.Draft.FormFields.Add(new("unknownField", "x"));
                return "form + unknownField";
            }
            m.Draft.Query.Add(new("unknownField", "x"));
            m.Draft.Query.Add(new("%24filter", "1%20eq%201"));
            m.Draft.Query.Add(new("jurisdiction", "510104"));
            return "query + unknownField, $filter, jurisdiction";
        }),

        new("huge-string", d => Strings(d).Count > 0, m =>
        {
            var slot = m.Choose(Strings(m.Draft).Where(Textual).ToList());
            var unit = m.Pick(["a", "长", "a'%_"]);
            // a URL holds at most 65,519 characters (System.Uri), so path and query get what fits
            var text = slot.Place is Place.Body or Place.Form ? Repeat(unit, HugeString) : Repeat(unit, 45_000 / Draft.Encode(unit).Length);
            m.Draft.SetText(slot, text);
            return $"{slot} ← {text.Length:N0} × {unit}";
        }),

        new("huge-array", d => Arrays(d).Count > 0, m =>
        {
            var slot = m.Choose(Arrays(m.Draft));
            var item = slot.Schema.Items is { } items ? ValidItem(m, items) : "1";
            var json = "[" + string.Join(",", Enumerable.Repeat(item, HugeArray)) + "]";
            m.Draft.SetRaw(slot, json);
            return $"{slot} ← {HugeArray:N0} × {Shorten(item)}";
        }),

        new("deep-nesting", JsonBody, m =>
        {
            var (open, close) = m.Rng.Next(2) == 0 ? ("[", "]") : ("{\"a\":", "}");
            var json = Repeat(open, DeepNesting * open.Length) + "1" + Repeat(close, DeepNesting);
            var members = Members(m.Draft);
            var slot = members.Count > 0 && m.Rng.Next(2) == 0 ? m.Choose(members) : m.Draft.Slots.First(s => s.Place == Place.Body && s.BodyPath.Count == 0);
            m.Draft.SetRaw(slot, json);
            return $"{slot} ← {DeepNesting:N0} levels of {open}";
        }),

        new("duplicate-keys", d => Members(d).Any(s => s.BodyPath[^1] is string) || d.Slots.Any(s => s.Place == Place.Query), m =>
        {
            var members = Members(m.Draft).Where(s => s.BodyPath[^1] is string).ToList();
            if (members.Count == 0 || m.Rng.Next(4) == 0 && m.Draft.Query.Count > 0)
            {
                if (m.Draft.Query.Count == 0) m.Draft.Query.Add(new("limit", "1"));
                var q = m.Pick(m.Draft.Query);
                m.Draft.Query.Add(new(q.Key, m.Pick(["other", "2", "", "%00"])));
                return $"query:{q.Key} twice";
            }
            var slot = m.Choose(members);
            var valid = m.Draft.Navigate(slot.BodyPath)?.ToJsonString() ?? "null";
            var other = m.Pick(["null", "\"other\"", "0", "[]", "{}"]);
            m.Draft.SetRaw(slot, $"{valid},{JsonString((string)slot.BodyPath[^1])}:{other}");
            return $"{slot} twice ({Shorten(valid)}, then {other})";
        }),

        new("overflowing-number", d => Numeric(d).Count > 0, m =>
            Raw(m, m.Choose(Numeric(m.Draft)), m.Pick(["1e400", "-1e400", "9223372036854775808", "-9223372036854775809", "-2147483649", "2147483648",
                "18446744073709551616", "1" + new string('0', 400), "4.9e-400", "1.7976931348623157e309"])), Numeric),

        new("fractional-number", d => Numeric(d).Any(s => s.Schema.Is("integer")), m =>
            Raw(m, m.Choose(Numeric(m.Draft).Where(s => s.Schema.Is("integer")).ToList()), m.Pick(["1.5", "1e2", "-0", "0.0000001", "\"0x10\"", "\"1_000\"", "\" 7 \"", "\"٣\""]))),

        new("invalid-guid", d => Formatted(d, "uuid").Count > 0 || d.Slots.Any(s => s.Name.EndsWith("Id", StringComparison.Ordinal)), m =>
        {
            var slots = Formatted(m.Draft, "uuid");
            if (slots.Count == 0) slots = m.Draft.Slots.Where(s => s.Name.EndsWith("Id", StringComparison.Ordinal) && s.Place != Place.Form).ToList();
            if (slots.Count == 0) slots = Strings(m.Draft);
            var value = m.Pick(["not-a-guid", "00000000-0000-0000-0000-000000000000", "{" + Guid.NewGuid() + "}", Guid.NewGuid() + "0",
                "ffffffff-ffff-ffff-ffff-ffffffffffffff", "0", "' OR 1=1 --", Guid.NewGuid().ToString("N"), "(" + Guid.NewGuid() + ")"]);
            return Text(m, slots, value, value);
        }, d => Formatted(d, "uuid")),

        new("far-date", d => Formatted(d, "date", "date-time").Count > 0, m =>
        {
            var slot = m.Choose(Formatted(m.Draft, "date", "date-time"));
            var value = slot.Schema.Format == "date"
                ? m.PickVariant(["0001-01-01", "9999-12-31", "2026-02-30", "0000-00-00", "2026-13-01", "-0001-01-01", "99999-01-01", "1900-01-01", "2026-02-29"])
                : m.PickVariant(["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00", "2026-02-30T10:00:00+08:00", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
                    "2026-02-30T10:00:00+08:00", "9999-12-31T23:59:59.9999999+14:00", "2026-01-01", "1900-01-01T00:00:00+08:00"]);
            m.Draft.SetText(slot, value);
            return $"{slot} ← {value}";
        }, d => Formatted(d, "date", "date-time"), Variants: 3),

        new("null-items", d => Arrays(d).Count > 0, m =>
        {
            var slot = m.Choose(Arrays(m.Draft));
            var item = slot.Schema.Items is { } items ? ValidItem(m, items) : "1";
            var json = m.Pick(["[null]", $"[{item},null]", "[null,null,null]"]);
            m.Draft.SetRaw(slot, json);
            return $"{slot} ← {json}";
        }, Arrays),

        new("null-members", d => Members(d).Count > 0, m =>
        {
            if (m.Target is null && m.Rng.Next(3) == 0)
            {
                foreach (var s in Members(m.Draft).Where(s => s.BodyPath.Count == 1)) m.Draft.SetNode(s, null);
                return "every top-level member ← null";
            }
            var slot = m.Choose(Members(m.Draft));
            m.Draft.SetNode(slot, null);
            return $"{slot} ← null";
        }, Members),

        new("null-body", JsonBody, m => { m.Draft.RawBody = "null"u8.ToArray(); return "body ← null"; }),

        new("empty-body", AnyBody, m =>
        {
            m.Draft.RawBody = [];
            if (m.Rng.Next(3) == 0) { m.Draft.ContentType = null; return "no body, no Content-Type"; }
            return "empty body";
        }),

        new("wrong-content-type", AnyBody, m =>
        {
            var type = m.Draft.IsForm
                ? m.Pick(["application/json", "multipart/form-data", "multipart/form-data; boundary=other", "application/x-www-form-urlencoded", "text/plain", "application/json; charset=ebcdic"])
                : m.Pick(["text/plain", "application/xml", "application/json; charset=ebcdic", "application/json; charset=utf-7", "application/json; charset=\"nope\"",
                    "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json-patch+json", "*/*", ";;", "application/json; charset=utf-16"]);
            m.Draft.ContentType = type;
            return $"Content-Type: {type}";
        }),

        new("wrong-root-type", JsonBody, m =>
        {
            var json = m.Pick(["[]", "[{}]", "\"text\"", "42", "true", "\"\""]);
            m.Draft.RawBody = Encoding.UTF8.GetBytes(json);
            return $"body ← {json}";
        }),

        new("malformed-json", JsonBody, m =>
        {
            var valid = m.Draft.BodyBytes() ?? "{}"u8.ToArray();
            var text = Encoding.UTF8.GetString(valid);
            var choice = m.Rng.Next(11);
            m.Draft.RawBody = choice switch
            {
                0 => valid[..(valid.Length / 2)],
                1 => Encoding.UTF8.GetBytes(text.TrimEnd('}') + ",}"),
                2 => Encoding.UTF8.GetBytes("/* comment */" + text),
                3 => Encoding.UTF8.GetBytes(text.Replace('"', '\'')),
                4 => "{\"version\":NaN,\"a\":Infinity}"u8.ToArray(),
                5 => "{\"name\":\"a\u0001b\tc\"}"u8.ToArray(), // raw control characters inside a string
                6 => [.. "{\"name\":\""u8.ToArray(), 0xC3, 0x28, 0xFF, 0xFE, .. "\"}"u8.ToArray()], // not UTF-8
                7 => [0xEF, 0xBB, 0xBF, .. valid], // a byte-order mark
                8 => Encoding.Unicode.GetBytes(text), // UTF-16 sent as JSON
                9 => "}{"u8.ToArray(),
                _ => Encoding.UTF8.GetBytes(text + text),
            };
            return "malformed JSON #" + choice.ToString(CultureInfo.InvariantCulture);
        }),

        new("injection", d => Strings(d).Count > 0, m =>
        {
            var value = m.Pick(["' OR 1=1 --", "%", "_", "\\", "<script>alert(1)</script>", "'; DROP TABLE venues; --", "%' AND '1'='1",
                "\" OR \"\"=\"", "${jndi:ldap://127.0.0.1/a}", "{{7*7}}", "*", "[", "\\'", "\\%", "$where", "0x27"]);
            return Text(m, Strings(m.Draft).Where(Textual).ToList(), value, value);
        }),

        new("path-traversal", _ => true, m =>
        {
            var paths = m.Draft.Slots.Where(s => s.Place == Place.Path).ToList();
            var files = m.Draft.Files;
            var choice = m.Rng.Next(3);
            if (choice == 0 && paths.Count > 0)
            {
                var raw = m.Pick(["..%2F..%2Fetc%2Fpasswd", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "..%5C..%5Cwindows%5Cwin.ini", "..", "%2e%2e", "..%00"]);
                return Raw(m, m.Choose(paths), raw, raw);
            }
            if (choice == 1 && files.Count > 0)
            {
                var f = files[0];
                var name = m.Pick(["../../etc/passwd", "..\\..\\evil.jpg", "/etc/passwd", "C:\\Windows\\win.ini", "a/../../b.jpg"]);
                files[0] = f with { FileName = name };
                return $"file name ← {name}";
            }
            var value = m.Pick(["../../etc/passwd", "..\\..\\..\\windows\\win.ini", "/etc/passwd", "....//....//etc/passwd", "file:///etc/passwd"]);
            var strings = Strings(m.Draft).Where(Textual).ToList();
            return strings.Count > 0 ? Text(m, strings, value, value) : Text(m, [QuerySlot(m, "file")], value, value);
        }),

        new("unicode-edge", d => Strings(d).Count > 0, m =>
        {
            var slot = m.Choose(Strings(m.Draft).Where(Textual).ToList());
            if (slot.Place is Place.Body)
            {
                var json = m.Pick(["\"\\ud800\"", "\"a\\udc00b\"", "\"\\udbff\\udfff\"", "\"\\ud83c\\udfee网吧\"", "\"\\u0000\"", "\"\\uFFFF\\uFFFE\""]);
                if (m.Rng.Next(2) == 0) return Raw(m, slot, json);
            }
            else if (m.Rng.Next(2) == 0)
            {
                var raw = m.Pick(["%ED%A0%80", "%F0%9F%8F%AE", "%EF%BB%BF", "%C0%AF", "%FF%FE", "%E9%95", "%"]);
                m.Draft.SetRaw(slot, raw);
                return $"{slot} ← {raw}";
            }
            var text = m.Pick(["🏮🀄️👨‍👩‍👧", "\u202e网吧\u202c", "\u200f\u200e", "\ufeffBOM", "\u200b", "e\u0301\u0301\u0301", "ＡＢＣ１２３", "𠀀𪚥", "\ufffd", "\u00a0 \u3000"]);
            m.Draft.SetText(slot, text);
            return $"{slot} ← {text}";
        }),

        new("bad-paging", d => Paging(d).Count > 0, m =>
        {
            var slot = m.Choose(Paging(m.Draft));
            if (slot.Name.Contains("cursor", StringComparison.OrdinalIgnoreCase))
            {
                var raw = m.Pick(["", "-1", "%25%25%25", "AAAA", "eyJpZCI6IngifQ", "eyJzIjoiJyBPUiAxPTEgLS0ifQ%3D%3D", new string('A', 5000), "%00", "null"]);
                return Raw(m, slot, JsonString(raw), raw);
            }
            return Raw(m, slot, m.Pick(["0", "-1", "-2147483648", "2147483647", "-9223372036854775808", "9223372036854775807"]));
        }),

        new("long-query", _ => true, m =>
        {
            if (m.Rng.Next(4) == 0)
            {
                for (var i = 0; i < 2000; i++) m.Draft.Query.Add(new("p" + i.ToString(CultureInfo.InvariantCulture), "x"));
                return "2,000 query parameters";
            }
            var slot = QuerySlot(m);
            var unit = m.Pick(["x", "长", "%"]);
            var value = Repeat(unit, 45_000 / Draft.Encode(unit).Length); // what fits in a URL, as above
            m.Draft.SetText(slot with { Place = Place.Query }, value);
            return $"query:{slot.Name} ← {value.Length:N0} × {unit}";
        }),

        new("wrong-enum", d => Enums(d).Count > 0, m =>
        {
            var slot = m.Choose(Enums(m.Draft));
            var valid = slot.Schema.Enum.Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()).FirstOrDefault()
                ?? (ValidRequests.Vocabulary.TryGetValue(slot.Name, out var v) && v.Length > 0 ? v[0] : "x");
            var value = m.Pick(["nope", "", " ", valid.ToUpperInvariant(), valid.ToLowerInvariant(), " " + valid, valid + ",x", "0", "99", "null", "-1"]);
            if (slot.Place == Place.Body && m.Rng.Next(4) == 0) return Raw(m, slot, m.Pick(["99", "-1", "true"]));
            m.Draft.SetText(slot, value);
            return $"{slot} ← \"{value}\"";
        }, Enums),

        new("boolean-as-string", d => Booleans(d).Count > 0, m =>
        {
            var slot = m.Choose(Booleans(m.Draft));
            return slot.Place == Place.Body
                ? Raw(m, slot, m.Pick(["\"true\"", "\"yes\"", "1", "0", "\"\"", "\"True\"", "\"false \""]))
                : Raw(m, slot, "", m.Pick(["yes", "1", "maybe", "TRUE", "", "true%00", "on"]));
        }, Booleans),

        new("fscheck-string", d => Strings(d).Count > 0, m =>
            Text(m, Strings(m.Draft).Where(Textual).ToList(), m.Fuzz, $"FsCheck string \"{Shorten(m.Fuzz)}\"")),

        new("path-garbage", d => d.Slots.Any(s => s.Place == Place.Path), m =>
        {
            var slot = m.Choose(m.Draft.Slots.Where(s => s.Place == Place.Path).ToList());
            var raw = m.Pick(["0", "-1", "%00", "null", "undefined", "9223372036854775808", "-2147483649", "%20", "a%2Fb", new string('x', 2000),
                "%E9%95%BF", "%ED%A0%80", "1e400", "%3Cscript%3E"]);
            m.Draft.SetRaw(slot, raw);
            return $"{slot} ← {Shorten(raw)}";
        }),

        new("multipart-edge", d => d.IsForm, m =>
        {
            var choice = m.Rng.Next(6);
            var d = m.Draft;
            switch (choice)
            {
                case 0: d.Files.Clear(); d.Files.Add(new FormFile("file", "", "image/jpeg", ValidRequests.Jpeg)); return "file without a name";
                case 1: d.Files.Clear(); d.Files.Add(new FormFile("file", "a\u0000b.jpg", "image/jpeg", [])); return "empty file named with NUL";
                case 2: d.Files.Add(new FormFile("file", "second.jpg", "image/jpeg", ValidRequests.Jpeg)); return "two files";
                case 3: d.Files.Clear(); d.Files.Add(new FormFile("file", "x.exe", "application/x-msdownload", "MZ\u0090\u0000"u8.ToArray())); return "an executable";
                case 4: d.Files.Clear(); d.Files.Add(new FormFile("file", "x.jpg", "image/jpeg; charset=ebcdic", ValidRequests.Jpeg)); return "part with a strange Content-Type";
                default: d.RawBody = Encoding.UTF8.GetBytes($"--{Draft.Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.jpg\"\r\n\r\n\u00ff\u00d8"); return "form cut off before its end";
            }
        }),
    ];
}
