using Inspections.Core.Features.Venues;
using Inspections.Domain.Cases;

namespace Inspections.Core.Features.Cases;

/// <summary>Case enums as the API spells them (camelCase), and money as the database keeps it (fen 分).</summary>
public static class CaseWire
{
    public static string Name<TEnum>(TEnum value) where TEnum : struct, Enum =>
        VenueFactsValidator<RegisterVenue.Command>.WireName(value);

    public static bool TryParse<TEnum>(string? wire, out TEnum value) where TEnum : struct, Enum =>
        VenueFactsValidator<RegisterVenue.Command>.TryParse(wire, out value);

    public static string Allowed<TEnum>() where TEnum : struct, Enum =>
        string.Join(", ", Enum.GetValues<TEnum>().Select(Name));

    public static CaseStage Stage(string wire) =>
        TryParse<CaseStage>(wire, out var s) ? s : throw new InvalidOperationException($"Unknown stored stage '{wire}'.");

    public static long? Fen(decimal? yuan) => yuan is { } y ? (long)Math.Round(y * 100m, MidpointRounding.AwayFromZero) : null;

    public static decimal? Yuan(long? fen) => fen is { } f ? f / 100m : null;

    /// <summary>"调查取证 (investigation)" in the caller's language.</summary>
    public static string Describe(CaseStage stage) => Common.Text.Pick(stage.Chinese(), stage.English());
}

/// <summary>How a decision ended the first instance of the case.</summary>
public enum DecisionKind
{
    Penalty,   // 处罚决定
    NoPenalty, // 不予处罚
    Transfer,  // 移送
}

/// <summary>What the party is: a venue's operator, a person or a company.</summary>
public enum PartyKind
{
    Venue,
    Person,
    Company,
}

/// <summary>Clock suspensions 不计入期限 the law names.</summary>
public enum SuspensionKind
{
    Hearing,   // 听证
    Appraisal, // 鉴定/检测
    Other,     // 其他法定不计入期间
}

public enum EvidenceKind
{
    Inspection, // 检查记录
    Photo,      // 照片
    Document,   // 书证、笔录
}

public enum ChallengeKind
{
    Reconsideration, // 行政复议
    Litigation,      // 行政诉讼
}

public enum ChallengeOutcome
{
    Upheld,  // 维持
    Changed, // 变更
    Revoked, // 撤销
}
