using System.Net;
using Inspections.Api.Tests.Infrastructure;

namespace Inspections.Api.Tests.Users;

[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class UserAdminTests(string provider) : UserFixture(provider)
{
    [Test]
    public async Task An_admin_creates_lists_updates_and_deactivates_a_user_and_a_stale_version_is_a_409()
    {
        var admin = Admin();
        var response = await admin.PostJson("/api/users", Body("zhouwei", "周伟", ["officer"], credential: "51011508001"));
        var created = await response.Expect(HttpStatusCode.Created);
        Assert.Multiple(() =>
        {
            Assert.That(response.Headers.Location?.ToString(), Is.EqualTo("/api/users/zhouwei"));
            Assert.That(created.Str("id"), Is.EqualTo("zhouwei"));
            Assert.That(created.Str("displayName"), Is.EqualTo("周伟"));
            Assert.That(created.GetProperty("roles").EnumerateArray().Select(r => r.GetString()), Is.EqualTo(new[] { "officer" }));
            Assert.That(created.Str("jurisdiction"), Is.EqualTo("510115"));
            Assert.That(created.Str("credentialNumber"), Is.EqualTo("51011508001"));
            Assert.That(created.GetProperty("active").GetBoolean(), Is.True);
            Assert.That(created.GetProperty("mustChangePassword").GetBoolean(), Is.True, "the initial password must be changed");
            Assert.That(created.GetProperty("version").GetInt64(), Is.EqualTo(1));
        });

        var read = await (await Api.Client("supervisor").GetAsync("/api/users/zhouwei")).Expect(HttpStatusCode.OK);
        Assert.That(read.Str("displayName"), Is.EqualTo("周伟"));
        var officers = await (await admin.GetAsync("/api/users?role=officer&active=true&search=周")).Expect(HttpStatusCode.OK);
        Assert.That(officers.GetProperty("items").EnumerateArray().Select(u => u.Str("id")), Does.Contain("zhouwei"));
        var clerks = await (await admin.GetAsync("/api/users?role=clerk")).Expect(HttpStatusCode.OK);
        Assert.That(clerks.GetProperty("items").EnumerateArray().Select(u => u.Str("id")), Does.Not.Contain("zhouwei"));

        var promoted = await (await admin.PutJson("/api/users/zhouwei", new
        {
            displayName = "周伟", roles = new[] { "supervisor", "officer" }, jurisdiction = "510115", credentialNumber = "51011508001",
            active = true, version = 1,
        })).Expect(HttpStatusCode.OK);
        Assert.That(promoted.GetProperty("roles").EnumerateArray().Select(r => r.GetString()), Is.EqualTo(new[] { "officer", "supervisor" }));
        Assert.That(promoted.GetProperty("version").GetInt64(), Is.EqualTo(2));

        var stale = await (await admin.PutJson("/api/users/zhouwei", new
        {
            displayName = "周某", roles = new[] { "officer" }, jurisdiction = "510115", credentialNumber = "51011508001", active = true, version = 1,
        })).Expect(HttpStatusCode.Conflict);
        Assert.That(stale.GetProperty("currentVersion").GetInt64(), Is.EqualTo(2));

        var deactivated = await (await admin.PutJson("/api/users/zhouwei", new
        {
            displayName = "周伟", roles = new[] { "officer", "supervisor" }, jurisdiction = "510115", credentialNumber = "51011508001",
            active = false, version = 2,
        })).Expect(HttpStatusCode.OK);
        Assert.That(deactivated.GetProperty("active").GetBoolean(), Is.False);
        var inactive = await (await admin.GetAsync("/api/users?active=false")).Expect(HttpStatusCode.OK);
        Assert.That(inactive.GetProperty("items").EnumerateArray().Select(u => u.Str("id")), Does.Contain("zhouwei"));
        var active = await (await admin.GetAsync("/api/users?active=true")).Expect(HttpStatusCode.OK);
        Assert.That(active.GetProperty("items").EnumerateArray().Select(u => u.Str("id")), Does.Not.Contain("zhouwei"));
    }

    private static IEnumerable<TestCaseData> Refusals()
    {
        yield return new TestCaseData(Body("ZhangSan", "张三", ["officer"], credential: "51011508101"), "id", "小写字母").SetName("{m}(login with capitals)");
        yield return new TestCaseData(Body("system", "系统", ["admin"]), "id", "保留").SetName("{m}(reserved login)");
        yield return new TestCaseData(Body("wangqiang", "王强", ["officer"]), "credentialNumber", "执法证号").SetName("{m}(officer without credential)");
        yield return new TestCaseData(Body("wangqiang", "王强", ["officer", "boss"], credential: "51011508102"), "roles", "未知的角色").SetName("{m}(unknown role)");
        yield return new TestCaseData(Body("wangqiang", "王强", [], credential: "51011508102"), "roles", "").SetName("{m}(no role)");
        yield return new TestCaseData(Body("wangqiang", "王强", ["clerk"], jurisdiction: "5101"), "jurisdiction", "").SetName("{m}(bad jurisdiction)");
        yield return new TestCaseData(Body("wangqiang", "王强", ["clerk"], password: "abcdefgh"), "initialPassword", "字母和数字").SetName("{m}(password without digits)");
        yield return new TestCaseData(Body("wangqiang", "王强", ["clerk"], password: "ab12"), "initialPassword", "8").SetName("{m}(short password)");
        yield return new TestCaseData(Body("wangqiang1", "王强", ["clerk"], password: "wangqiang1"), "initialPassword", "登录名").SetName("{m}(password is the login)");
    }

    [TestCaseSource(nameof(Refusals))]
    public async Task A_user_with_bad_facts_is_refused_with_a_field_error_and_nothing_is_written(object body, string field, string messagePart)
    {
        var before = (await Api.CountAsync("users"), await Api.CountAsync("user_roles"), await Api.CountAsync("audit_entries"));
        var problem = await (await Admin().PostJson("/api/users", body)).Expect(HttpStatusCode.BadRequest);
        Assert.That(problem.FieldErrors(field), Has.Some.Contains(messagePart), problem.ToString());
        Assert.That((await Api.CountAsync("users"), await Api.CountAsync("user_roles"), await Api.CountAsync("audit_entries")), Is.EqualTo(before));
    }

    [Test]
    public async Task A_login_or_credential_number_already_taken_is_refused()
    {
        await CreateAsync("lixiang", "李想", ["officer"], credential: "51011508201");
        var again = await (await Admin().PostJson("/api/users", Body("lixiang", "李想二", ["clerk"]))).Expect(HttpStatusCode.Conflict);
        Assert.That(again.Str("detail"), Does.Contain("lixiang"));
        var sameNumber = await (await Admin().PostJson("/api/users", Body("lixiang2", "李想二", ["officer"], credential: "51011508201")))
            .Expect(HttpStatusCode.BadRequest);
        Assert.That(sameNumber.FieldErrors("credentialNumber"), Has.Some.Contains("已登记给其他用户"));
    }

    [Test]
    public async Task Only_admins_change_users_and_an_admin_cannot_lock_themselves_out()
    {
        foreach (var role in new[] { "officer", "clerk", "supervisor" })
            await (await Api.Client(role).PostJson("/api/users", Body("tianye", "田野", ["clerk"]))).Expect(HttpStatusCode.Forbidden);
        foreach (var role in new[] { "officer", "clerk" })
            await (await Api.Client(role).GetAsync("/api/users")).Expect(HttpStatusCode.Forbidden);

        var me = await CreateAsync("guanli", "管理员甲", ["admin"]);
        var token = await ReadyTokenAsync("guanli");
        var self = Bearer(token);
        var version = (await (await self.GetAsync("/api/users/guanli")).Expect(HttpStatusCode.OK)).GetProperty("version").GetInt64();
        var quit = await (await self.PutJson("/api/users/guanli", new
        {
            displayName = "管理员甲", roles = new[] { "admin" }, jurisdiction = "510115", active = false, version,
        })).Expect(HttpStatusCode.BadRequest);
        Assert.That(quit.FieldErrors("active"), Has.Some.Contains("不能停用自己"));
        var demote = await (await self.PutJson("/api/users/guanli", new
        {
            displayName = "管理员甲", roles = new[] { "supervisor" }, jurisdiction = "510115", active = true, version,
        })).Expect(HttpStatusCode.BadRequest);
        Assert.That(demote.FieldErrors("roles"), Has.Some.Contains("管理员角色"));
        Assert.That(me.Str("id"), Is.EqualTo("guanli"));
    }

    [Test]
    public async Task A_city_admin_sees_the_users_of_its_districts_but_changes_none_and_a_neighbour_sees_nothing()
    {
        var district = await CreateAsync("chenjing", "陈静", ["clerk"]);
        var city = Admin("510100");
        var listed = await (await city.GetAsync("/api/users?limit=100")).Expect(HttpStatusCode.OK);
        Assert.That(listed.GetProperty("items").EnumerateArray().Select(u => u.Str("id")), Does.Contain("chenjing"));
        var onlyWenjiang = await (await city.GetAsync("/api/users?jurisdiction=510115&limit=100")).Expect(HttpStatusCode.OK);
        Assert.That(onlyWenjiang.GetProperty("items").EnumerateArray().Select(u => u.Str("jurisdiction")), Is.All.EqualTo("510115"));
        await (await city.GetAsync("/api/users/chenjing")).Expect(HttpStatusCode.OK);

        var before = await Api.CountAsync("audit_entries");
        await (await city.PutJson("/api/users/chenjing", new
        {
            displayName = "陈静", roles = new[] { "clerk", "supervisor" }, jurisdiction = "510115", active = true, version = district.GetProperty("version").GetInt64(),
        })).Expect(HttpStatusCode.Forbidden);
        await (await city.PostJson("/api/users", Body("chenjing2", "陈静二", ["clerk"]))).Expect(HttpStatusCode.Forbidden);
        await (await city.PostJson("/api/users/chenjing/password", new { newPassword = "Chongzhi2026" })).Expect(HttpStatusCode.Forbidden);
        Assert.That(await Api.CountAsync("audit_entries"), Is.EqualTo(before));

        var neighbour = Admin("510104");
        await (await neighbour.GetAsync("/api/users/chenjing")).Expect(HttpStatusCode.Forbidden);
        await (await neighbour.GetAsync("/api/users?jurisdiction=510115")).Expect(HttpStatusCode.Forbidden);
        var own = await (await neighbour.GetAsync("/api/users?limit=100")).Expect(HttpStatusCode.OK);
        Assert.That(own.GetProperty("items").EnumerateArray().Select(u => u.Str("id")), Does.Not.Contain("chenjing"));
        // Moving a user to a district the admin does not run is changing that district's users.
        await (await Admin().PutJson("/api/users/chenjing", new
        {
            displayName = "陈静", roles = new[] { "clerk" }, jurisdiction = "510104", active = true, version = district.GetProperty("version").GetInt64(),
        })).Expect(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task The_list_pages_with_a_cursor_in_jurisdiction_and_login_order()
    {
        foreach (var n in Enumerable.Range(1, 5)) await CreateAsync($"page{n}", $"分页{n}", ["clerk"], jurisdiction: "510116");
        var admin = Admin("510116");
        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await (await admin.GetAsync("/api/users?limit=2" + (cursor is null ? "" : "&cursor=" + cursor))).Expect(HttpStatusCode.OK);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(u => u.Str("id")));
            cursor = page.GetProperty("nextCursor").GetString();
        } while (cursor is not null);
        Assert.That(seen, Is.EqualTo(new[] { "page1", "page2", "page3", "page4", "page5" }));
        await (await admin.GetAsync("/api/users?cursor=not-a-cursor")).Expect(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Messages_are_english_on_request()
    {
        var problem = await (await Admin(language: "en").PostJson("/api/users", Body("wu", "吴", ["officer"], password: "short")))
            .Expect(HttpStatusCode.BadRequest);
        Assert.That(problem.FieldErrors("initialPassword"), Has.Some.Contains("8 to 128 characters"));
        Assert.That(problem.FieldErrors("credentialNumber"), Has.Some.Contains("credential number"));
    }
}
