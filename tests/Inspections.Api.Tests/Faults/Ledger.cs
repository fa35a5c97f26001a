using Inspections.Api.Tests.Infrastructure;
using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Inspections.Core.Data;

namespace Inspections.Api.Tests.Faults;

/// <summary>One answer of a load run: when it was asked and answered, and what came back.</summary>
public sealed record Answer(int Worker, DateTimeOffset Sent, DateTimeOffset Received, HttpStatusCode? Status, string? RetryAfter, string? VenueId, string? Error)
{
    public TimeSpan Took => Received - Sent;
}

/// <summary>What a load run was told, and what the database holds afterwards.</summary>
public sealed class Ledger
{
    public ConcurrentQueue<Answer> Answers { get; } = new();

    public IReadOnlyList<Answer> All => [.. Answers.OrderBy(a => a.Sent)];

    /// <summary>The venues the API acknowledged (201) and so promised to keep.</summary>
    public IReadOnlyList<string> Acknowledged => [.. Answers.Where(a => a.Status == HttpStatusCode.Created).Select(a => a.VenueId!)];

    public static Dictionary<string, object?> Venue(string name) => new()
    {
        ["name"] = name, ["address"] = "温江区柳城大道 1 号", ["type"] = "bookshop", ["licenseStatus"] = "licensed",
        ["licenseNumber"] = Licences.Unique("新出发 1 号"), ["jurisdiction"] = "510115",
    };

    /// <summary>POSTs a venue and records the answer; a transport failure is recorded, not thrown.</summary>
    public async Task PostVenueAsync(HttpClient client, int worker, string name)
    {
        var sent = DateTimeOffset.UtcNow;
        try
        {
            using var response = await client.PostAsync("/api/venues", JsonContent(Venue(name)));
            var text = await response.Content.ReadAsStringAsync();
            string? id = null;
            if (response.StatusCode == HttpStatusCode.Created) id = JsonDocument.Parse(text).RootElement.GetProperty("id").GetString();
            var retryAfter = response.Headers.RetryAfter?.Delta is { } d ? ((int)d.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
            Answers.Enqueue(new Answer(worker, sent, DateTimeOffset.UtcNow, response.StatusCode, retryAfter, id,
                response.StatusCode is HttpStatusCode.Created ? null : text));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            Answers.Enqueue(new Answer(worker, sent, DateTimeOffset.UtcNow, null, null, null, e.GetType().Name + ": " + e.Message));
        }
    }

    private static StringContent JsonContent(object body) =>
        new(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");

    /// <summary>Venue ids in the database, and the venue ids that have a RegisterVenue audit row (one each, or the list repeats).</summary>
    public static async Task<(HashSet<string> Venues, List<string> Audited)> ReadAsync(DatabaseOptions database)
    {
        var session = new DbSession(new DbConnectionFactory(database));
        await using (session)
        {
            var venues = await session.QueryAsync<Guid>(new Sql("SELECT id FROM venues"), null, CancellationToken.None);
            var audited = await session.QueryAsync<string>(new Sql(
                "SELECT entity_id FROM audit_entries WHERE entity_type = 'venue' AND command = 'RegisterVenue'"), null, CancellationToken.None);
            return ([.. venues.Select(v => v.ToString("D"))], [.. audited]);
        }
    }

    /// <summary>Every acknowledged write is there, and venues and their audit rows are one-to-one.</summary>
    public async Task AssertDurableAsync(DatabaseOptions database)
    {
        var (venues, audited) = await ReadAsync(database);
        Assert.Multiple(() =>
        {
            Assert.That(Acknowledged.Where(id => !venues.Contains(id)), Is.Empty, "acknowledged (201) venues missing after the fault");
            Assert.That(audited, Is.Unique, "a venue with two audit rows");
            Assert.That(audited.ToHashSet(), Is.EquivalentTo(venues), "venues and audit rows must be one-to-one");
        });
    }
}
