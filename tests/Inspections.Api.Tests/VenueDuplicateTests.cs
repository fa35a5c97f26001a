using System.Net;
using System.Text.Json;
using Inspections.Api.Tests.Infrastructure;

namespace Inspections.Api.Tests;

/// <summary>
/// The register holds each business once per district: a credit code or licence number already registered in the
/// district (its towns included) is refused with a 409 naming the venue, whatever the caller confirms; the same name
/// and address is a 409 that confirmDuplicate: true overrides. Nothing is written by a refusal. And the register is
/// searched by part of the name, the credit code or the licence number.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class VenueDuplicateTests(string provider) : ApiFixture(provider)
{
    private static Dictionary<string, object?> Cafe(string name, string address, string? code, string? license, string? jurisdiction = null) => new()
    {
        ["name"] = name, ["address"] = address, ["type"] = "internetCafe", ["licenseStatus"] = license is null ? "unlicensed" : "licensed",
        ["licenseNumber"] = license, ["unifiedSocialCreditCode"] = code, ["jurisdiction"] = jurisdiction,
    };

    private static Dictionary<string, object?> With(Dictionary<string, object?> body, string key, object? value) =>
        new(body) { [key] = value };

    private async Task<long[]> CountsAsync() => [await Api.CountAsync("venues"), await Api.CountAsync("audit_entries")];

    private static void AssertNames(JsonElement problem, string duplicate, string existingId, bool canConfirm)
    {
        Assert.Multiple(() =>
        {
            Assert.That(problem.GetProperty("status").GetInt32(), Is.EqualTo(409));
            Assert.That(problem.Str("duplicate"), Is.EqualTo(duplicate));
            Assert.That(problem.Str("existingVenueId"), Is.EqualTo(existingId));
            Assert.That(problem.Str("existingVenue"), Is.EqualTo($"/api/venues/{existingId}"));
            Assert.That(problem.GetProperty("canConfirm").GetBoolean(), Is.EqualTo(canConfirm));
        });
    }

    [Test]
    public async Task A_credit_code_already_registered_in_the_district_is_refused_naming_the_venue_even_when_confirmed()
    {
        var officer = Api.Client("officer");
        var code = Licences.CreditCode();
        var first = await (await officer.PostJson("/api/venues", Cafe("信用代码网吧", "温江区凤溪大道 1 号", code, Licences.Unique("川网文 1 号"), "510115001")))
            .Expect(HttpStatusCode.Created);
        var before = await CountsAsync();

        // Another town of the same district, another name and address: the same business.
        var again = Cafe("换名网吧", "温江区凤溪大道 2 号", code, Licences.Unique("川网文 2 号"), "510115002");
        var refused = await (await officer.PostJson("/api/venues", again)).Expect(HttpStatusCode.Conflict);
        AssertNames(refused, "unifiedSocialCreditCode", first.Str("id"), canConfirm: false);
        Assert.That(refused.Str("detail"), Does.Contain(code).And.Contain("信用代码网吧"));
        Assert.That(refused.Str("existingVenueName"), Is.EqualTo("信用代码网吧"));
        await (await officer.PostJson("/api/venues", With(again, "confirmDuplicate", true))).Expect(HttpStatusCode.Conflict);

        var english = await (await Api.Client("officer", language: "en").PostJson("/api/venues", again)).Expect(HttpStatusCode.Conflict);
        Assert.That(english.Str("detail"), Does.Contain("already registered"));
        Assert.That(await CountsAsync(), Is.EqualTo(before), "a refusal writes nothing");

        // The same code in another district is that district's business.
        await (await Api.Client("officer", "510181").PostJson("/api/venues", Cafe("外区网吧", "都江堰市 1 号", code, Licences.Unique("川网文 3 号"))))
            .Expect(HttpStatusCode.Created);
    }

    [Test]
    public async Task A_licence_number_already_registered_is_refused_and_the_station_is_refused_the_districts()
    {
        var license = Licences.Unique("川网文〔2026〕0001 号");
        var first = await (await Api.Client("officer").PostJson("/api/venues", Cafe("许可证网吧", "温江区柳城大道 5 号", null, license)))
            .Expect(HttpStatusCode.Created);
        var before = await CountsAsync();
        var station = Api.Client("officer", "510115001");
        var refused = await (await station.PostJson("/api/venues", With(Cafe("镇上网吧", "温江区万春镇 1 号", null, license), "confirmDuplicate", true)))
            .Expect(HttpStatusCode.Conflict);
        AssertNames(refused, "licenseNumber", first.Str("id"), canConfirm: false);
        Assert.That(refused.Str("detail"), Does.Contain(license));
        Assert.That(await CountsAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task The_same_name_and_address_asks_for_confirmation_and_confirming_registers_another_venue()
    {
        var officer = Api.Client("officer");
        var first = await (await officer.PostJson("/api/venues", Cafe("同址网吧", "温江区光华大道 9 号", null, null))).Expect(HttpStatusCode.Created);
        var before = await CountsAsync();
        var second = Cafe(" 同址网吧 ", "温江区光华大道 9 号 ", null, null);
        var asked = await (await officer.PostJson("/api/venues", second)).Expect(HttpStatusCode.Conflict);
        AssertNames(asked, "nameAndAddress", first.Str("id"), canConfirm: true);
        Assert.That(asked.Str("detail"), Does.Contain("已有同名同址场所"));
        await (await officer.PostJson("/api/venues", With(second, "confirmDuplicate", false))).Expect(HttpStatusCode.Conflict);
        Assert.That(await CountsAsync(), Is.EqualTo(before));

        var confirmed = await (await officer.PostJson("/api/venues", With(second, "confirmDuplicate", true))).Expect(HttpStatusCode.Created);
        Assert.That(confirmed.Str("id"), Is.Not.EqualTo(first.Str("id")));
        Assert.That(confirmed.Str("name"), Is.EqualTo("同址网吧"));

        // Same name elsewhere, or same address under another name, is no question at all.
        await (await officer.PostJson("/api/venues", Cafe("同址网吧", "温江区光华大道 10 号", null, null))).Expect(HttpStatusCode.Created);
        await (await officer.PostJson("/api/venues", Cafe("隔壁网吧", "温江区光华大道 9 号", null, null))).Expect(HttpStatusCode.Created);
    }

    [Test]
    public async Task Changing_a_venues_credit_code_or_licence_to_another_venues_is_refused_naming_it()
    {
        var officer = Api.Client("officer");
        var (code, license) = (Licences.CreditCode(), Licences.Unique("川网文 7 号"));
        var other = await (await officer.PostJson("/api/venues", Cafe("先登记网吧", "温江区公平街道 7 号", code, license, "510115001")))
            .Expect(HttpStatusCode.Created);
        var mineBody = Cafe("后登记网吧", "温江区公平街道 8 号", Licences.CreditCode(), Licences.Unique("川网文 8 号"), "510115002");
        var mine = await (await officer.PostJson("/api/venues", mineBody)).Expect(HttpStatusCode.Created);
        var path = $"/api/venues/{mine.Str("id")}";
        mineBody["version"] = mine.GetProperty("version").GetInt64();
        var before = await CountsAsync();

        var byCode = await (await officer.PutJson(path, With(mineBody, "unifiedSocialCreditCode", code))).Expect(HttpStatusCode.Conflict);
        AssertNames(byCode, "unifiedSocialCreditCode", other.Str("id"), canConfirm: false);
        Assert.That(byCode.Str("detail"), Does.Contain(code).And.Contain("先登记网吧"));
        var byLicense = await (await officer.PutJson(path, With(mineBody, "licenseNumber", " " + license + " "))).Expect(HttpStatusCode.Conflict);
        AssertNames(byLicense, "licenseNumber", other.Str("id"), canConfirm: false);
        Assert.That(byLicense.Str("detail"), Does.Contain(license));
        // Moving to the other venue's town with its licence is the same refusal; English on Accept-Language: en.
        var moved = await (await Api.Client("officer", language: "en").PutJson(path, With(With(mineBody, "licenseNumber", license), "jurisdiction", "510115001")))
            .Expect(HttpStatusCode.Conflict);
        Assert.That(moved.Str("detail"), Does.Contain("already registered").And.Contain("先登记网吧"));
        Assert.That(await CountsAsync(), Is.EqualTo(before), "a refusal writes nothing");
        var unchanged = await (await officer.GetAsync(path)).Expect(HttpStatusCode.OK);
        Assert.That(unchanged.Str("licenseNumber"), Is.EqualTo(mineBody["licenseNumber"]));

        // Keeping its own identifiers, or taking the same name and address as the other, is an ordinary update.
        var renamed = await (await officer.PutJson(path, With(With(mineBody, "name", "先登记网吧"), "address", "温江区公平街道 7 号")))
            .Expect(HttpStatusCode.OK);
        Assert.That(renamed.GetProperty("version").GetInt64(), Is.EqualTo(mine.GetProperty("version").GetInt64() + 1));
        // Another district's venue may hold the same licence number.
        var elsewhere = await (await Api.Client("officer", "510181").PostJson("/api/venues", Cafe("外区网吧", "都江堰市 7 号", null, Licences.Unique("川网文 9 号"))))
            .Expect(HttpStatusCode.Created);
        var elsewhereBody = Cafe("外区网吧", "都江堰市 7 号", null, license);
        elsewhereBody["version"] = elsewhere.GetProperty("version").GetInt64();
        await (await Api.Client("officer", "510181").PutJson($"/api/venues/{elsewhere.Str("id")}", elsewhereBody)).Expect(HttpStatusCode.OK);
    }

    [Test]
    public async Task Ten_identical_registrations_at_the_same_instant_register_the_venue_once()
    {
        var officer = Api.Client("officer", "510184");
        var body = Cafe("同时登记网吧", "崇州市崇阳街道 1 号", Licences.CreditCode(), Licences.Unique("川网文 10 号"), "510184");
        var venuesBefore = await Api.CountAsync("venues");
        // All ten wait at the gate, then go together.
        using var gate = new SemaphoreSlim(0);
        var racing = Enumerable.Range(0, 10).Select(async _ =>
        {
            await gate.WaitAsync();
            return await officer.PostJson("/api/venues", body);
        }).ToList();
        gate.Release(10);
        var responses = await Task.WhenAll(racing);
        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.Created), Is.EqualTo(1),
            string.Join(", ", responses.Select(r => (int)r.StatusCode)));
        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.Conflict), Is.EqualTo(9));
        var created = await responses.Single(r => r.StatusCode == HttpStatusCode.Created).Expect(HttpStatusCode.Created);
        foreach (var refused in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
            Assert.That((await refused.Expect(HttpStatusCode.Conflict)).Str("existingVenueId"), Is.EqualTo(created.Str("id")));
        Assert.That(await Api.CountAsync("venues") - venuesBefore, Is.EqualTo(1));
    }

    [TestCase("yes")]
    [TestCase(1)]
    public async Task Confirm_duplicate_must_be_a_boolean(object value)
    {
        var before = await CountsAsync();
        var problem = await (await Api.Client("officer").PostJson("/api/venues", With(Cafe("确认网吧", "温江区 1 号", null, null), "confirmDuplicate", value)))
            .Expect(HttpStatusCode.BadRequest);
        Assert.That(problem.FieldErrors("confirmDuplicate"), Is.Not.Empty);
        Assert.That(await CountsAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task The_register_is_searched_by_part_of_the_name_the_credit_code_or_the_licence_number()
    {
        var officer = Api.Client("officer", "510182");
        var code = Licences.CreditCode();
        var license = Licences.Unique("新出发彭零字第 88 号");
        var shop = await (await officer.PostJson("/api/venues", new Dictionary<string, object?>
        {
            ["name"] = "彭州求知书店", ["address"] = "彭州市天彭镇 1 号", ["type"] = "bookshop", ["licenseStatus"] = "licensed",
            ["licenseNumber"] = license, ["unifiedSocialCreditCode"] = code,
        })).Expect(HttpStatusCode.Created);
        await (await officer.PostJson("/api/venues", Cafe("彭州网吧", "彭州市天彭镇 2 号", null, null))).Expect(HttpStatusCode.Created);

        async Task<string[]> Found(string query) =>
            (await (await officer.GetAsync("/api/venues?search=" + Uri.EscapeDataString(query))).Expect(HttpStatusCode.OK))
                .GetProperty("items").EnumerateArray().Select(v => v.Str("id")).ToArray();

        {
            Assert.That(await Found("求知"), Is.EqualTo(new[] { shop.Str("id") }), "part of the name");
            Assert.That(await Found(code), Is.EqualTo(new[] { shop.Str("id") }), "the credit code");
            Assert.That(await Found(code[8..].ToLowerInvariant()), Is.EqualTo(new[] { shop.Str("id") }), "part of the code in lower case");
            Assert.That(await Found("彭零字第 88"), Is.EqualTo(new[] { shop.Str("id") }), "part of the licence number");
            Assert.That(await Found("彭州"), Has.Length.EqualTo(2));
            Assert.That(await Found("100%"), Is.Empty, "a % is a character, not a wildcard");
        }
        var tooLong = await (await officer.GetAsync("/api/venues?search=" + new string('书', 101))).Expect(HttpStatusCode.BadRequest);
        Assert.That(tooLong.FieldErrors("search"), Is.Not.Empty);
    }
}
