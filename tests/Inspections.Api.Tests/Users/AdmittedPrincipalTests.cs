using System.Security.Claims;
using Inspections.Api.Auth;

namespace Inspections.Api.Tests.Users;

/// <summary>
/// A validated token's shared principal answers every question a request asks of it (roles, the caller's facts) as a
/// principal made afresh from the same claims answers it.
/// </summary>
public sealed class AdmittedPrincipalTests
{
    private static readonly Claim[][] ClaimSets =
    [
        [new(ClaimNames.UserId, "zhangwei"), new(ClaimNames.Name, "张伟"), new(ClaimNames.Role, "officer"), new(ClaimNames.Jurisdiction, "510115"),
            new(ClaimNames.Credential, "51011500123"), new(ClaimNames.UserVersion, "7", ClaimValueTypes.Integer64)],
        [new(ClaimNames.UserId, "li"), new(ClaimNames.Role, "clerk"), new(ClaimNames.Role, "supervisor"), new(ClaimNames.Jurisdiction, "510100")],
        [new(ClaimNames.UserId, "wang"), new("ROLE", "admin"), new(ClaimNames.Role, ""), new(ClaimNames.Jurisdiction, "510115001")],
        [new(ClaimNames.UserId, "zhao"), new(ClaimNames.Name, ""), new(ClaimNames.Jurisdiction, "510115"), new(ClaimNames.UserVersion, "x")],
        [],
    ];

    private static readonly string[] Questions = ["officer", "clerk", "supervisor", "admin", "OFFICER", "Admin", "", "officer "];

    [Test]
    public void It_answers_every_role_and_fact_as_a_fresh_principal_with_the_same_claims()
    {
        foreach (var claims in ClaimSets)
            foreach (var authenticationType in new[] { "AuthenticationTypes.Federation", null })
            {
                var admitted = new AdmittedPrincipal(claims, authenticationType, ClaimNames.Name, ClaimNames.Role);
                var fresh = new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimNames.Name, ClaimNames.Role));
                var what = $"{string.Join(",", claims.Select(c => $"{c.Type}={c.Value}"))} ({authenticationType ?? "unauthenticated"})";
                foreach (var role in Questions)
                    Assert.That(admitted.IsInRole(role), Is.EqualTo(fresh.IsInRole(role)), $"{what}: {role}");
                var (kept, read) = (CallerFacts.Of(admitted), CallerFacts.Of(fresh));
                Assert.That(kept, Is.Not.SameAs(read));
                Assert.That(kept with { Roles = [] }, Is.EqualTo(read with { Roles = [] }), what);
                Assert.That(kept.Roles, Is.EqualTo(read.Roles), what);
            }
    }
}
