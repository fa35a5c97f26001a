using System.Collections.Concurrent;
using System.Net;
using System.Runtime.CompilerServices;

namespace Inspections.Api.Tests.Infrastructure;

/// <summary>A user a test needs in the users table (officers named on inspections, clerks a file is handed to).</summary>
public sealed record TestUser(string Id, string DisplayName, string[] Roles, string Jurisdiction, string? CredentialNumber = null)
{
    /// <summary>The initial password every test user is created with (they must change it at their first sign-in).</summary>
    public const string InitialPassword = "Chushi2026";
}

public static class TestUsers
{
    private static readonly ConditionalWeakTable<ApiFactory, ConcurrentDictionary<string, byte>> Created = new();

    /// <summary>
    /// Creates the users the way an administrator does, through the API (POST /api/users as an admin of
    /// each user's jurisdiction, or of its district for a station's user). A user this host already has is left as it is.
    /// </summary>
    public static async Task EnsureUsersAsync(this ApiFactory api, params IEnumerable<TestUser> users)
    {
        var known = Created.GetValue(api, _ => new ConcurrentDictionary<string, byte>(StringComparer.Ordinal));
        foreach (var user in users)
        {
            if (known.ContainsKey(user.Id)) continue;
            // A station's users are added by its district's administrator: stations manage no users.
            var by = Inspections.Domain.Access.Jurisdiction.IsTown(user.Jurisdiction) ? Inspections.Domain.Access.Jurisdiction.Parent(user.Jurisdiction)! : user.Jurisdiction;
            using var admin = api.Client("admin", by);
            using var response = await admin.PostJson("/api/users", new
            {
                id = user.Id, displayName = user.DisplayName, roles = user.Roles, jurisdiction = user.Jurisdiction,
                credentialNumber = user.CredentialNumber, initialPassword = TestUser.InitialPassword,
            });
            if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.Conflict))
                Assert.Fail($"creating test user {user.Id}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            known[user.Id] = 0;
        }
    }
}
