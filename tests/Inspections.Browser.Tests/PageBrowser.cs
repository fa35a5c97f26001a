using System.Drawing;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace Inspections.Browser.Tests;

/// <summary>
/// One person at one browser: goes to pages, signs in through the form, screenshots each page at an
/// office screen (1366×768) and a phone (375×812), and fails the test on any message the page's
/// scripts or the browser itself wrote to the console at error level (a script error, a resource
/// refused by the content security policy, a failed request).
/// </summary>
public sealed class PageBrowser : IDisposable
{
    public static readonly Size Desktop = new(1366, 768);
    public static readonly Size Phone = new(375, 812);

    private readonly BrowserHost _host;
    private readonly List<string> _console = [];

    /// <summary>Console errors the test expects (a page answering 403 or 404 logs its status); matched by substring.</summary>
    private readonly List<string> _expected = [];

    public ChromeDriver Driver { get; }

    public PageBrowser(BrowserHost host)
    {
        _host = host;
        Driver = Chromium.Start(collectConsole: true);
        Viewport(Desktop.Width, Desktop.Height);
    }

    public string Url => Driver.Url;
    public string BodyText => Driver.FindElement(By.TagName("body")).Text;

    public void Go(string path)
    {
        Driver.Navigate().GoToUrl(_host.BaseUrl + path);
        WaitForLoad();
    }

    public IWebElement Find(string css) => Driver.FindElement(By.CssSelector(css));
    public IReadOnlyCollection<IWebElement> FindAll(string css) => Driver.FindElements(By.CssSelector(css));
    public bool Has(string css) => Driver.FindElements(By.CssSelector(css)).Count > 0;

    public void Type(string css, string text)
    {
        var input = Find(css);
        input.Clear();
        input.SendKeys(text);
    }

    /// <summary>The browser's back button, waiting for the earlier page to be shown again.</summary>
    public void Back() => Leave(() => Driver.Navigate().Back(), "the earlier page");

    /// <summary>
    /// Does what leaves this document and waits for the next one to load. The old document carries a mark of
    /// this step only (a page restored from the back-forward cache may carry the mark of an earlier step), so
    /// the wait never reads the page being left.
    /// </summary>
    private void Leave(Action act, string what)
    {
        var mark = Guid.NewGuid().ToString("N");
        Script("window.__leaving = arguments[0];", mark);
        act();
        WaitUntil(d => ((IJavaScriptExecutor)d).ExecuteScript(
            "return window.__leaving !== arguments[0] && document.readyState === 'complete';", mark) is true, what);
    }

    /// <summary>Chooses an option of a select, as a person choosing from the list would (a change event follows).</summary>
    public void Choose(string css, string value)
    {
        Script("const s = document.querySelector(arguments[0]); s.value = arguments[1]; s.dispatchEvent(new Event('change', { bubbles: true }));", css, value);
        Assert.That(Find(css).GetAttribute("value"), Is.EqualTo(value), $"{css} has an option {value}");
    }

    /// <summary>Clicks what leads to another page (a link, a form's submit) and waits until that page has loaded.</summary>
    public void Click(string css) => Leave(() => Find(css).Click(), $"the page after clicking {css}");

    public void WaitForLoad() =>
        new WebDriverWait(Driver, TimeSpan.FromSeconds(30)).Until(d =>
            ((IJavaScriptExecutor)d).ExecuteScript("return document.readyState") as string == "complete");

    public void WaitUntil(Func<IWebDriver, bool> condition, string what, int seconds = 30)
    {
        try
        {
            // htmx replaces elements while the condition reads them: a stale or missing element means "not yet".
            var wait = new WebDriverWait(Driver, TimeSpan.FromSeconds(seconds));
            wait.IgnoreExceptionTypes(typeof(StaleElementReferenceException), typeof(NoSuchElementException));
            wait.Until(condition);
        }
        catch (WebDriverTimeoutException)
        {
            Assert.Fail($"Timed out waiting for {what}. At {Driver.Url} the page showed:\n{BodyText}");
        }
    }

    public object? Script(string script, params object[] args) => ((IJavaScriptExecutor)Driver).ExecuteScript(script, args);

