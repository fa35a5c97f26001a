using System.Net;
using System.Text.Json;
using Inspections.Api.Tests.Infrastructure;
using Inspections.Core.Data;
using Inspections.Core.Features.Alerts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Inspections.Api.Tests;

/// <summary>Administrators change, disable and delete notification channels; users carry their own addresses.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class NotificationChannelTests(string provider) : ApiFixture(provider)
{
    private const string Secret = "robot-secret-0123456789";

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.FromHours(8))));
        services.AddSingleton<IDeadlineSource, OverdueApplicationSource>();
    }

    protected override IEnumerable<TestUser> FixtureUsers =>
    [
        new("clerk-510115", "王芳", ["clerk"], "510115"),
        new("supervisor-510115", "刘洋", ["supervisor"], "510115"),
    ];

    private static async Task<JsonElement> Create(HttpClient admin, string kind, string name, string target, string? secret = null) =>
        await (await admin.PostJson("/api/notification-channels", new { kind, name, target, secret })).Expect(HttpStatusCode.Created);

    private async Task<long> PendingOf(string channelId)
    {
        await using var db = new DbSession(new DbConnectionFactory(Api.Database));
        return await db.ExecuteScalarAsync<long>(new Sql("SELECT COUNT(*) FROM alert_deliveries WHERE channel_id = @Id AND status = 'pending'"),
            new { Id = Guid.Parse(channelId) }, CancellationToken.None);
    }

    [Test]
    public async Task An_admin_changes_disables_and_deletes_a_channel_a_stale_version_is_a_409_and_secrets_are_never_shown()
    {
        var admin = Api.Client("admin");
        var robot = await Create(admin, "dingtalk", "审批科钉钉群", "https://oapi.dingtalk.com/robot/send?access_token=a", Secret);
        var mail = await Create(admin, "email", "大队邮箱", "office@zhifa.example.cn");
        var id = robot.Str("id");

        // Changed without a secret: the one set stays, and is never shown.
        var changed = await (await admin.PutJson($"/api/notification-channels/{id}", new
        {
            kind = "dingtalk", name = "审批科钉钉群（新）", target = "https://oapi.dingtalk.com/robot/send?access_token=b", enabled = true, version = 1,
        })).Expect(HttpStatusCode.OK);
        Assert.That(changed.Str("name"), Is.EqualTo("审批科钉钉群（新）"));
        Assert.That(changed.GetProperty("hasSecret").GetBoolean(), Is.True);
        Assert.That(changed.GetProperty("version").GetInt64(), Is.EqualTo(2));
        Assert.That(changed.GetRawText(), Does.Not.Contain(Secret));

        // The version read before is stale now.
        var stale = await (await admin.PutJson($"/api/notification-channels/{id}", new
        {
            kind = "dingtalk", name = "x", target = "https://oapi.dingtalk.com/robot/send?access_token=c", enabled = true, version = 1,
        })).Expect(HttpStatusCode.Conflict);
        Assert.That(stale.Str("detail"), Does.Contain("版本"));

        // Bad values: field errors, nothing written.
        var bad = await (await admin.PutJson($"/api/notification-channels/{id}", new { kind = "email", name = "", target = "nobody", version = 2 }))
            .Expect(HttpStatusCode.BadRequest);
        Assert.That(bad.FieldErrors("name"), Is.Not.Empty);
        Assert.That(bad.FieldErrors("target"), Is.Not.Empty);
        Assert.That(bad.FieldErrors("enabled"), Is.Not.Empty);

        // Disabled: the scan writes no message for it, and the e-mail channel gets its own.
        await (await admin.PutJson($"/api/notification-channels/{id}", new
        {
            kind = "dingtalk", name = "审批科钉钉群（新）", target = "https://oapi.dingtalk.com/robot/send?access_token=b", enabled = false, version = 2,
        })).Expect(HttpStatusCode.OK);
        await (await admin.PostAsync("/api/alerts/scan", null)).Expect(HttpStatusCode.OK);
        Assert.That(await PendingOf(id), Is.Zero, "a disabled channel gets no new message");
        Assert.That(await PendingOf(mail.Str("id")), Is.EqualTo(2), "two alerts through the e-mail channel");

        // Deleted: not listed, its waiting messages given up, a second delete or change finds nothing.
        await (await admin.DeleteAsync($"/api/notification-channels/{mail.Str("id")}?version=1")).Expect(HttpStatusCode.OK);
        Assert.That(await PendingOf(mail.Str("id")), Is.Zero);
        var listed = await (await admin.GetAsync("/api/notification-channels")).Expect(HttpStatusCode.OK);
        Assert.That(listed.EnumerateArray().Select(c => c.Str("id")), Does.Contain(id).And.Not.Contain(mail.Str("id")));
        Assert.That(listed.GetRawText(), Does.Not.Contain(Secret));
        await (await admin.DeleteAsync($"/api/notification-channels/{mail.Str("id")}?version=2")).Expect(HttpStatusCode.NotFound);
        await (await admin.DeleteAsync($"/api/notification-channels/{id}?version=1")).Expect(HttpStatusCode.Conflict);
        await (await admin.DeleteAsync($"/api/notification-channels/{id}")).Expect(HttpStatusCode.BadRequest);
        var failed = await (await admin.GetAsync("/api/alerts/deliveries?status=failed")).Expect(HttpStatusCode.OK);
        Assert.That(failed.EnumerateArray().Select(d => d.Str("lastError")), Is.All.Contains("渠道已删除"));
    }

    [TestCase("supervisor")]
    [TestCase("officer")]
    public async Task Only_admins_change_or_delete_channels(string role)
    {
        var channel = await Create(Api.Client("admin"), "wecom", "企业微信群", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x");
        var client = Api.Client(role);
        await (await client.PutJson($"/api/notification-channels/{channel.Str("id")}", new
        {
            kind = "wecom", name = "x", target = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=y", enabled = false, version = 1,
        })).Expect(HttpStatusCode.Forbidden);
        await (await client.DeleteAsync($"/api/notification-channels/{channel.Str("id")}?version=1")).Expect(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task A_neighbouring_district_s_admin_cannot_touch_the_channel()
    {
        var channel = await Create(Api.Client("admin"), "wecom", "企业微信群", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x");
        var neighbour = Api.Client("admin", "510104");
        await (await neighbour.DeleteAsync($"/api/notification-channels/{channel.Str("id")}?version=1")).Expect(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task A_user_s_addresses_are_kept_shown_and_checked()
    {
        var admin = Api.Client("admin");
        var created = await (await admin.PostJson("/api/users", new
        {
            id = "zhoujie-addr", displayName = "周杰", roles = new[] { "clerk" }, jurisdiction = "510115", initialPassword = "Chushi2026x",
            email = "zhoujie@wenjiang.example.cn", weComUserId = "ZhouJie", dingTalkUserId = "manager7140",
        })).Expect(HttpStatusCode.Created);
        Assert.That((created.Str("email"), created.Str("weComUserId"), created.Str("dingTalkUserId")),
            Is.EqualTo(("zhoujie@wenjiang.example.cn", "ZhouJie", "manager7140")));
        var bad = await (await admin.PutJson("/api/users/zhoujie-addr", new
        {
            displayName = "周杰", roles = new[] { "clerk" }, jurisdiction = "510115", active = true, version = 1,
            email = "周杰 <zhoujie@x.cn>", weComUserId = "zhou jie",
        })).Expect(HttpStatusCode.BadRequest);
        Assert.That(bad.FieldErrors("email"), Is.Not.Empty);
        Assert.That(bad.FieldErrors("weComUserId"), Is.Not.Empty);
        var cleared = await (await admin.PutJson("/api/users/zhoujie-addr", new
        {
            displayName = "周杰", roles = new[] { "clerk" }, jurisdiction = "510115", active = true, version = 1, email = "zj@wenjiang.example.cn",
        })).Expect(HttpStatusCode.OK);
        Assert.That(cleared.Str("email"), Is.EqualTo("zj@wenjiang.example.cn"));
        Assert.That(cleared.GetProperty("weComUserId").ValueKind, Is.EqualTo(JsonValueKind.Null));
        var read = await (await admin.GetAsync("/api/users/zhoujie-addr")).Expect(HttpStatusCode.OK);
        Assert.That(read.Str("email"), Is.EqualTo("zj@wenjiang.example.cn"));
    }
}
