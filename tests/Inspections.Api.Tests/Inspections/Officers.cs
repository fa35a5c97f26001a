using System.Net.Http.Headers;
using Inspections.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Inspections.Api.Tests.InspectionsFeature;

/// <summary>Named officers with credential numbers, and the bodies an inspection test sends.</summary>
internal static class Officers
{
    public const string ZhangSan = "zhangsan";
    public const string LiSi = "lisi";

    public static object ZhangSanOnForm => new { userId = ZhangSan, name = "张三", credentialNumber = "51011500123" };
    public static object LiSiOnForm => new { userId = LiSi, name = "李四", credentialNumber = "51011500124" };

    /// <summary>A client carrying an officer's own token (sub, name, credential).</summary>
    public static HttpClient As(this ApiFactory api, string userId, string name, string credential,
        string role = "officer", string jurisdiction = "510115")
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            api.Services.GetRequiredService<Inspections.Api.Auth.TokenIssuer>().Mint(userId, name, role, jurisdiction, credential));
        return client;
    }

    public static HttpClient ZhangSanClient(this ApiFactory api, string jurisdiction = "510115") =>
        api.As(ZhangSan, "张三", "51011500123", jurisdiction: jurisdiction);
}
