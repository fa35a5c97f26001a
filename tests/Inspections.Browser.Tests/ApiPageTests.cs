using OpenQA.Selenium;
using OpenQA.Selenium.Support.UI;

namespace Inspections.Browser.Tests;

/// <summary>The interactive API page works in a real browser, with nothing fetched from outside this machine.</summary>
public sealed class ApiPageTests
{
    [Test]
    public async Task The_api_page_renders_our_operations_offline()
    {
        await using var host = new BrowserHost();
        using var browser = Chromium.Start();
        browser.Navigate().GoToUrl(host.BaseUrl + "/scalar/v1");

        var screenshot = Path.Combine(TestContext.CurrentContext.WorkDirectory, "api-page.png");
        var wait = new WebDriverWait(browser, TimeSpan.FromSeconds(30));
        try
        {
            // Scalar lists every tag, and the operations (summary and path) of the open one, the first: Account.
            wait.Until(d => d.FindElement(By.TagName("body")).Text is var t
                && t.Contains("Audit 执法全过程记录", StringComparison.Ordinal)
                && t.Contains("当前用户 Who am I", StringComparison.Ordinal)
                && t.Contains("/api/account/sign-in", StringComparison.Ordinal));
        }
        catch (WebDriverTimeoutException)
        {
            ((ITakesScreenshot)browser).GetScreenshot().SaveAsFile(screenshot);
            Assert.Fail($"The page never listed our operations. It showed:\n{browser.FindElement(By.TagName("body")).Text}\n(screenshot: {screenshot})");
        }
        var text = browser.FindElement(By.TagName("body")).Text;
        Assert.That(text, Does.Contain("Inspections API"));
        Assert.That(text, Does.Contain("Venues").And.Contain("Calendar").And.Contain("Alerts"));
        Assert.That(text, Does.Contain("Bearer Token"), "the page offers a place to paste a token");

        ((ITakesScreenshot)browser).GetScreenshot().SaveAsFile(screenshot);
        TestContext.AddTestAttachment(screenshot);
    }
}
