using System.Text.RegularExpressions;
using FluentValidation;
using Inspections.Core.Common;
using Inspections.Domain.Access;

namespace Inspections.Core.Features.Users;

/// <summary>The facts a user is created or changed with.</summary>
public interface IUserFacts
{
    string? DisplayName { get; }
    IReadOnlyList<string>? Roles { get; }
    string? Jurisdiction { get; }
    string? CredentialNumber { get; }
    /// <summary>Where alerts reach the user by e-mail.</summary>
    string? Email { get; }
    /// <summary>The user's id in WeCom 企业微信 (@-mentioned in the group robot's messages).</summary>
    string? WeComUserId { get; }
    /// <summary>The user's id in DingTalk 钉钉 (@-mentioned in the group robot's messages).</summary>
    string? DingTalkUserId { get; }
}

/// <summary>The rules for a user's facts, written once for creating and changing users.</summary>
public abstract class UserFactsValidator<T> : AbstractValidator<T> where T : IUserFacts
{
    protected UserFactsValidator()
    {
        RuleFor(x => x.DisplayName).NotEmpty().MaximumLength(50).Named("姓名", "Display name");
        RuleFor(x => x.Roles).NotEmpty().Named("角色", "Roles");
        RuleFor(x => x.Roles).Must(r => r!.All(Roles.IsKnown)).When(x => x.Roles is not null)
            .Says($"未知的角色，可选值：{string.Join(", ", Roles.All)}", $"Unknown role; allowed: {string.Join(", ", Roles.All)}");
        RuleFor(x => x.Roles).Must(r => r!.Distinct(StringComparer.Ordinal).Count() == r!.Count).When(x => x.Roles is not null)
            .Says("角色不能重复", "A role is listed twice");
        RuleFor(x => x.Jurisdiction).NotEmpty().Named("辖区", "Jurisdiction");
        RuleFor(x => x.Jurisdiction).IsJurisdictionCode();
        RuleFor(x => x.CredentialNumber).MaximumLength(32).Named("执法证号", "Credential number");
        // 《行政处罚法》第四十二条: officers inspect and handle cases under an enforcement credential.
        RuleFor(x => x.CredentialNumber).NotEmpty().When(x => x.Roles?.Contains(Roles.Officer, StringComparer.Ordinal) == true)
            .Says("执法人员须登记执法证号", "An officer needs an enforcement credential number");
        RuleFor(x => x.Email).MaximumLength(254).Named("电子邮箱", "E-mail");
        RuleFor(x => x.Email).Must(UserRules.IsMailAddress).When(x => !string.IsNullOrWhiteSpace(x.Email))
            .Says("电子邮箱格式不正确（例如 wangfang@example.cn）", "Not an e-mail address (e.g. wangfang@example.cn)");
        RuleFor(x => x.WeComUserId).MaximumLength(64).Named("企业微信账号", "WeCom user id");
        RuleFor(x => x.WeComUserId).Must(UserRules.IsMessengerId).When(x => !string.IsNullOrWhiteSpace(x.WeComUserId))
            .Says("企业微信账号只能包含字母、数字和 . _ - @", "A WeCom user id has letters, digits, '.', '_', '-' or '@'");
        RuleFor(x => x.DingTalkUserId).MaximumLength(64).Named("钉钉账号", "DingTalk user id");
        RuleFor(x => x.DingTalkUserId).Must(UserRules.IsMessengerId).When(x => !string.IsNullOrWhiteSpace(x.DingTalkUserId))
            .Says("钉钉账号只能包含字母、数字和 . _ - @", "A DingTalk user id has letters, digits, '.', '_', '-' or '@'");
    }
}

/// <summary>Login names and the checks that read the users table, shared by the user slices.</summary>
public static partial class UserRules
{
    /// <summary>Login names are the ids everything else refers to: lowercase ASCII, a letter first, 2 to 32 characters.</summary>
    [GeneratedRegex("^[a-z][a-z0-9._-]{1,31}$", RegexOptions.CultureInvariant)]
    private static partial Regex LoginPattern();

    /// <summary>The scheduler acts as "system" (<see cref="SystemUser"/>): no person may take that name.</summary>
    public static readonly IReadOnlyList<string> Reserved = ["system"];

    public static bool IsLoginName(string? id) => id is not null && LoginPattern().IsMatch(id);

    /// <summary>One e-mail address, as a mail server takes it (no display name, no list).</summary>
    public static bool IsMailAddress(string? text) =>
        text is not null && System.Net.Mail.MailAddress.TryCreate(text.Trim(), out var address) && address.Address == text.Trim() && !text.Contains(',');

    /// <summary>A WeCom or DingTalk user id: ASCII letters, digits and . _ - @ (what the robots' mention lists take).</summary>
    [GeneratedRegex("^[A-Za-z0-9._@-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex MessengerPattern();

    public static bool IsMessengerId(string? id) => id is not null && MessengerPattern().IsMatch(id.Trim());

    public static IRuleBuilderOptions<T, string?> IsNewLoginName<T>(this IRuleBuilderInitial<T, string?> rule) =>
        rule.Cascade(CascadeMode.Stop)
            .NotEmpty().Named("登录名", "Login name")
            .Must(IsLoginName)
            .Says("登录名须为 2–32 位小写字母、数字或 . _ -，以字母开头", "A login name has 2 to 32 lowercase letters, digits, '.', '_' or '-', starting with a letter")
            .Must(id => !Reserved.Contains(id!, StringComparer.Ordinal))
            .Says("该登录名为系统保留", "That login name is reserved");

    /// <summary>A credential number identifies one officer: refused when another user holds it.</summary>
    internal static async Task EnsureCredentialFreeAsync(Data.DbSession db, string? credentialNumber, string id, CancellationToken ct)
    {
        if (credentialNumber is null) return;
        if (await UserRecord.CredentialHolderAsync(db, credentialNumber, id, ct) is not null)
            throw Input.Invalid(nameof(IUserFacts.CredentialNumber), $"执法证号 {credentialNumber} 已登记给其他用户",
                $"Credential number {credentialNumber} belongs to another user");
    }
}
