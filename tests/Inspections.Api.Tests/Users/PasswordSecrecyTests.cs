using System.Net;
using Inspections.Api.Tests.Infrastructure;

namespace Inspections.Api.Tests.Users;

/// <summary>A password goes in and never comes out: not in an answer, not in a log line at any level, not in the audit trail.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class PasswordSecrecyTests(string provider) : UserFixture(provider)
{
    [Test]
    public async Task Passwords_appear_in_no_answer_log_line_audit_row_or_idempotency_record()
    {
        const string initial = "Mimi8421Chushi", changed = "Mimi8421Xin", reset = "Mimi8421Chongzhi", wrong = "Mimi8421Cuowu";
        var secrets = new[] { initial, changed, reset, wrong };
        var answers = new List<string>();
        async Task<HttpResponseMessage> Keep(Task<HttpResponseMessage> send)
        {
            var response = await send;
            answers.Add(await response.Content.ReadAsStringAsync());
            return response;
        }
        var idempotencyBefore = await Api.CountAsync("idempotency_keys");

        var admin = Admin();
        admin.DefaultRequestHeaders.Add("Idempotency-Key", "create-mimi");
        await (await Keep(admin.PostJson("/api/users", Body("mimi", "秘密", ["clerk"], password: initial)))).Expect(HttpStatusCode.Created);
        await (await Keep(SignInAsync("mimi", wrong))).Expect(HttpStatusCode.Unauthorized);
        var first = await (await Keep(SignInAsync("mimi", initial))).Expect(HttpStatusCode.OK);
        var user = Bearer(first.Str("token"));
        user.DefaultRequestHeaders.Add("Idempotency-Key", "change-mimi");
        await (await Keep(user.PostJson("/api/account/password", new { currentPassword = initial, newPassword = changed }))).Expect(HttpStatusCode.OK);
        await (await Keep(user.PostJson("/api/account/password", new { currentPassword = wrong, newPassword = changed }))).Expect(HttpStatusCode.Unauthorized);
        await (await Keep(admin.PostJson("/api/users/mimi/password", new { newPassword = reset }))).Expect(HttpStatusCode.OK);
        await (await Keep(Api.Client("admin", language: "en").PostJson("/api/users", Body("mimi2", "秘密二", ["clerk"], password: "Mimi8421Chushi\u0000")))).Expect(HttpStatusCode.BadRequest);
        var again = await (await Keep(SignInAsync("mimi", reset))).Expect(HttpStatusCode.OK);
        var token = await (await Keep(Bearer(again.Str("token")).PostAsync("/api/account/token", null))).Expect(HttpStatusCode.Forbidden);
        Assert.That(token.Str("detail"), Does.Contain("修改初始密码"));

        var audit = await AuditPayloadsAsync();
        Assert.Multiple(() =>
        {
            // The logs were read at every level: the request pipeline's own lines are there.
            Assert.That(Logs.Lines, Has.Some.Contains("SignIn"), "debug lines of the request pipeline were captured");
            Assert.That(audit, Has.Some.Contains("\"loginName\":\"mimi\""), "sign-ins are audited");
            Assert.That(audit, Has.Some.Contains("\"displayName\":\"秘密\""), "the user's creation is audited");
            foreach (var secret in secrets)
            {
                Assert.That(answers, Has.None.Contains(secret), $"an answer holds {secret}");
                Assert.That(Logs.Lines, Has.None.Contains(secret), $"a log line holds {secret}");
                Assert.That(audit, Has.None.Contains(secret), $"an audit row holds {secret}");
            }
            Assert.That(answers, Has.None.Contains("passwordHash").And.None.Contains("AQAAAA"), "no hash is answered");
        });
        // Passwords and tokens take no Idempotency-Key: no hash of a body with a password, no token, is kept.
        Assert.That(await Api.CountAsync("idempotency_keys"), Is.EqualTo(idempotencyBefore));
    }
}
