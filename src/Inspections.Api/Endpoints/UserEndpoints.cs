using Inspections.Api.Infrastructure;
using Inspections.Core.Common;
using Inspections.Core.Features.Users;
using Inspections.Domain.Access;

namespace Inspections.Api.Endpoints;

public sealed class UserEndpoints : IEndpointModule
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/users").WithTags("Users 用户");

        users.MapQuery<ListUsers.Query, Page<UserDto>>("/", ([AsParameters] ListParameters p) => new ListUsers.Query
            {
                Jurisdiction = p.Jurisdiction, Role = p.Role, Active = p.Active, Search = p.Search, Cursor = p.Cursor, Limit = p.Limit,
            })
            .WithSummary("查询用户（本辖区及下级；按角色、在职状态、姓名或登录名；游标分页） List users");

        app.MapQuery<ListOfficers.Query, IReadOnlyList<ListOfficers.OfficerSummary>>("/api/officers", () => new ListOfficers.Query())
            .WithTags("Users 用户")
            .WithSummary("本辖区可参加检查的执法人员（在职、已登记执法证号；姓名与执法证号） Officers who may be named on an inspection");

        // The body carries the initial password: no Idempotency-Key, so no hash of it is kept. A retry is a 409 (the login name is taken).
        users.MapCreate<CreateUser.Command, UserDto>("/", (CreateUser.Command command) => command,
                (_, user) => $"/api/users/{Uri.EscapeDataString(user.Id)}")
            .WithoutIdempotencyKey()
            .WithSummary("新增用户（初始密码须在首次登录后修改） Create a user");

        users.MapQuery<GetUser.Query, UserDto>("/{id}", (string id) => new GetUser.Query(id))
            .WithSummary("查看用户 Get a user");

        users.MapReplace<UpdateUser.Command, UserDto>("/{id}", (string id, UpdateUser.Command command) => command with { Id = id })
            .WithSummary("修改用户：姓名、角色、辖区、执法证号、停用（须带 version，过期版本返回 409） Update or deactivate a user");

        users.MapCommand<ResetPassword.Command, UserDto>("/{id}/password", (string id, ResetPassword.Command command) => command with { Id = id })
            .WithoutIdempotencyKey()
            .WithSummary("重置密码（用户下次登录须修改；解除登录锁定） Reset a user's password");
    }

    public sealed record ListParameters(
        string? Jurisdiction, [OneOf(Roles.Officer, Roles.Clerk, Roles.Supervisor, Roles.Admin)] string? Role, bool? Active,
        string? Search, string? Cursor, int? Limit);
}
