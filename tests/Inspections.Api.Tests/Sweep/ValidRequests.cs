using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Inspections.Api.Tests.Sweep;

/// <summary>Ids of real rows made in the sweep's setup, by kind (venue, inspection, case, …).</summary>
public sealed class World
{
    public Dictionary<string, string> Ids { get; } = new(StringComparer.Ordinal);
    public List<string> SetupNotes { get; } = [];
    public DateOnly Today { get; init; }
    public DateTimeOffset Now { get; init; }
    public string PermitItemCode { get; set; } = "audio-video-retail";

    public string? Id(string kind) => Ids.GetValueOrDefault(kind);
}

/// <summary>
/// Builds a valid request for an operation from its schemas alone: every parameter and body member,
/// required and optional, filled with a value of its declared type and format (enum members where
/// the document lists them). Ids point at real rows of the matching kind where the name tells the
/// kind; names the README uses with fixed vocabularies get one of its values when the document
/// gives no enum.
/// </summary>
public static class ValidRequests
{
    /// <summary>The path segment before an id parameter names the kind of row it identifies.</summary>
    private static readonly Dictionary<string, string> PathKinds = new(StringComparer.Ordinal)
    {
        ["venues"] = "venue", ["inspections"] = "inspection", ["evidence"] = "evidence", ["cases"] = "case",
        ["suspensions"] = "suspension", ["challenges"] = "challenge", ["permits"] = "permit",
        ["accountability"] = "accountability", ["campaigns"] = "campaign", ["unlicensed-campaigns"] = "unlicensedCampaign",
        ["draws"] = "draw", ["alerts"] = "alert", ["users"] = "user",
    };

