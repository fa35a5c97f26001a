using System.Net.Mail;
using FluentValidation;
using Inspections.Core.Common;

namespace Inspections.Core.Features.Alerts;

/// <summary>What a notification channel is made of, as adding and changing one send it.</summary>
public interface IChannelFacts
{
    string? Kind { get; }
    string? Name { get; }
    string? Target { get; }
    string? Secret { get; }
}

/// <summary>The rules of a channel's facts, written once for adding and changing channels.</summary>
public abstract class ChannelFactsValidator<T> : AbstractValidator<T> where T : IChannelFacts
{
    public static readonly string[] Kinds = ["wecom", "dingtalk", "webhook", "email"];

    protected ChannelFactsValidator()
    {
        RuleFor(x => x.Kind).NotEmpty().Named("渠道类型", "Kind")
            .DependentRules(() => RuleFor(x => x.Kind).Must(k => Kinds.Contains(k))
                .Says("渠道类型应为 wecom（企业微信）、dingtalk（钉钉）、webhook 或 email", "Kind must be wecom, dingtalk, webhook or email"));
        RuleFor(x => x.Name).NotEmpty().MaximumLength(100).Named("名称", "Name");
        RuleFor(x => x.Target).NotEmpty().MaximumLength(1000).Named("地址", "Target")
            .DependentRules(() =>
            {
                RuleFor(x => x.Target).Must(IsWebAddress).When(x => x.Kind is "wecom" or "dingtalk" or "webhook")
                    .Says("地址应为 http 或 https 开头的完整网址", "Target must be an absolute http or https address");
                RuleFor(x => x.Target).Must(AreMailAddresses).When(x => x.Kind == "email")
                    .Says("地址应为电子邮箱，多个以逗号分隔", "Target must be e-mail addresses separated by commas");
            });
        RuleFor(x => x.Secret).MaximumLength(200).Named("密钥", "Secret");
    }

    private static bool IsWebAddress(string? target) =>
        Uri.TryCreate(target, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private static bool AreMailAddresses(string? target) =>
        target is not null && AlertDeliveries.Addresses(target) is { Count: > 0 } list && list.All(a => MailAddress.TryCreate(a, out _));
}
