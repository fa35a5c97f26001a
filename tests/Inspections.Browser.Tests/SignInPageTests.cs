using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Inspections.Browser.Tests;

/// <summary>Signing in and out through the pages, in Chinese, for each role; the first sign-in; failures and lockout.</summary>
public sealed class SignInPageTests
{
    private BrowserHost _host = null!;

    // A fixed moment, so the lockout's end is a time the test can name: 10:00 in Beijing, locked until 10:15.
    private static readonly DateTimeOffset Now = new(2026, 7, 10, 10, 0, 0, TimeSpan.FromHours(8));

    [OneTimeSetUp]
    public async Task StartHost()
    {
        _host = new BrowserHost();
        _host.Clock.Now = Now;
        await Accounts.CreateAsync(_host, "zhangsan", "张三", "officer", "510115", "51011500123");
        await Accounts.CreateAsync(_host, "jia", "甲窗口", "clerk", "510115");
        await Accounts.CreateAsync(_host, "wangke", "王科长", "supervisor", "510115");
        await Accounts.CreateAsync(_host, "guanli", "管理员", "admin", "510115");
        await Accounts.CreateAsync(_host, "xinren", "新同事", "officer", "510115", "51011500199", firstSignInDone: false);
        await Accounts.CreateAsync(_host, "locked", "李锁定", "clerk", "510115");
        await Accounts.CreateAsync(_host, "tingyong", "赵停用", "clerk", "510115");
        var admin = _host.Api("admin", "510115");
        var user = System.Text.Json.JsonDocument.Parse(await admin.GetStringAsync("/api/users/tingyong")).RootElement;
        var off = await admin.PutAsJsonAsync("/api/users/tingyong", new
        {
            displayName = "赵停用", roles = new[] { "clerk" }, jurisdiction = "510115", active = false, version = user.GetProperty("version").GetInt64(),
        });
        Assert.That(off.StatusCode, Is.EqualTo(HttpStatusCode.OK), await off.Content.ReadAsStringAsync());
    }

    [OneTimeTearDown]
    public async Task StopHost() => await _host.DisposeAsync();

    [Test]
    public void A_visitor_is_sent_to_the_sign_in_page_in_chinese()
    {
        using var browser = new PageBrowser(_host);
        browser.Go("/supervisor/dashboard");
        Assert.That(new Uri(browser.Url).PathAndQuery, Is.EqualTo("/account/sign-in?returnUrl=%2Fsupervisor%2Fdashboard"));
        Assert.That(browser.Find("html").GetAttribute("lang"), Is.EqualTo("zh-CN"));
        Assert.That(browser.BodyText, Does.Contain("文化市场综合执法").And.Contain("用户名").And.Contain("密码"));
        browser.Screenshots("sign-in");
        browser.AssertNoConsoleErrors();
    }

    [TestCase("zhangsan", "/", "我的预警", "执法人员")]
    [TestCase("jia", "/", "我的预警", "窗口人员")]
    [TestCase("wangke", "/supervisor/dashboard", "监管看板", "科长/分管领导")]
    [TestCase("guanli", "/admin/users", "用户管理", "系统管理员")]
    public void Each_role_signs_in_to_its_own_home(string login, string home, string heading, string role)
    {
        using var browser = new PageBrowser(_host);
        browser.SignIn(login, Accounts.Password);
        Assert.That(new Uri(browser.Url).AbsolutePath, Is.EqualTo(home));
        Assert.That(browser.Find("h1").Text, Does.StartWith(heading));
        Assert.That(browser.Find(".who").Text, Does.Contain(role));
        Assert.That(browser.Find("#who-name").Text, Is.Not.Empty);
        browser.Screenshots("home-" + login);
        browser.AssertNoConsoleErrors();

        browser.SignOut();
        Assert.That(new Uri(browser.Url).AbsolutePath, Is.EqualTo("/account/sign-in"));
        Assert.That(browser.Has("#signed-out"), Is.True);
        browser.Go(home);
        Assert.That(new Uri(browser.Url).AbsolutePath, Is.EqualTo("/account/sign-in"), "signed out means signed out");
        browser.AssertNoConsoleErrors();
    }

    [Test]
    public void Signing_in_returns_to_the_page_asked_for_but_never_to_another_site()
    {
        using var browser = new PageBrowser(_host);
        browser.SignIn("zhangsan", Accounts.Password, returnUrl: "/account/api-token");
        Assert.That(new Uri(browser.Url).AbsolutePath, Is.EqualTo("/account/api-token"));
        browser.SignOut();
        browser.SignIn("zhangsan", Accounts.Password, returnUrl: "//example.com/steal");
        Assert.That(new Uri(browser.Url).Host, Is.EqualTo("127.0.0.1"));
        Assert.That(new Uri(browser.Url).AbsolutePath, Is.EqualTo("/"));
        browser.AssertNoConsoleErrors();
    }

