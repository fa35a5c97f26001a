namespace Inspections.Domain.Venues;

/// <summary>Kinds of cultural business venue 文化经营场所. Wire values are the camelCase names.</summary>
public enum VenueType
{
    InternetCafe,     // 互联网上网服务营业场所(网吧)
    SongAndDance,     // 歌舞娱乐场所(KTV)
    GameArcade,       // 游艺娱乐场所/电子游艺
    Bookshop,         // 出版物零售(书店)
    AudioVideoRetail, // 音像制品零售
    PrintShop,        // 印刷复印(打印店)
    PerformanceVenue, // 演出场所
}

/// <summary>Licence status 证照状态.</summary>
public enum LicenseStatus
{
    Licensed,   // 持证
    Unlicensed, // 无证无照
    Suspended,  // 停业整顿
    Revoked,    // 吊销
    Closed,     // 注销
}

public static class VenueTerms
{
    public static string ChineseName(this VenueType type) => type switch
    {
        VenueType.InternetCafe => "互联网上网服务营业场所",
        VenueType.SongAndDance => "歌舞娱乐场所",
        VenueType.GameArcade => "游艺娱乐场所",
        VenueType.Bookshop => "出版物零售",
        VenueType.AudioVideoRetail => "音像制品零售",
        VenueType.PrintShop => "印刷复印",
        VenueType.PerformanceVenue => "演出场所",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static string ChineseName(this LicenseStatus status) => status switch
    {
        LicenseStatus.Licensed => "持证",
        LicenseStatus.Unlicensed => "无证无照",
        LicenseStatus.Suspended => "停业整顿",
        LicenseStatus.Revoked => "吊销",
        LicenseStatus.Closed => "注销",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>Statuses under which a venue holds (or held) a licence, so a licence number is required.</summary>
    public static bool RequiresLicenseNumber(this LicenseStatus status) =>
        status is LicenseStatus.Licensed or LicenseStatus.Suspended;
}
