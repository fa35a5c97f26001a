using System.Net;
using Inspections.Api.Tests.Infrastructure;

namespace Inspections.Api.Tests.Users;

[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class SignInTests(string provider) : UserFixture(provider)
{
    [Test]
    public async Task The_first_sign_in_admits_only_the_password_change_and_then_the_user_works_with_a_fresh_sign_in()
    {
        await CreateAsync("sunli", "孙丽", ["officer"], credential: "51011508301");
        var first = await (await SignInAsync("sunli", TestUser.InitialPassword)).Expect(HttpStatusCode.OK);
        Assert.Multiple(() =>
        {
            Assert.That(first.Str("token"), Is.Not.Empty);
            Assert.That(first.GetProperty("mustChangePassword").GetBoolean(), Is.True);
            Assert.That(first.GetProperty("user").Str("id"), Is.EqualTo("sunli"));
            Assert.That(first.GetProperty("expiresAt").GetDateTimeOffset(), Is.GreaterThan(DateTimeOffset.UtcNow.AddHours(11)));
        });
        var initial = Bearer(first.Str("token"));
        var me = await (await initial.GetAsync("/api/account/me")).Expect(HttpStatusCode.OK);
        Assert.That((me.Str("id"), me.GetProperty("mustChangePassword").GetBoolean(), me.GetProperty("registered").GetBoolean()), Is.EqualTo(("sunli", true, true)));
        var blocked = await (await initial.GetAsync("/api/venues")).Expect(HttpStatusCode.Forbidden);
        Assert.That(blocked.Str("detail"), Does.Contain("修改初始密码"));
        await (await initial.PostAsync("/api/account/token", null)).Expect(HttpStatusCode.Forbidden);

        var wrong = await (await initial.PostJson("/api/account/password", new { currentPassword = "Cuowu2026", newPassword = NewPassword }))
            .Expect(HttpStatusCode.BadRequest);
        Assert.That(wrong.FieldErrors("currentPassword"), Has.Some.Contains("当前密码不正确"));
        var same = await (await initial.PostJson("/api/account/password", new { currentPassword = TestUser.InitialPassword, newPassword = TestUser.InitialPassword }))
            .Expect(HttpStatusCode.BadRequest);
        Assert.That(same.FieldErrors("newPassword"), Has.Some.Contains("不能与当前密码相同"));
        var changed = await (await initial.PostJson("/api/account/password", new { currentPassword = TestUser.InitialPassword, newPassword = NewPassword }))
            .Expect(HttpStatusCode.OK);
        Assert.That(changed.GetProperty("mustChangePassword").GetBoolean(), Is.False);

        // The session of the initial password ended with it.
        var ended = await (await initial.GetAsync("/api/account/me")).Expect(HttpStatusCode.Unauthorized);
        Assert.That(ended.Str("detail"), Does.Contain("重新登录"));
        await (await SignInAsync("sunli", TestUser.InitialPassword)).Expect(HttpStatusCode.Unauthorized);
        var again = await (await SignInAsync("sunli", NewPassword)).Expect(HttpStatusCode.OK);
        Assert.That(again.GetProperty("mustChangePassword").GetBoolean(), Is.False);
        await (await Bearer(again.Str("token")).GetAsync("/api/venues")).Expect(HttpStatusCode.OK);
    }

    [Test]
    public async Task A_wrong_password_and_an_unknown_login_get_the_same_answer()
    {
        await CreateAsync("zhaomin", "赵敏", ["clerk"]);
        var wrong = await (await SignInAsync("zhaomin", "Cuowu2026")).Expect(HttpStatusCode.Unauthorized);
        var unknown = await (await SignInAsync("nobody-here", "Cuowu2026")).Expect(HttpStatusCode.Unauthorized);
        Assert.That((wrong.Str("title"), wrong.Str("detail")), Is.EqualTo((unknown.Str("title"), unknown.Str("detail"))));
        Assert.That(wrong.Str("detail"), Is.EqualTo("登录名或密码不正确。"));
        Assert.That(wrong.TryGetProperty("token", out _), Is.False);
        var english = await (await SignInAsync("nobody-here", "Cuowu2026", "en")).Expect(HttpStatusCode.Unauthorized);
        Assert.That(english.Str("detail"), Is.EqualTo("The login name or password is wrong."));
        // Login names are lowercase; one typed with capitals is the same login.
        await (await SignInAsync("ZhaoMin", TestUser.InitialPassword)).Expect(HttpStatusCode.OK);
        var empty = await (await SignInAsync("", "")).Expect(HttpStatusCode.BadRequest);
        Assert.That(empty.FieldErrors("loginName"), Is.Not.Empty);
        Assert.That(empty.FieldErrors("password"), Is.Not.Empty);
    }

    [Test]
    public async Task Five_failures_in_a_row_lock_the_login_for_fifteen_minutes_and_a_success_starts_the_count_again()
    {
        await CreateAsync("qianfeng", "钱峰", ["clerk"]);
        // Four failures, a success, four failures: never five in a row, never locked.
        for (var i = 0; i < 4; i++) await (await SignInAsync("qianfeng", "Cuowu2026")).Expect(HttpStatusCode.Unauthorized);
        await (await SignInAsync("qianfeng", TestUser.InitialPassword)).Expect(HttpStatusCode.OK);
        for (var i = 0; i < 4; i++) await (await SignInAsync("qianfeng", "Cuowu2026")).Expect(HttpStatusCode.Unauthorized);

        var fifth = await SignInAsync("qianfeng", "Cuowu2026");
        var locked = await fifth.Expect(HttpStatusCode.TooManyRequests);
        Assert.That(fifth.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromMinutes(15)));
        Assert.That(locked.GetProperty("lockedUntil").GetDateTimeOffset(), Is.EqualTo(Clock.Now.AddMinutes(15)));
        Assert.That(locked.Str("detail"), Does.Contain("15 分钟"));
        // Locked: even the right password is refused, and the admin sees the lock.
        await (await SignInAsync("qianfeng", TestUser.InitialPassword)).Expect(HttpStatusCode.TooManyRequests);
        var seen = await (await Admin().GetAsync("/api/users/qianfeng")).Expect(HttpStatusCode.OK);
        Assert.That(seen.GetProperty("lockedUntil").GetDateTimeOffset(), Is.EqualTo(Clock.Now.AddMinutes(15)));

        Clock.Now = Clock.Now.AddMinutes(14);
        await (await SignInAsync("qianfeng", TestUser.InitialPassword)).Expect(HttpStatusCode.TooManyRequests);
        Clock.Now = Clock.Now.AddMinutes(1);
        await (await SignInAsync("qianfeng", TestUser.InitialPassword)).Expect(HttpStatusCode.OK);
        var unlocked = await (await Admin().GetAsync("/api/users/qianfeng")).Expect(HttpStatusCode.OK);
        Assert.That(unlocked.GetProperty("lockedUntil").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
    }

    [Test]
    public async Task An_admin_reset_lifts_the_lock_and_the_user_must_change_the_new_password()
    {
        await CreateAsync("yangguang", "杨光", ["clerk"]);
        for (var i = 0; i < 5; i++) await SignInAsync("yangguang", "Cuowu2026");
        await (await SignInAsync("yangguang", TestUser.InitialPassword)).Expect(HttpStatusCode.TooManyRequests);
        var reset = await (await Admin().PostJson("/api/users/yangguang/password", new { newPassword = "Chongzhi2026" })).Expect(HttpStatusCode.OK);
        Assert.That(reset.GetProperty("mustChangePassword").GetBoolean(), Is.True);
        Assert.That(reset.GetProperty("lockedUntil").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
        await (await SignInAsync("yangguang", TestUser.InitialPassword)).Expect(HttpStatusCode.Unauthorized);
        var signedIn = await (await SignInAsync("yangguang", "Chongzhi2026")).Expect(HttpStatusCode.OK);
        Assert.That(signedIn.GetProperty("mustChangePassword").GetBoolean(), Is.True);
    }

    [Test]
    public async Task A_deactivated_user_cannot_sign_in_and_their_open_sessions_end()
    {
        var user = await CreateAsync("xuyang", "徐阳", ["clerk"]);
        var token = await ReadyTokenAsync("xuyang");
        var session = Bearer(token);
        await (await session.GetAsync("/api/permits/queue")).Expect(HttpStatusCode.OK);
        var apiToken = (await (await session.PostAsync("/api/account/token", null)).Expect(HttpStatusCode.OK)).Str("token");

        var current = await (await Admin().GetAsync("/api/users/xuyang")).Expect(HttpStatusCode.OK);
        await (await Admin().PutJson("/api/users/xuyang", new
        {
            displayName = "徐阳", roles = new[] { "clerk" }, jurisdiction = "510115", active = false, version = current.GetProperty("version").GetInt64(),
        })).Expect(HttpStatusCode.OK);

        await (await session.GetAsync("/api/permits/queue")).Expect(HttpStatusCode.Unauthorized);
        await (await Bearer(apiToken).GetAsync("/api/permits/queue")).Expect(HttpStatusCode.Unauthorized);
        var refused = await (await SignInAsync("xuyang", NewPassword)).Expect(HttpStatusCode.Forbidden);
        Assert.That(refused.Str("detail"), Does.Contain("停用"));
        // Without the password, a deactivated login reads like any other wrong attempt.
        await (await SignInAsync("xuyang", "Cuowu2026")).Expect(HttpStatusCode.Unauthorized);
        Assert.That(user.Str("id"), Is.EqualTo("xuyang"));
    }

    [Test]
    public async Task A_user_with_several_roles_is_admitted_wherever_one_of_them_is()
    {
        await CreateAsync("duoneng", "多能", ["officer", "clerk"], credential: "51011508302");
        var token = await ReadyTokenAsync("duoneng");
        var both = Bearer(token);
        await (await both.GetAsync("/api/inspections")).Expect(HttpStatusCode.OK);       // officers and supervisors
        await (await both.GetAsync("/api/permits/queue")).Expect(HttpStatusCode.OK);     // clerks and supervisors
        await (await both.GetAsync("/api/users")).Expect(HttpStatusCode.Forbidden);      // admins and supervisors
        var me = await (await both.GetAsync("/api/account/me")).Expect(HttpStatusCode.OK);
        Assert.That(me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()), Is.EqualTo(new[] { "officer", "clerk" }));
    }

    [Test]
    public async Task The_api_token_acts_as_the_user_on_the_api()
    {
        await CreateAsync("jiaoben", "脚本", ["officer"], credential: "51011508303");
        var signedIn = Bearer(await ReadyTokenAsync("jiaoben"));
        var issued = await (await signedIn.PostAsync("/api/account/token", null)).Expect(HttpStatusCode.OK);
        Assert.That(issued.GetProperty("expiresAt").GetDateTimeOffset(), Is.GreaterThan(DateTimeOffset.UtcNow.AddDays(29)));
        var script = Bearer(issued.Str("token"));
        var venue = await (await script.PostJson("/api/venues", new
        {
            name = "脚本登记网吧", address = "温江区柳城大道 1 号", type = "internetCafe", licenseStatus = "licensed", licenseNumber = Licences.Unique("川网文 0001 号"),
        })).Expect(HttpStatusCode.Created);
        var found = await (await script.GetAsync("/api/venues?name=脚本登记")).Expect(HttpStatusCode.OK);
        Assert.That(found.GetProperty("items").EnumerateArray().Select(v => v.Str("id")), Does.Contain(venue.Str("id")));
        var me = await (await script.GetAsync("/api/account/me")).Expect(HttpStatusCode.OK);
        Assert.That((me.Str("id"), me.Str("credentialNumber")), Is.EqualTo(("jiaoben", "51011508303")));

        // A caller the users table does not know (a development token) gets a token of what their own token says.
        var dev = await (await Api.Client("supervisor").PostAsync("/api/account/token", null)).Expect(HttpStatusCode.OK);
        var devMe = await (await Bearer(dev.Str("token")).GetAsync("/api/account/me")).Expect(HttpStatusCode.OK);
        Assert.That((devMe.Str("id"), devMe.GetProperty("registered").GetBoolean()), Is.EqualTo(("supervisor-510115", false)));
    }
}