    [Test]
    public void The_first_sign_in_asks_for_a_new_password_before_anything_else()
    {
        using var browser = new PageBrowser(_host);
        browser.SignIn("xinren", Accounts.Initial);
        Assert.That(new Uri(browser.Url).AbsolutePath, Is.EqualTo("/account/change-password"));
        Assert.That(browser.Has("#must-change"), Is.True);

        // Every other page leads back here until the password is changed.
        browser.Go("/account/api-token");
        Assert.That(new Uri(browser.Url).AbsolutePath, Is.EqualTo("/account/change-password"));

        // The request's own rules, in Chinese, next to the field; and the page's check of the second entry.
        browser.Type("#Input_CurrentPassword", Accounts.Initial);
        browser.Type("#Input_NewPassword", "abc");
        browser.Type("#Input_ConfirmPassword", "abc");
        browser.Click("#change-password-submit");
        Assert.That(browser.Find("[data-valmsg-for='Input.NewPassword']").Text, Does.Contain("密码长度须为 8"));
        browser.Screenshots("change-password-errors");

        browser.Type("#Input_CurrentPassword", "Cuowu2026");
        browser.Type("#Input_NewPassword", "Xinmima2026");
        browser.Type("#Input_ConfirmPassword", "Xinmima2026");
        browser.Click("#change-password-submit");
        Assert.That(browser.Find("[data-valmsg-for='Input.CurrentPassword']").Text, Is.EqualTo("当前密码不正确"));

        browser.Type("#Input_CurrentPassword", Accounts.Initial);
        browser.Type("#Input_NewPassword", "Xinmima2026");
        browser.Type("#Input_ConfirmPassword", "Xinmima2027");
        browser.Click("#change-password-submit");
        Assert.That(browser.Find("[data-valmsg-for='Input.ConfirmPassword']").Text, Is.EqualTo("两次输入的新密码不一致"));

        browser.Type("#Input_CurrentPassword", Accounts.Initial);
        browser.Type("#Input_NewPassword", "Xinmima2026");
        browser.Type("#Input_ConfirmPassword", "Xinmima2026");
        browser.Click("#change-password-submit");
        Assert.That(new Uri(browser.Url).AbsolutePath, Is.EqualTo("/account/api-token"), "on to the page asked for before");
        browser.Go("/");
        Assert.That(browser.Find("h1").Text, Is.EqualTo("我的预警"));

        browser.SignOut();
        browser.SignIn("xinren", "Xinmima2026");
        Assert.That(new Uri(browser.Url).AbsolutePath, Is.EqualTo("/"), "the new password signs in, with nothing more to change");
        browser.AssertNoConsoleErrors();
    }

    [Test]
    public void A_wrong_password_and_an_unknown_login_read_alike()
    {
        using var browser = new PageBrowser(_host);
        browser.SignIn("jia", "Cuowu12345");
        Assert.That(browser.Find("#sign-in-error").Text, Is.EqualTo("用户名或密码错误"));
        Assert.That(browser.Find("#Input_LoginName").GetAttribute("value"), Is.EqualTo("jia"), "the name stays, the password does not");
        Assert.That(browser.Find("#Input_Password").GetAttribute("value"), Is.Empty);
        browser.Screenshots("sign-in-wrong-password");
        browser.SignIn("nobody", "Cuowu12345");
        Assert.That(browser.Find("#sign-in-error").Text, Is.EqualTo("用户名或密码错误"));
        browser.SignIn("", "");
        Assert.That(browser.Find("[data-valmsg-for='Input.LoginName']").Text, Does.Contain("登录名"));
        Assert.That(browser.Find("[data-valmsg-for='Input.Password']").Text, Is.EqualTo("请填写密码"));
        browser.SignIn("tingyong", Accounts.Password);
        Assert.That(browser.Find("#sign-in-error").Text, Is.EqualTo("账号已停用，请联系系统管理员"));
        browser.AssertNoConsoleErrors();
    }

    [Test]
    public void Five_failures_lock_the_login_until_a_time_the_page_names()
    {
        using var browser = new PageBrowser(_host);
        for (var i = 0; i < 4; i++)
        {
            browser.SignIn("locked", "Cuowu12345");
            Assert.That(browser.Find("#sign-in-error").Text, Is.EqualTo("用户名或密码错误"), $"failure {i + 1}");
        }
        browser.SignIn("locked", "Cuowu12345");
        Assert.That(browser.Find("#sign-in-error").Text, Is.EqualTo("账户已锁定，请于 10:15 后再试"));
        // The right password does not open a locked login either.
        browser.SignIn("locked", Accounts.Password);
        Assert.That(browser.Find("#sign-in-error").Text, Is.EqualTo("账户已锁定，请于 10:15 后再试"));
        browser.Screenshots("sign-in-locked");
        browser.AssertNoConsoleErrors();
    }

