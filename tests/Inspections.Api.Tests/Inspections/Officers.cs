using System.Net.Http.Headers;
using Inspections.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Inspections.Api.Tests.InspectionsFeature;

/// <summary>
/// Named officers with credential numbers, and the bodies an inspection test sends. Officers are users:
/// a fixture lists <see cref="Of"/> its districts in <c>FixtureUsers</c> so they exist before its tests name
/// them. In 510115 they are zhangsan, lisi, wangwu and zhaoliu (51011500123…126); in another district
/// the same people are zhangsan.510121 and so on, with that district's numbers (51012100123…).
/// </summary>
internal static class Officers
{
    public const string Home = "510115";
    public const string ZhangSan = "zhangsan";
    public const string LiSi = "lisi";

    private static readonly (string Who, string Name, string Number)[] Roster =
        [(ZhangSan, "张三", "00123"), (LiSi, "李四", "00124"), ("wangwu", "王五", "00125"), ("zhaoliu", "赵六", "00126")];

    /// <summary>The login of one of the four in a district.</summary>
    public static string Id(string who, string district = Home) => district == Home ? who : $"{who}.{district}";

    public static string Credential(string who, string district = Home) => district + Roster.Single(r => r.Who == who).Number;

    public static string Name(string who) => Roster.Single(r => r.Who == who).Name;

    /// <summary>The four officers of a district, as users.</summary>
    public static IEnumerable<TestUser> Of(string district = Home) =>
        Roster.Select(r => new TestUser(Id(r.Who, district), r.Name, ["officer"], district, district + r.Number));

    /// <summary>An officer as an inspection or a draw lists them (login, and the name and number on record).</summary>
    public static object OnForm(string who, string district = Home) =>
        new { userId = Id(who, district), name = Name(who), credentialNumber = Credential(who, district) };

    public static object ZhangSanOnForm => OnForm(ZhangSan);
    public static object LiSiOnForm => OnForm(LiSi);

    /// <summary>A client carrying an officer's own token (sub, name, credential).</summary>
    public static HttpClient As(this ApiFactory api, string userId, string name, string credential,
        string role = "officer", string jurisdiction = Home)
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            api.Services.GetRequiredService<Inspections.Api.Auth.TokenIssuer>().Mint(userId, name, role, jurisdiction, credential));
        return client;
    }

    /// <summary>张三 of the district (a stranger there when the fixture did not create its officers).</summary>
    public static HttpClient ZhangSanClient(this ApiFactory api, string jurisdiction = Home) =>
        api.As(Id(ZhangSan, jurisdiction), Name(ZhangSan), Credential(ZhangSan, jurisdiction), jurisdiction: jurisdiction);
}
