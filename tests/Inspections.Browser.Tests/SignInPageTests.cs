namespace Inspections.Browser.Tests;

/// <summary>Signing in and out through the pages, in Chinese, for each role.</summary>
public sealed class SignInPageTests
{
    private BrowserHost _host = null!;

    [OneTimeSetUp]
    public void StartHost() => _host = new BrowserHost();

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
