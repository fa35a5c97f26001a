namespace Inspections.Api.Pages.Admin.Channels;

/// <summary>The fields of a channel both the add and the edit form have.</summary>
public class ChannelForm
{
    public string? Kind { get; set; }
    public string? Name { get; set; }
    public string? Target { get; set; }
    public string? Secret { get; set; }

    /// <summary>What each kind of channel is called, in the order the forms offer them.</summary>
    public static readonly IReadOnlyList<(string Kind, string Name)> Kinds =
        [("wecom", "企业微信群机器人"), ("dingtalk", "钉钉群机器人"), ("email", "电子邮件"), ("webhook", "JSON webhook（签名）")];

    public static string KindName(string kind) => Kinds.FirstOrDefault(k => k.Kind == kind).Name ?? kind;
}
