using Inspections.Api.Infrastructure;
using Inspections.Core.Common;
using Inspections.Core.Features.Users;

namespace Inspections.Api.Endpoints;

/// <summary>The signed-in user's own account: signing in, the password, who they are, tokens for scripts.</summary>
public sealed class AccountEndpoints : IEndpointModule
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/api/account").WithTags("Account 账号");

        // Passwords in, tokens out: none of these takes an Idempotency-Key, so neither is ever kept.
        account.MapCommand<SignIn.Command, SignIn.Result, SignedIn>("/sign-in", (SignIn.Command command) => command, SignedIn.From)
            .WithoutIdempotencyKey()
            .WithMetadata(
                new ProblemResponse(StatusCodes.Status401Unauthorized, "登录名或密码不正确（不说明登录名是否存在） The login name or password is wrong"),
                new ProblemResponse(StatusCodes.Status403Forbidden, "账号已停用 The account is deactivated"),
                new ProblemResponse(StatusCodes.Status429TooManyRequests,
                    "连续登录失败次数过多，账号暂时锁定（lockedUntil 为解锁时间） Too many failed sign-ins: locked until lockedUntil", RetryAfter: true))
            .WithSummary("登录：以登录名和密码换取访问令牌（连续失败 5 次锁定 15 分钟） Sign in for a bearer token");

        account.MapCommand<ChangePassword.Command, UserDto>("/password", (ChangePassword.Command command) => command)
            .WithoutIdempotencyKey()
            .WithSummary("修改本人密码（改后须重新登录） Change your own password; sign in again afterwards");

        account.MapCommand<IssueApiToken.Command, IssueApiToken.Result>("/token", () => new IssueApiToken.Command())
            .WithoutIdempotencyKey()
            .WithSummary("为脚本签发本人的接口令牌（账号变更即失效） Issue an API token for scripts, acting as you");

        account.MapQuery<GetAccount.Query, AccountDto>("/me", () => new GetAccount.Query())
            .WithSummary("当前用户 Who am I");
    }
}

/// <summary>A successful sign-in: the bearer token, when it expires, and the user it is for.</summary>
/// <param name="MustChangePassword">Until the password is changed, the token admits only POST /api/account/password and GET /api/account/me.</param>
public sealed record SignedIn(string Token, DateTimeOffset ExpiresAt, bool MustChangePassword, UserDto User)
{
    /// <summary>The use case's outcome as HTTP: a token, or the refusal as a problem (401, 403, 429).</summary>
    public static SignedIn From(HttpContext http, SignIn.Result result)
    {
        switch (result.Outcome)
        {
            case SignIn.Outcomes.Ok:
                var user = result.User!;
                var token = http.RequestServices.GetRequiredService<IAccessTokens>().Issue(
                    new TokenSubject(user.Id, user.DisplayName, user.Roles, user.Jurisdiction, user.CredentialNumber, user.Version), TokenUse.SignIn);
                return new SignedIn(token.Token, token.ExpiresAt, result.MustChangePassword, user);
            case SignIn.Outcomes.Locked:
                var until = result.LockedUntil!.Value;
                var wait = until - http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
                var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
                throw new LockedOutException(
                    $"登录失败次数过多，账号已暂时锁定，请 {minutes} 分钟后再试，或请管理员重置密码。",
                    $"Too many failed sign-ins: the account is locked. Try again in {minutes} minutes, or ask an administrator to reset the password.",
                    until, Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)));
            case SignIn.Outcomes.Inactive:
                throw new ForbiddenException("账号已停用，请联系系统管理员。", "The account is deactivated; ask an administrator.");
            default:
                throw new UnauthorizedException("登录名或密码不正确。", "The login name or password is wrong.");
        }
    }
}