    /// <summary>Signs in through the sign-in form, as a person would.</summary>
    public void SignIn(string login, string password, string? returnUrl = null)
    {
        Go("/account/sign-in" + (returnUrl is null ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl)));
        Type("#Input_LoginName", login);
        Type("#Input_Password", password);
        Click("#sign-in-submit");
    }

    public void SignOut()
    {
        Click("#sign-out");
    }

    /// <summary>Tells the console check that the page about to load answers this status on purpose.</summary>
    public void ExpectStatus(int status) => _expected.Add($"status of {status}");

    /// <summary>Tells the console check that a message with this fragment is expected (a request failing while the test holds the network down).</summary>
    public void ExpectConsole(string fragment) => _expected.Add(fragment);

    /// <summary>
    /// The network as the browser meets it (Chrome DevTools emulation): offline, or each request delayed by
    /// <paramref name="latencyMs"/>; <c>Network(false, 0)</c> puts it back as it is.
    /// </summary>
    public void Network(bool offline, int latencyMs)
    {
        Driver.ExecuteCdpCommand("Network.enable", new Dictionary<string, object?>());
        Driver.ExecuteCdpCommand("Network.emulateNetworkConditions", new Dictionary<string, object?>
        {
            ["offline"] = offline, ["latency"] = latencyMs, ["downloadThroughput"] = -1, ["uploadThroughput"] = -1,
        });
    }

    /// <summary>
    /// Screenshots of the page as it is now: the first screen at 1366×768 and at 375×812, and the whole
    /// length of the page at each width; into screenshots/&lt;test&gt;/ of the test's work directory.
    /// </summary>
    public void Screenshots(string name)
    {
        var folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots", TestContext.CurrentContext.Test.MethodName ?? "test");
        Directory.CreateDirectory(folder);
        foreach (var size in new[] { Desktop, Phone })
        {
            Viewport(size.Width, size.Height);
            Save(Path.Combine(folder, $"{name}-{size.Width}x{size.Height}.png"));
            var height = Convert.ToInt32(Script("return Math.ceil(document.documentElement.scrollHeight)"), System.Globalization.CultureInfo.InvariantCulture);
            if (height > size.Height + 20 && size.Width >= Desktop.Width)
            {
                Viewport(size.Width, Math.Min(height, 8000));
                Save(Path.Combine(folder, $"{name}-{size.Width}-full.png"));
            }
            else if (height > size.Height + 20)
            {
                // A phone page is long and narrow: screen after screen, as a person scrolls it.
                for (var part = 1; part < 8 && part * size.Height < height; part++)
                {
                    Script("window.scrollTo(0, arguments[0])", part * size.Height);
                    Thread.Sleep(150);
                    Save(Path.Combine(folder, $"{name}-{size.Width}-screen{part + 1}.png"));
                }
                Script("window.scrollTo(0, 0)");
            }
            // The page must not be wider than the screen: tables scroll inside their cards instead.
            var overflow = Convert.ToInt64(Script("return document.documentElement.scrollWidth - document.documentElement.clientWidth"),
                System.Globalization.CultureInfo.InvariantCulture);
            Assert.That(overflow, Is.LessThanOrEqualTo(1), $"{name} at {size.Width}px is {overflow}px wider than the screen");
        }
        Viewport(Desktop.Width, Desktop.Height);
    }

    /// <summary>The page's viewport exactly this size (a window's size would include the browser's own frame); a phone width is emulated as a phone.</summary>
    public void Viewport(int width, int height)
    {
        Driver.ExecuteCdpCommand("Emulation.setDeviceMetricsOverride", new Dictionary<string, object?>
        {
            ["width"] = width, ["height"] = height, ["deviceScaleFactor"] = 1, ["mobile"] = width < 600,
        });
        Thread.Sleep(400); // charts resize after a short debounce
    }

    private void Save(string file)
    {
        ((ITakesScreenshot)Driver).GetScreenshot().SaveAsFile(file);
        TestContext.AddTestAttachment(file);
    }

    /// <summary>Reads the console since the last call; fails on any error-level entry the test did not expect.</summary>
    public void AssertNoConsoleErrors()
    {
        foreach (var entry in Driver.Manage().Logs.GetLog(LogType.Browser))
        {
            if (entry.Level < LogLevel.Severe) continue;
            if (_expected.Any(e => entry.Message.Contains(e, StringComparison.Ordinal))) continue;
            _console.Add(entry.Message);
        }
        _expected.Clear();
        Assert.That(_console, Is.Empty, "errors in the browser console");
    }

    public void Dispose()
    {
        Driver.Quit();
        Driver.Dispose();
    }
}
