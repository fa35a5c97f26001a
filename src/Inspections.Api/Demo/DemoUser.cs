using Inspections.Core.Common;
using Inspections.Domain.Access;

namespace Inspections.Api.Demo;

/// <summary>
/// A person of the demo district. Their id is the login name (the contract's user id), used as
/// officer, clerk and holder id everywhere; the password is printed once when the demo is loaded.
/// </summary>
internal sealed class DemoUser(string id, string name, string role, string jurisdiction, string title, string? credential = null)
    : ICurrentUser
{
    public string Id { get; } = id;
    public string Name { get; } = name;
    /// <summary>What the person does, as the printed table says it (e.g. 执法大队执法人员).</summary>
    public string Title { get; } = title;

    /// <summary>Known on purpose: the demo prints it so people can sign in and look around.</summary>
    public const string Password = "Demo@510115";

    public bool IsAuthenticated => true;
    public string UserId => Id;
    public string DisplayName => Name;
    public string Role { get; } = role;
    public string Jurisdiction { get; } = jurisdiction;
    public string? CredentialNumber { get; } = credential;

    /// <summary>Where alerts reach them: an address of their office's (made-up) mail domain, and their WeCom 企业微信 account (the login name).</summary>
    public string Email => $"{Id}@{Jurisdiction switch
    {
        DemoDistrict.City => "chengdu",
        DemoDistrict.Station => "liucheng.wenjiang",
        _ => "wenjiang",
    }}.example.cn";

    public string WeComUserId => Id;

    public string RoleName => Role switch
    {
        Roles.Officer => "执法人员",
        Roles.Clerk => "窗口人员",
        Roles.Supervisor => "科长/分管领导",
        Roles.Admin => "系统管理员",
        _ => Role,
    };
}

/// <summary>Who sends the requests of one demo step: set on the step's scope before the mediator is resolved.</summary>
internal sealed class DemoActor
{
    public ICurrentUser User { get; set; } = new SystemUser();
}
