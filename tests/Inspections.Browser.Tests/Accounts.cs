using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Inspections.Browser.Tests;

/// <summary>People of the tests, made through the user admin API as an administrator of their jurisdiction would.</summary>
public static class Accounts
{
    /// <summary>What an administrator gives a new user; it must be changed at first sign-in.</summary>
    public const string Initial = "Chushi2026";

    /// <summary>What a user chose at first sign-in.</summary>
    public const string Password = "Wenhua2026";

    /// <summary>
    /// Creates the user with the initial password and, unless <paramref name="firstSignInDone"/> is false, signs
    /// in once through the API and changes it, so the browser meets a user past their first sign-in.
    /// </summary>
    public static async Task CreateAsync(BrowserHost host, string id, string name, string role, string jurisdiction,
        string? credential = null, bool firstSignInDone = true)
    {
        var admin = host.Api("admin", jurisdiction);
        var created = await admin.PostAsJsonAsync("/api/users", new
        {
            id, displayName = name, roles = new[] { role }, jurisdiction, credentialNumber = credential, initialPassword = Initial,
        });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        if (!firstSignInDone) return;
        var token = await TokenAsync(host, id, Initial);
        using var self = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        self.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var changed = await self.PostAsJsonAsync("/api/account/password", new { currentPassword = Initial, newPassword = Password });
        Assert.That(changed.StatusCode, Is.EqualTo(HttpStatusCode.OK), await changed.Content.ReadAsStringAsync());
    }

    /// <summary>A bearer token from signing in through the API.</summary>
    public static async Task<string> TokenAsync(BrowserHost host, string id, string password)
    {
        using var client = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        var response = await client.PostAsJsonAsync("/api/account/sign-in", new { loginName = id, password });
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        return JsonDocument.Parse(text).RootElement.GetProperty("token").GetString()!;
    }

    /// <summary>An API client signed in as a demo person, as a script of theirs would be.</summary>
    public static async Task<HttpClient> ApiAsync(BrowserHost host, string id, string password)
    {
        var api = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(host, id, password));
        return api;
    }

    /// <summary>GET that must answer 200, as JSON.</summary>
    public static async Task<JsonElement> GetJsonAsync(this HttpClient api, string path)
    {
        var response = await api.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"{path}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }
}