    [Test]
    public void A_supervisor_is_refused_the_admin_pages_and_an_officer_the_dashboard()
    {
        using var browser = new PageBrowser(_host);
        browser.SignIn("wangke", Accounts.Password);
        browser.ExpectStatus(403);
        browser.Go("/admin/users");
        Assert.That(browser.Find("#error").GetAttribute("data-status"), Is.EqualTo("403"));
        Assert.That(browser.Find("h1").Text, Is.EqualTo("无权访问"));
        browser.Screenshots("forbidden");
        browser.AssertNoConsoleErrors();
        browser.SignOut();

        browser.SignIn("zhangsan", Accounts.Password);
        browser.ExpectStatus(403);
        browser.Go("/supervisor/dashboard");
        Assert.That(browser.Find("#error").GetAttribute("data-status"), Is.EqualTo("403"));
        browser.ExpectStatus(404);
        browser.Go("/cases/" + Guid.NewGuid());
        Assert.That(browser.Find("#error").GetAttribute("data-status"), Is.EqualTo("404"));
        Assert.That(browser.Find("h1").Text, Is.EqualTo("页面不存在"));
        browser.Screenshots("not-found");
        browser.AssertNoConsoleErrors();
    }

    [Test]
    public void A_post_without_the_anti_forgery_token_is_refused_and_one_with_it_in_the_header_is_taken()
    {
        using var browser = new PageBrowser(_host);
        browser.SignIn("jia", Accounts.Password);
        // What a page of another site (or a script without the token) would send: the session cookie, no token.
        var refused = browser.Script("""
            return fetch('/account/sign-out', { method: 'POST', credentials: 'same-origin', redirect: 'manual' }).then(r => r.status);
            """);
        Assert.That(Convert.ToInt32(refused, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(400));
        browser.Go("/");
        Assert.That(new Uri(browser.Url).AbsolutePath, Is.EqualTo("/"), "still signed in: the forged post did nothing");

        // The header the layout gives htmx requests is accepted in place of the form field.
        var taken = browser.Script("""
            const token = document.querySelector('meta[name="csrf-token"]').content;
            return fetch('/account/sign-out', { method: 'POST', credentials: 'same-origin', redirect: 'manual',
                headers: { 'RequestVerificationToken': token } }).then(r => r.type === 'opaqueredirect' ? 302 : r.status);
            """);
        Assert.That(Convert.ToInt32(taken, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(302));
        browser.Go("/");
        Assert.That(new Uri(browser.Url).AbsolutePath, Is.EqualTo("/account/sign-in"), "signed out by the post with the token");
        browser.ExpectStatus(400);
        browser.AssertNoConsoleErrors();
    }

    [Test]
    public async Task A_signed_in_person_takes_an_api_token_for_scripts_and_the_session_itself_opens_no_api_call()
    {
        using var browser = new PageBrowser(_host);
        browser.SignIn("zhangsan", Accounts.Password);
        browser.ExpectStatus(401);
        var withCookie = browser.Script("return fetch('/api/account/me', { credentials: 'same-origin' }).then(r => r.status);");
        Assert.That(Convert.ToInt32(withCookie, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(401));

        browser.Go("/account/api-token");
        browser.Click("#issue-token");
        var token = browser.Find("#token").GetAttribute("value")!;
        Assert.That(token, Does.StartWith("eyJ"));
        Assert.That(browser.Find("#token-expires").Text, Does.Match(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$"));
        browser.Screenshots("api-token");
        browser.AssertNoConsoleErrors();

        using var script = new HttpClient { BaseAddress = new Uri(_host.BaseUrl) };
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var me = System.Text.Json.JsonDocument.Parse(await script.GetStringAsync("/api/account/me")).RootElement;
        Assert.That(me.GetProperty("id").GetString(), Is.EqualTo("zhangsan"));
    }

    [Test]
    public void The_console_check_sees_a_script_error()
    {
        using var browser = new PageBrowser(_host);
        browser.Go("/account/sign-in");
        browser.Script("setTimeout(function () { throw new Error('probe-error'); }, 0)");
        Thread.Sleep(300);
        var failure = Assert.Throws<AssertionException>(() => browser.AssertNoConsoleErrors());
        Assert.That(failure!.Message, Does.Contain("probe-error"));
    }
}
