using Inspections.Api.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Inspections.Browser.Tests;

/// <summary>
/// The district's administrator 陈静 (demo data) manages the channels alerts go out through, on the pages: adds a WeCom
/// robot (a wrong address refused beside the field), changes it, disables and enables it, deletes it; and reads the
/// messages and their attempts — here failed ones, the robot's address answering nothing and no mail server set up.
/// </summary>
public sealed class ChannelPageTests
{
    private static readonly DateOnly StoryEnds = new(2026, 11, 10);
    private BrowserHost _host = null!;

    [OneTimeSetUp]
    public async Task LoadTheDemo()
    {
        _host = new BrowserHost(await DemoLoad.IntoNewFolderAsync(StoryEnds));
        _host.Clock.Now = new DateTimeOffset(2026, 11, 11, 8, 30, 0, TimeSpan.FromHours(8));
    }

    [OneTimeTearDown]
    public async Task StopHost() => await _host.DisposeAsync();

    [Test]
    public async Task An_admin_adds_changes_disables_and_deletes_a_channel_and_reads_the_attempts()
    {
        using var browser = new PageBrowser(_host);
        browser.SignIn("chenjing", DemoLoad.Password);
        browser.Click("nav a[href='/admin/channels']");
        Assert.That(browser.Has("#no-channels"), Is.True);

        // A robot address that is not one: refused beside the field, in Chinese, what was typed kept.
        browser.Type("#Input_Name", "审批科企业微信群");
        browser.Type("#Input_Target", "qyapi.weixin.qq.com/robot");
        browser.ExpectStatus(400);
        browser.Click("#save-channel");
        Assert.That(browser.Find("[data-valmsg-for='Input.Target']").Text, Does.Contain("http 或 https"));
        Assert.That(browser.Find("#Input_Name").GetAttribute("value"), Is.EqualTo("审批科企业微信群"));
        browser.Screenshots("channel-errors");

        // Nothing listens on port 9: the messages fail, and the attempts say why.
        browser.Type("#Input_Target", "http://127.0.0.1:9/cgi-bin/webhook/send?key=demo");
        browser.Click("#save-channel");
        Assert.That(browser.Find("#notice").Text, Does.Contain("已添加"));
        browser.Choose("#Input_Kind", "email");
        browser.Type("#Input_Name", "大队邮箱");
        browser.Type("#Input_Target", "wenjiang-office@wenjiang.example.cn");
        browser.Click("#save-channel");
        Assert.That(browser.FindAll("#channels tbody tr"), Has.Count.EqualTo(2));

        // Changed on its own page: the name; then disabled and enabled again from the list.
        browser.Click("#channels tr[data-kind='wecom'] a[href$='/edit']");
        browser.Type("#Input_Name", "温江大队企业微信群");
        browser.Click("#save-channel");
        Assert.That(browser.Find("#notice").Text, Does.Contain("温江大队企业微信群"));
        browser.Click("#channels tr[data-kind='wecom'] button.secondary");
        Assert.That(browser.Find("#notice").Text, Does.Contain("已停用"));
        Assert.That(browser.Find("#channels tr[data-kind='wecom']").Text, Does.Contain("停用"));
        browser.Click("#channels tr[data-kind='wecom'] button.secondary");
        Assert.That(browser.Find("#notice").Text, Does.Contain("已启用"));
        browser.Screenshots("channels");

        // The morning digest goes out through both; the sender tries them.
        using var admin = _host.Api("admin", user: "chenjing");
        (await admin.PostAsync("/api/alerts/digest", null)).EnsureSuccessStatusCode();
        await _host.Services.GetRequiredService<AlertSender>().RunAsync(CancellationToken.None);
        browser.Click("#deliveries-link");
        var rows = browser.FindAll("#deliveries tbody tr").ToList();
        Assert.That(rows, Is.Not.Empty);
        Assert.That(rows.Select(r => r.Text), Has.All.Contain("失败").And.All.Contain("【每日预警】"));
        Assert.That(browser.BodyText, Does.Contain("SmtpHost").And.Contain("温江大队企业微信群"));
        browser.Screenshots("deliveries");

        // Deleted: gone from the list, its waiting messages given up.
        browser.Go("/admin/channels");
        browser.Driver.ExecuteScript("window.confirm = () => true;");
        browser.Click("#channels tr[data-kind='wecom'] button.danger");
        Assert.That(browser.Find("#notice").Text, Does.Contain("已删除"));
        Assert.That(browser.FindAll("#channels tbody tr"), Has.Count.EqualTo(1));
        browser.AssertNoConsoleErrors();
    }
}
