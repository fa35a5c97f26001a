using System.Security.Cryptography;
using Inspections.Api.Auth;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Calendar;
using Inspections.Core.Features.Users;
using Inspections.Domain.Access;

namespace Inspections.Api.Infrastructure;

/// <summary>Command-line verbs of the host besides serving: `token` (development tokens), `create-admin` (the first administrator).</summary>
public static class Commands
{
    public static int Token(WebApplicationBuilder builder, string[] args) => Token(builder, args, Console.Out, Console.Error);

    /// <summary>
    /// A development token. When the users table knows the login (--id, else --user), the token carries
    /// that user's name, roles, jurisdiction and credential number from the table; otherwise the
    /// arguments say who the holder is, as before there were users.
    /// </summary>
    public static int Token(WebApplicationBuilder builder, string[] args, TextWriter output, TextWriter errors)
    {
        if (builder.Environment.IsProduction())
        {
            errors.WriteLine("生产环境不签发开发令牌：请登录（POST /api/account/sign-in）。 Development tokens are not minted in Production; sign in.");
            return 2;
        }
        string? Arg(string name)
        {
            var i = Array.IndexOf(args, "--" + name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }
        var user = Arg("user");
        var login = Arg("id") ?? user;
        var options = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        var issuer = new TokenIssuer(options, TimeProvider.System);

        var known = UserRules.IsLoginName(login) ? FindUser(builder.Configuration, login!, errors) : null;
        if (known is not null)
        {
            if (!known.Active)
            {
                errors.WriteLine($"用户 {known.Id} 已停用。 User {known.Id} is deactivated.");
                return 2;
            }
            output.WriteLine(issuer.Mint(
                new TokenSubject(known.Id, known.DisplayName, known.Roles, known.Jurisdiction, known.CredentialNumber, null),
                TimeSpan.FromHours(options.TokenLifetimeHours)).Token);
            return 0;
        }

        var role = Arg("role");
        var jurisdiction = Arg("jurisdiction");
        if (user is null || !Roles.IsKnown(role) || !Jurisdiction.IsValidCode(jurisdiction))
        {
            errors.WriteLine("""
                用法 usage: token --user 张三 --role officer|clerk|supervisor|admin --jurisdiction 510115 [--credential 51011500123] [--id user-id]
                辖区 jurisdiction: 6 位行政区划代码（市 510100、区县 510115），或 9 位乡镇（街道）代码（文化站，如 510115001）
                a six-digit division code (city 510100, district 510115) or a nine-digit town/street code (a station, e.g. 510115001)
                （--id 或 --user 为已有用户的登录名时，姓名、角色、辖区、执法证号取自用户表 / for a login of the users table, its name, roles, jurisdiction and credential number are used）
                """);
            return 2;
        }
        output.WriteLine(issuer.Mint(login!, user, role!, jurisdiction!, Arg("credential")));
        return 0;
    }

    /// <summary>
    /// The user of this login in the configured database, or null when it has none or cannot be read
    /// (no database yet, not migrated, server down): then the command keeps to its arguments.
    /// </summary>
    private static UserDto? FindUser(IConfiguration configuration, string login, TextWriter errors)
    {
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        try
        {
            if (database.ParsedProvider == DbProvider.Sqlite
                && new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(database.EffectiveConnectionString).DataSource is { Length: > 0 } file
                && file != ":memory:" && !File.Exists(file))
                return null; // opening it would create an empty database
            using var session = new DbSession(new DbConnectionFactory(database));
            return UserLookup.FindAsync(session, login, TimeProvider.System, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or IOException or TimeoutException
                                      or System.Net.Sockets.SocketException)
        {
            errors.WriteLine($"（未能读取用户表，按参数签发 / the users table could not be read, the arguments are used: {e.GetType().Name}）");
            return null;
        }
    }

    public static Task<int> CreateAdminAsync(WebApplicationBuilder builder, string[] args) =>
        CreateAdminAsync(builder, args, Console.Out, Console.Error);

    /// <summary>
    /// The first administrator of a new installation (nobody can sign in to add one): migrates the
    /// database, then sends <see cref="CreateUser"/> through validation and the audited transaction as
    /// the command line, and prints the generated initial password once. The administrator changes it
    /// at the first sign-in. Anyone who can run this already holds the database's connection string.
    /// </summary>
    public static async Task<int> CreateAdminAsync(WebApplicationBuilder builder, string[] args, TextWriter output, TextWriter errors)
    {
        string? Arg(string name)
        {
            var i = Array.IndexOf(args, "--" + name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }
        var jurisdiction = Arg("jurisdiction") ?? "";
        var command = new CreateUser.Command
        {
            Id = Arg("id"), DisplayName = Arg("name"), Roles = [Roles.Admin], Jurisdiction = jurisdiction, InitialPassword = NewPassword(),
        };
        var invalid = (await new CreateUser.Validator().ValidateAsync(command)).Errors;
        if (invalid.Count > 0 || !Jurisdiction.IsValidCode(jurisdiction))
        {
            foreach (var e in invalid) errors.WriteLine($"{e.PropertyName}: {e.ErrorMessage}");
            errors.WriteLine("用法 usage: create-admin --id guanli --name 系统管理员 --jurisdiction 510115");
            return 2;
        }

        var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        Migrator.Migrate(database);
        var actor = new CommandLineUser(jurisdiction);
        await using var db = new DbSession(new DbConnectionFactory(database));
        var handler = new CreateUser.Handler(db, actor, TimeProvider.System);
        try
        {
            var user = await new TransactionBehavior<CreateUser.Command, UserDto>(db, actor, TimeProvider.System,
                    // a user bears no deadline clocks: no source to ask
                    new Inspections.Core.Features.Alerts.ClockRows([], new CalendarStore(new ClockOptions()), new ClockOptions(), TimeProvider.System),
                    // nothing kept in this one-off process
                    new UserStandings(TimeSpan.Zero))
                .Handle(command, (c, ct) => handler.Handle(c, ct), CancellationToken.None);
            output.WriteLine($"已创建管理员 {user.Id}（{user.DisplayName}，辖区 {user.Jurisdiction}），初始密码（首次登录须修改）：");
            output.WriteLine(command.InitialPassword);
            return 0;
        }
        catch (ConflictException e)
        {
            errors.WriteLine(e.Detail);
            return 2;
        }
    }

    /// <summary>16 characters of letters and digits, at least one of each.</summary>
    private static string NewPassword()
    {
        const string letters = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ", digits = "23456789";
        var chars = RandomNumberGenerator.GetItems((letters + digits).AsSpan(), 14).ToList();
        chars.Insert(RandomNumberGenerator.GetInt32(chars.Count + 1), letters[RandomNumberGenerator.GetInt32(letters.Length)]);
        chars.Insert(RandomNumberGenerator.GetInt32(chars.Count + 1), digits[RandomNumberGenerator.GetInt32(digits.Length)]);
        return new string([.. chars]);
    }

    /// <summary>Who acts when a command-line verb writes: recorded as such in the audit trail.</summary>
    private sealed class CommandLineUser(string jurisdiction) : ICurrentUser
    {
        public bool IsAuthenticated => true;
        public string UserId => "command-line";
        public string DisplayName => "命令行";
        public string Role => Roles.Admin;
        public string Jurisdiction => jurisdiction;
        public string? CredentialNumber => null;
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
