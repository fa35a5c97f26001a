using System.Net;
using System.Text.RegularExpressions;
using Inspections.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Inspections.Api.Tests.Sweep;

/// <summary>
/// The pages as an outsider meets them: each person of the four roles signs in through the sign-in form,
/// opens every page the host maps, reads the forms each page serves (their fields, hidden values and
/// anti-forgery token, nothing else known in advance) and sends each field, one at a time, every value
/// of a list of bad ones. No answer may be a 5xx, and every page that answers speaks Chinese.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed partial class PageInputSweepTests(string provider) : ApiFixture(provider)
{
    private const string NewPassword = "Wenhua2026x";

    private static readonly TestUser[] People =
    [
        new("pi-officer", "页面执法", ["officer"], "510115", "51011598001"),
        new("pi-clerk", "页面窗口", ["clerk"], "510115"),
        new("pi-super", "页面科长", ["supervisor"], "510115"),
        new("pi-admin", "页面管理", ["admin"], "510115"),
    ];

    protected override IEnumerable<TestUser> FixtureUsers => People;

    /// <summary>What people type by mistake or an attacker sends on purpose.</summary>
    private static readonly string[] BadValues =
    [
        "", " ", "\0", "a\0b", new string('x', 100_000), "9999-12-31", "0001-01-01", "2026-02-30", "-1", "1e309", "NaN",
        "'; DROP TABLE users;--", "<script>alert(1)</script>", "２０２６-０１-０１", "\u202Eabc", "%00", "../../etc/passwd",
        "510115999999", "00000000-0000-0000-0000-000000000000", "true,false", "🙂🙂",
    ];

    private static readonly string[] NotSent = ["/account/sign-out"];

    private async Task<HttpClient> SignedInAsync(TestUser person)
    {
        var browser = Api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        browser.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        var form = Forms(await browser.GetStringAsync("/account/sign-in")).Single(f => f.Fields.ContainsKey("Input.LoginName"));
        var fields = new Dictionary<string, string>(form.Fields) { ["Input.LoginName"] = person.Id, ["Input.Password"] = TestUser.InitialPassword };
        var signedIn = await browser.PostAsync("/account/sign-in", new FormUrlEncodedContent(fields));
        Assert.That(signedIn.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await signedIn.Content.ReadAsStringAsync());
        // The first sign-in asks for a password of their own.
        var change = Forms(await browser.GetStringAsync("/account/change-password")).Single(f => f.Fields.ContainsKey("Input.NewPassword"));
        var changed = await browser.PostAsync("/account/change-password", new FormUrlEncodedContent(new Dictionary<string, string>(change.Fields)
        {
            ["Input.CurrentPassword"] = TestUser.InitialPassword, ["Input.NewPassword"] = NewPassword, ["Input.ConfirmPassword"] = NewPassword,
        }));
        Assert.That(changed.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await changed.Content.ReadAsStringAsync());
        return browser;
    }

    private List<string> PagePaths() =>
        Api.Services.GetRequiredService<IEnumerable<EndpointDataSource>>()
            .SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => Regex.Replace("/" + e.RoutePattern.RawText!.TrimStart('/'), @"\{([^}:]+)(:[^}]*)?\}",
                m => m.Groups[2].Value.Contains("guid") ? Guid.NewGuid().ToString() : m.Groups[2].Value.Contains("int") ? "404" : "pi-officer"))
            .Distinct().ToList();

    [Test]
    public async Task No_page_answers_a_bad_value_in_any_field_with_a_5xx()
    {
        var statuses = new SortedDictionary<int, int>();
        var faults = new List<string>();
        var sent = 0;
        foreach (var person in People)
        {
            using var browser = await SignedInAsync(person);
            foreach (var path in PagePaths())
            {
                using var page = await browser.GetAsync(path);
                sent++;
                Count(statuses, page.StatusCode);
                var html = await page.Content.ReadAsStringAsync();
                if ((int)page.StatusCode >= 500) faults.Add($"{person.Id} GET {path}: {(int)page.StatusCode}");
                if (page.StatusCode != HttpStatusCode.OK) continue;
                foreach (var form in Forms(html))
                {
                    var action = form.Action is { Length: > 0 } a ? WebUtility.HtmlDecode(a) : path;
                    if (NotSent.Any(n => action.StartsWith(n, StringComparison.Ordinal))) continue;
                    foreach (var field in form.Fields.Keys.Where(k => k != "__RequestVerificationToken"))
                    {
                        foreach (var bad in BadValues)
                        {
                            var values = new Dictionary<string, string>(form.Fields) { [field] = bad };
                            using var answer = form.Method == "post"
                                ? await browser.PostAsync(action, new FormUrlEncodedContent(values))
                                : await browser.GetAsync(action.Split('?')[0] + "?" + string.Join("&", values.Select(v => $"{Uri.EscapeDataString(v.Key)}={Uri.EscapeDataString(v.Value)}")));
                            sent++;
                            Count(statuses, answer.StatusCode);
                            var body = await answer.Content.ReadAsStringAsync();
                            var what = $"{person.Id} {form.Method.ToUpperInvariant()} {action} {field}={Shown(bad)}";
                            if ((int)answer.StatusCode >= 500) faults.Add($"{what}: {(int)answer.StatusCode} {body[..Math.Min(300, body.Length)]}");
                            else if (answer.Content.Headers.ContentType?.MediaType == "text/html" && !Chinese().IsMatch(body))
                                faults.Add($"{what}: a page with no Chinese");
                        }
                    }
                }
            }
        }
        TestContext.Out.WriteLine($"{Provider}: {sent} page requests; statuses {string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}"))}");
        Assert.That(sent, Is.GreaterThan(500), "the sweep reached the pages' forms");
        Assert.That(faults, Is.Empty);
    }

    private static void Count(SortedDictionary<int, int> statuses, HttpStatusCode status) =>
        statuses[(int)status] = statuses.GetValueOrDefault((int)status) + 1;

    private static string Shown(string value) => value.Length > 20 ? $"<{value.Length} chars>" : value.Replace("\0", "\\0", StringComparison.Ordinal);

    /// <summary>A form as the page serves it: method, action and the value of each named field (the first option of a list; a box ticked).</summary>
    internal sealed record Form(string Method, string Action, Dictionary<string, string> Fields);

    internal static List<Form> Forms(string html) =>
        FormElement().Matches(html).Select(m =>
        {
            var attributes = m.Groups[1].Value;
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (Match f in FieldElement().Matches(m.Groups[2].Value))
            {
                var name = Attribute(f.Groups[2].Value, "name");
                if (name is null || fields.ContainsKey(name)) continue;
                var value = f.Groups[1].Value == "select"
                    ? OptionValue().Match(m.Groups[2].Value[f.Index..]) is { Success: true } o ? WebUtility.HtmlDecode(o.Groups[1].Value) : ""
                    : WebUtility.HtmlDecode(Attribute(f.Groups[2].Value, "value") ?? (Attribute(f.Groups[2].Value, "type") == "checkbox" ? "true" : ""));
                fields[name] = value;
            }
            return new Form((Attribute(attributes, "method") ?? "get").ToLowerInvariant(), Attribute(attributes, "action") ?? "", fields);
        }).ToList();

    private static string? Attribute(string attributes, string name) =>
        Regex.Match(attributes, $@"\b{name}=""([^""]*)""") is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex(@"<form\b([^>]*)>(.*?)</form>", RegexOptions.Singleline)]
    private static partial Regex FormElement();

    [GeneratedRegex(@"<(input|select|textarea)\b([^>]*)>", RegexOptions.Singleline)]
    private static partial Regex FieldElement();

    [GeneratedRegex(@"<option\b[^>]*\bvalue=""([^""]*)""", RegexOptions.Singleline)]
    private static partial Regex OptionValue();

    [GeneratedRegex(@"[\u4e00-\u9fff]")]
    private static partial Regex Chinese();
}