    /// <summary>Body and query members that carry an id of a known kind.</summary>
    private static readonly Dictionary<string, string> FieldKinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["venueId"] = "venue", ["drawId"] = "draw", ["campaignId"] = "campaign", ["inspectionId"] = "inspection",
        ["permitApplicationId"] = "permit", ["permitId"] = "permit", ["caseId"] = "case", ["evidenceId"] = "evidence",
        ["campaignVenueIds"] = "unlicensedVenue", ["campaignVenueId"] = "unlicensedVenue", ["entityId"] = "venue",
    };

    /// <summary>Values from the README for names whose vocabulary the document may not list.</summary>
    public static readonly Dictionary<string, string[]> Vocabulary = new(StringComparer.OrdinalIgnoreCase)
    {
        ["type"] = ["internetCafe", "ktv", "gameArcade", "bookshop"],
        ["venueType"] = ["internetCafe", "bookshop"],
        ["venueTypes"] = ["internetCafe", "gameArcade"],
        ["licenseStatus"] = ["licensed", "unlicensed"],
        ["kind"] = ["routine", "random", "person", "company", "appraisal", "reconsideration", "establish", "meeting", "holiday", "workday"],
        ["to"] = ["filed", "investigation", "correctionRequested", "accepted", "underReview"],
        ["result"] = ["compliant", "rectified", "violation"],
        ["outcome"] = ["compliant", "rectificationNotice", "licensed", "banned"],
        ["status"] = ["approved", "pending", "open"],
        ["source"] = ["complaint", "inspection"],
        ["stage"] = ["lead", "filed"],
        ["by"] = ["violation", "officer"],
        ["subjectType"] = ["notice", "case", "permit", "unlicensedNotice"],
        ["department"] = ["fire", "commerce", "environment", "health"],
        ["departments"] = ["fire", "commerce", "police"],
        ["suspensionKind"] = ["siteInspection", "hearing"],
        ["method"] = ["直接送达"],
        ["itemCode"] = ["IC-LIC", "IC-MINOR"],
        ["violationCode"] = ["cafe-minors-admitted"],
        ["materials"] = ["application", "business-licence"],
        ["entityType"] = ["venue", "case", "inspection"],
        ["userId"] = ["zhangsan", "lisi"],
        ["officer"] = ["zhangsan"],
        ["officerId"] = ["zhangsan"],
        ["clerkId"] = ["shen"],
        ["toUserId"] = ["shen"],
        ["loginName"] = ["zhangsan", "lisi"],
        ["id"] = ["sweepuser"],
        ["password"] = ["Chushi2026"],
        ["initialPassword"] = ["Chushi2026"],
        ["currentPassword"] = ["Chushi2026"],
        ["newPassword"] = ["Xinmima2027"],
        ["displayName"] = ["张三"],
        ["search"] = ["张"],
        ["credentialNumber"] = ["51011500123"],
        ["unifiedSocialCreditCode"] = ["91350100M000100Y43"],
        ["phone"] = ["028-82711234"],
        ["jurisdiction"] = ["510115"],
        ["name"] = ["星空网吧", "张三"],
        ["address"] = ["温江区柳城大道 88 号"],
        ["licenseNumber"] = ["川网文 0115 号"],
        ["certificateNumber"] = ["川音零 0115-007"],
        ["cursor"] = [],
    };

    private static readonly Dictionary<string, long> Integers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["version"] = 1, ["year"] = 2026, ["limit"] = 20, ["days"] = 5, ["limitDays"] = 10, ["count"] = 1,
        ["attendees"] = 12, ["terminals"] = 120, ["suspensionDays"] = 10,
    };

    public static Draft Build(Operation op, World world, Random rng)
    {
        var draft = new Draft(op);
        foreach (var p in op.Parameters)
        {
            var place = p.In switch { "path" => Place.Path, "query" => Place.Query, _ => (Place?)null };
            if (place is null) continue; // headers and cookies: the sweep sends its own
            var slot = new Slot(place.Value, p.Name, [], p.Schema, p.Required || place == Place.Path);
            draft.Slots.Add(slot);
            var value = place == Place.Path ? PathValue(op, p, world, rng) : Text(Value(p.Schema, p.Name, world, rng, 0));
            if (value is not null) draft.SetText(slot, value);
        }
        if (op.Body is { } body)
        {
            if (body.IsMultipart)
            {
                draft.IsForm = true;
                draft.ContentType = $"multipart/form-data; boundary={Draft.Boundary}";
                foreach (var (name, schema) in body.Schema.Properties)
                {
                    var slot = new Slot(Place.Form, name, [], schema, body.Schema.Required.Contains(name));
                    draft.Slots.Add(slot);
                    if (schema.Format == "binary") draft.Files.Add(new FormFile(name, "现场照片.jpg", "image/jpeg", Jpeg));
                    else draft.SetText(slot, Text(Value(schema, name, world, rng, 0)) ?? "sweep");
                }
            }
            else
            {
                draft.HasJsonBody = true;
                draft.ContentType = "application/json";
                draft.Body = Value(body.Schema, "", world, rng, 0);
                AddSlots(draft, body.Schema, [], body.Schema.Required.Count > 0, 0);
            }
        }
        return draft;
    }

    /// <summary>A small JPEG by its magic bytes (the API reads the type from the bytes).</summary>
    public static readonly byte[] Jpeg = [.. new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F' }, .. new byte[512]];

    private static void AddSlots(Draft draft, Schema schema, List<object> path, bool required, int depth)
    {
        draft.Slots.Add(new Slot(Place.Body, path.Count == 0 ? "" : path[^1].ToString()!, [.. path], schema, required));
        if (depth > 5) return;
        if (schema.Is("object"))
            foreach (var (name, child) in schema.Properties)
                AddSlots(draft, child, [.. path, name], schema.Required.Contains(name), depth + 1);
        else if (schema.Is("array") && schema.Items is { } items)
            AddSlots(draft, items, [.. path, 0], true, depth + 1);
    }

    private static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonArray a => a.Count > 0 ? Text(a[0]) : null,
        _ => node.ToJsonString(),
    };

    private static string PathValue(Operation op, Parameter p, World world, Random rng)
    {
        if (p.Schema.Enum.Count > 0) return p.Schema.Enum[rng.Next(p.Schema.Enum.Count)].ToString();
        var segments = op.Template.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var at = Array.IndexOf(segments, "{" + p.Name + "}");
        var before = at > 0 ? segments[at - 1] : "";
        if (p.Schema.Format == "uuid" || p.Schema.Is("string") && p.Name.EndsWith("id", StringComparison.OrdinalIgnoreCase))
        {
            var kind = before == "venues" && segments.Contains("unlicensed-campaigns") ? "unlicensedVenue" : PathKinds.GetValueOrDefault(before);
            return (kind is null ? null : world.Id(kind)) ?? Guid.NewGuid().ToString();
        }
        return before switch
        {
            "calendars" => world.Today.Year.ToString(CultureInfo.InvariantCulture),
            "checklists" => "internetCafe",
            "permit-items" => world.PermitItemCode,
            "prerequisites" => "fire",
            _ => Text(Value(p.Schema, p.Name, world, rng, 0)) ?? "x",
        };
    }

    /// <summary>A value of the schema's type; null only where the schema allows nothing else.</summary>
    public static JsonNode? Value(Schema schema, string name, World world, Random rng, int depth)
    {
        if (schema.Enum.Count > 0)
        {
            var members = schema.Enum.Where(e => e.ValueKind != JsonValueKind.Null).ToList();
            return members.Count == 0 ? null : JsonNode.Parse(members[rng.Next(members.Count)].GetRawText());
        }
        if (schema.Is("object") || schema.Properties.Count > 0)
        {
            var o = new JsonObject();
            if (depth > 5) return o;
            foreach (var (prop, child) in schema.Properties) o[prop] = Value(child, prop, world, rng, depth + 1);
            return o;
        }
        if (schema.Is("array"))
        {
            var a = new JsonArray();
            var n = Math.Clamp(rng.Next(1, 3), schema.MinItems ?? 0, schema.MaxItems ?? int.MaxValue);
            for (var i = 0; i < n && schema.Items is { } items; i++)
                a.Add(Value(items, name, world, rng, depth + 1));
            return a;
        }
        if (schema.Is("boolean")) return JsonValue.Create(rng.Next(2) == 0);
        if (schema.Is("integer")) return JsonValue.Create(Clamp(Integers.TryGetValue(name, out var i) ? i : rng.Next(1, 10), schema));
        if (schema.Is("number")) return JsonValue.Create((double)Clamp(rng.Next(1, 5000), schema));
        if (schema.Is("string") || schema.Types.Count == 0)
        {
            switch (schema.Format)
            {
                case "date": return JsonValue.Create(world.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                case "date-time":
                    return JsonValue.Create(world.Now.AddHours(-rng.Next(1, 4)).ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
                case "uuid":
                    var kind = FieldKinds.GetValueOrDefault(name);
                    return JsonValue.Create((kind is null ? null : world.Id(kind)) ?? Guid.NewGuid().ToString());
                case "binary": return JsonValue.Create("");
            }
            if (Vocabulary.TryGetValue(name, out var words))
                return words.Length == 0 ? null : JsonValue.Create(Fit(words[rng.Next(words.Length)], schema));
            if (FieldKinds.TryGetValue(name, out var k) && world.Id(k) is { } id) return JsonValue.Create(id);
            return JsonValue.Create(Fit("检查记录 sweep " + rng.Next(1000).ToString(CultureInfo.InvariantCulture), schema));
        }
        return null;
    }

    private static long Clamp(long value, Schema schema) =>
        (long)Math.Clamp(value, schema.Minimum ?? long.MinValue, schema.Maximum ?? long.MaxValue);

    private static string Fit(string text, Schema schema)
    {
        if (schema.MaxLength is { } max && text.Length > max) text = text[..max];
        if (schema.MinLength is { } min && text.Length < min) text = text.PadRight(min, 'x');
        return text;
    }
}
