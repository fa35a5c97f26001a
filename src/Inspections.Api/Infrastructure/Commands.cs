using Inspections.Api.Auth;
using Inspections.Domain.Access;

namespace Inspections.Api.Infrastructure;

/// <summary>Command-line verbs of the host besides serving: `token` (development tokens).</summary>
public static class Commands
{
    public static int Token(WebApplicationBuilder builder, string[] args)
    {
        if (builder.Environment.IsProduction())
        {
            Console.Error.WriteLine("生产环境不签发令牌：令牌由 OIDC 身份提供方签发。 Tokens are not minted in Production.");
            return 2;
        }
        string? Arg(string name)
        {
            var i = Array.IndexOf(args, "--" + name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }
        var user = Arg("user");
        var role = Arg("role");
        var jurisdiction = Arg("jurisdiction");
        if (user is null || !Roles.IsKnown(role) || !Jurisdiction.IsValidCode(jurisdiction))
        {
            Console.Error.WriteLine("""
                用法 usage: token --user 张三 --role officer|clerk|supervisor|admin --jurisdiction 510115 [--credential 51011500123] [--id user-id]
                辖区 jurisdiction: 6 位行政区划代码（市 510100、区县 510115），或 9 位乡镇（街道）代码（文化站，如 510115001）
                a six-digit division code (city 510100, district 510115) or a nine-digit town/street code (a station, e.g. 510115001)
                """);
            return 2;
        }
        var options = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        var issuer = new TokenIssuer(options, TimeProvider.System);
        Console.WriteLine(issuer.Mint(Arg("id") ?? user, user, role!, jurisdiction!, Arg("credential")));
        return 0;
    }

    public static void PrintDevToken(WebApplication app)
    {
        var issuer = app.Services.GetRequiredService<TokenIssuer>();
        var token = issuer.Mint("dev-supervisor", "开发主管", Roles.Supervisor, "510115");
        var urls = string.Join(", ", app.Urls);
        app.Logger.LogWarning(
            "开发令牌 Development token (supervisor, 510115), paste it into the API page at {Urls}/scalar:\n{Token}\n" +
            "Other roles: dotnet run --project src/Inspections.Api -- token --user 张三 --role officer --jurisdiction 510115 --credential 51011500123",
            urls, token);
    }
}
