using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Inspections.Browser.Tests;

/// <summary>An administrator manages the users of the district through the pages.</summary>
public sealed class AdminPageTests
{
    private BrowserHost _host = null!;

    [OneTimeSetUp]
    public async Task StartHost()
    {
        _host = new BrowserHost();
        await Accounts.CreateAsync(_host, "guanli", "管理员", "admin", "510115");
        await Accounts.CreateAsync(_host, "zhangsan", "张三", "officer", "510115", "51011500123");
        await Accounts.CreateAsync(_host, "jia", "甲窗口", "clerk", "510115");
    }

    [OneTimeTearDown]
    public async Task StopHost() => await _host.DisposeAsync();

    [Test]
    public async Task An_admin_creates_edits_deactivates_and_resets_a_user()
    {
        using var browser = new PageBrowser(_host);
        browser.SignIn("guanli", Accounts.Password);
        Assert.That(browser.FindAll("#users tbody tr").Select(r => r.GetAttribute("data-user")), Does.Contain("zhangsan").And.Contain("jia"));
        browser.Screenshots("users");

        // Wrong input is refused field by field, in Chinese, by the request's own rules.
        browser.Click("#new-user");
        browser.Type("#Input_Id", "Li Si");
        browser.Find("#role-officer").Click();
        browser.Type("#Input_Jurisdiction", "510115");
        browser.Type("#Input_InitialPassword", "short");
        browser.Click("#create-user-submit");
        Assert.That(browser.Find("[data-valmsg-for='Input.Id']").Text, Does.Contain("登录名须为"));
        Assert.That(browser.Find("[data-valmsg-for='Input.DisplayName']").Text, Does.Contain("姓名"));
        Assert.That(browser.Find("[data-valmsg-for='Input.CredentialNumber']").Text, Is.EqualTo("执法人员须登记执法证号"));
        Assert.That(browser.Find("[data-valmsg-for='Input.InitialPassword']").Text, Does.Contain("密码长度须为 8"));
        Assert.That(browser.Find("#role-officer").Selected, Is.True, "what was typed stays");
        browser.Screenshots("create-user-errors");

        browser.Type("#Input_Id", "lisi");
        browser.Type("#Input_DisplayName", "李四");
        browser.Type("#Input_CredentialNumber", "51011500124");
        browser.Type("#Input_InitialPassword", Accounts.Initial);
        browser.Click("#create-user-submit");
        Assert.That(new Uri(browser.Url).AbsolutePath, Is.EqualTo("/admin/users"));
        Assert.That(browser.Find("#notice").Text, Does.Contain("lisi"));
        Assert.That(browser.Find("#users tr[data-user='lisi']").Text, Does.Contain("李四").And.Contain("执法人员").And.Contain("待改密"));

        // Filters: by role.
        browser.Choose("#role", "clerk");
        browser.Click("#filter");
        var clerks = browser.FindAll("#users tbody tr").ToList();
        Assert.That(clerks.Select(r => r.GetAttribute("data-user")), Does.Contain("jia").And.Not.Contain("zhangsan").And.Not.Contain("lisi"));
        Assert.That(clerks.Select(r => r.Text), Has.All.Contain("窗口人员"));

        // Edit: a second role.
        browser.Go("/admin/users/lisi/edit");
        browser.Find("#role-clerk").Click();
        browser.Click("#save-user");
        Assert.That(browser.Find("#notice").Text, Does.Contain("已保存"));
        Assert.That(browser.Find("#role-clerk").Selected, Is.True);
        browser.Screenshots("edit-user");

        // Someone else changes the user between reading and saving: 409, said plainly.
        browser.Type("#Input_DisplayName", "李四（一）");
        var admin = _host.Api("admin", "510115");
        var current = JsonDocument.Parse(await admin.GetStringAsync("/api/users/lisi")).RootElement;
        var other = await admin.PutAsJsonAsync("/api/users/lisi", new
        {
            displayName = "李四", roles = new[] { "officer", "clerk" }, jurisdiction = "510115", credentialNumber = "51011500124",
            active = true, version = current.GetProperty("version").GetInt64(),
        });
        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        browser.Click("#save-user");
        Assert.That(browser.Find("#edit-errors").Text, Is.EqualTo("该用户已被他人修改，请刷新后重试"));
        browser.Screenshots("edit-user-conflict");

        // Deactivated: the user cannot sign in any more.
        browser.Go("/admin/users/lisi/edit");
        browser.Find("#Input_Active").Click();
        browser.Click("#save-user");
        Assert.That(browser.Find("#notice").Text, Does.Contain("已停用"));

        // Reset password: the user signs in with it and must change it.
        browser.Go("/admin/users/jia/reset-password");
        browser.Type("#Input_NewPassword", "Chongzhi2026");
        browser.Click("#reset-submit");
        Assert.That(browser.Has("#reset-done"), Is.True);
        browser.AssertNoConsoleErrors();
        browser.SignOut();

        browser.SignIn("lisi", Accounts.Initial);
        Assert.That(browser.Find("#sign-in-error").Text, Is.EqualTo("账号已停用，请联系系统管理员"));
        browser.SignIn("jia", "Chongzhi2026");
        Assert.That(new Uri(browser.Url).AbsolutePath, Is.EqualTo("/account/change-password"));
        browser.AssertNoConsoleErrors();
    }

    [Test]
    public async Task A_session_ends_when_the_admin_changes_the_account()
    {
        await Accounts.CreateAsync(_host, "zhaoliu", "赵六", "clerk", "510115");
        using var browser = new PageBrowser(_host);
        browser.SignIn("zhaoliu", Accounts.Password);
        Assert.That(new Uri(browser.Url).AbsolutePath, Is.EqualTo("/"));

        var admin = _host.Api("admin", "510115");
        var current = JsonDocument.Parse(await admin.GetStringAsync("/api/users/zhaoliu")).RootElement;
        var changed = await admin.PutAsJsonAsync("/api/users/zhaoliu", new
        {
            displayName = "赵六", roles = new[] { "clerk" }, jurisdiction = "510115", active = false, version = current.GetProperty("version").GetInt64(),
        });
        Assert.That(changed.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        browser.Go("/");
        Assert.That(new Uri(browser.Url).AbsolutePath, Is.EqualTo("/account/sign-in"));
        Assert.That(browser.Has("#account-changed"), Is.True);
        browser.AssertNoConsoleErrors();
    }
}
