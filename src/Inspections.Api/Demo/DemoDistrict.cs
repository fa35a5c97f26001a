using Inspections.Domain.Venues;

namespace Inspections.Api.Demo;

/// <summary>
/// The names, places and numbers of the demo district 温江区 (510115): streets, shop names of each
/// kind, people, companies, credit codes with their check character. Every name is made up from
/// parts, so no real business is named.
/// </summary>
internal sealed class DemoDistrict(Random random)
{
    public const string Code = "510115";
    public const string City = "510100";
    /// <summary>柳城街道, the district's central street, whose culture station 文化站 has two officers in the demo.</summary>
    public const string Station = "510115001";

    /// <summary>The town or street 乡镇（街道） a street of the district runs through; streets not listed are registered at district level.</summary>
    private static readonly Dictionary<string, string> TownOf = new()
    {
        ["柳城大道"] = "510115001", ["东大街"] = "510115001", ["西大街"] = "510115001", ["文化路"] = "510115001",
        ["凤凰北大街"] = "510115001", ["凤凰中路"] = "510115001", ["麻市街"] = "510115001", ["人和路"] = "510115001",
        ["公平街"] = "510115002", ["光华大道三段"] = "510115002", ["德通桥路"] = "510115002",
        ["天府路"] = "510115003", ["芙蓉大道"] = "510115003", ["海科路"] = "510115003",
        ["涌泉街"] = "510115004", ["光华公园路"] = "510115004", ["江安路"] = "510115004",
        ["金马河路"] = "510115005", ["永宁路"] = "510115006",
        ["万春东路"] = "510115103", ["万盛南街"] = "510115103",
    };

    private static readonly string[] Streets =
    [
        "柳城大道", "光华大道三段", "凤凰北大街", "凤凰中路", "德通桥路", "南熏大道", "杨柳东路", "杨柳西路", "江安路",
        "学府路", "万春东路", "天府路", "芙蓉大道", "海科路", "永宁路", "金马河路", "公平街", "文化路", "东大街",
        "西大街", "鱼凫路", "涌泉街", "柳台大道", "锦绣大道", "花土路", "光华公园路", "万盛南街", "康桥街", "红桥路",
        "政通路", "麻市街", "新华大道", "人和路", "踏水桥路", "青啤大道",
    ];

    private static readonly string[] Buildings =
    [
        "", "", "", "", "附", "2楼", "3楼", "负一楼", "1栋1楼", "商业街", "临街铺面",
    ];

    private static readonly string[] Surnames =
    [
        "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林",
        "罗", "高", "郑", "梁", "谢", "宋", "唐", "许", "邓", "冯", "韩", "曹", "曾", "彭", "萧", "蔡", "潘", "田",
        "董", "袁", "于", "余", "叶", "蒋", "杜", "苏", "魏", "程", "吕", "丁", "沈", "任", "姚", "卢", "傅", "钟",
    ];

    private static readonly string[] GivenNames =
    [
        "建华", "秀英", "志强", "丽娟", "海燕", "国强", "春梅", "永红", "明", "静", "磊", "洋", "勇", "艳", "杰",
        "娟", "涛", "超", "霞", "平", "刚", "桂英", "玉兰", "德华", "文斌", "晓东", "红梅", "小龙", "俊杰", "雪梅",
        "家豪", "子涵", "浩然", "欣怡", "宇航", "思远", "雨婷", "建国", "宏伟", "金凤", "成刚", "佳琪", "天宇",
    ];

    private static readonly string[] CompanyWords =
    [
        "锦程", "鑫源", "博雅", "天成", "华泰", "蓉兴", "金禾", "汇丰源", "明晨", "立信", "众诚", "恒通", "星耀",
        "凯越", "和润", "嘉禾", "瑞丰", "青柠", "光合", "乐享", "万象", "润泽", "新锐", "柳江", "鱼凫", "金马",
    ];

    private static readonly Dictionary<VenueType, (string[] Brands, string[] Suffixes, string Business)> Shops = new()
    {
        [VenueType.InternetCafe] = (
            ["星空", "极速", "蓝海", "飞扬", "零点", "酷玩", "启航", "聚星", "风暴", "雷霆", "游侠", "凌云", "火焰", "指尖",
             "黑马", "超越", "竞界", "宸星", "悦动", "光速", "银河", "奇点", "网域", "战旗", "联盟", "时空", "逐鹿", "天梯"],
            ["网咖", "网吧", "电竞馆", "网络会所"], "网络科技有限公司"),
        [VenueType.SongAndDance] = (
            ["金曲", "欢乐颂", "声临其境", "乐派", "星光", "金嗓子", "唱响", "悦声", "音浪", "麦霸", "红磨坊", "夜色", "天籁"],
            ["KTV", "量贩KTV", "歌城", "音乐会所"], "娱乐有限公司"),
        [VenueType.GameArcade] = (
            ["欢乐谷", "星际", "奇趣", "童梦", "电玩部落", "酷乐", "玩家联盟", "梦工坊", "宝贝王国", "次元"],
            ["电玩城", "游艺城", "动漫游戏城"], "游艺有限公司"),
        [VenueType.Bookshop] = (
            ["博文", "求知", "启明", "知行", "文华", "墨香", "书香门第", "学海", "鸿文", "晨读", "柳城", "凤凰", "新知",
             "育才", "状元", "尚学", "一页", "青藤", "半山", "拾光"],
            ["书店", "书屋", "图书", "文具书店", "书城"], "文化传播有限公司"),
        [VenueType.AudioVideoRetail] = (
            ["天籁", "百灵", "东方", "声海", "乐友", "华音", "金碟", "妙音", "旋律", "留声"],
            ["音像店", "音像制品经营部", "影音"], "音像制品经营部"),
        [VenueType.PrintShop] = (
            ["快易", "速达", "金马", "学府", "博雅", "诚信", "鑫源", "明晨", "立信", "汇文", "彩虹", "精彩", "蓝图",
             "印象", "秒印", "图腾", "墨点", "一印", "方正", "百通"],
            ["图文", "打印复印店", "快印", "图文广告", "印务"], "图文设计有限公司"),
        [VenueType.PerformanceVenue] = (
            ["鱼凫", "光华", "柳城", "金马河", "凤凰", "北林绿道", "江安河", "万春"],
            ["大剧院", "演艺中心", "音乐现场", "小剧场"], "演艺有限公司"),
    };

    private readonly HashSet<string> _used = [];

    public string Person() => Pick(Surnames) + Pick(GivenNames);

    /// <summary>An address, and the town or street whose register it belongs to (the district's when the street is not listed).</summary>
    public (string Address, string Jurisdiction) Address()
    {
        var street = Pick(Streets);
        return ($"成都市温江区{street}{random.Next(1, 480)}号{Pick(Buildings)}", TownOf.GetValueOrDefault(street, Code));
    }

    public string Phone() => random.Next(3) == 0
        ? $"028-8{random.Next(2000000, 9999999)}"
        : $"1{Pick(["35", "38", "39", "51", "58", "77", "80", "86", "89"])}{random.Next(10000000, 99999999)}";

    /// <summary>A shop name of the kind not used before in the district.</summary>
    public string ShopName(VenueType type)
    {
        var (brands, suffixes, _) = Shops[type];
        for (var attempt = 0; ; attempt++)
        {
            var name = Pick(brands) + Pick(suffixes);
            if (attempt > 20) name = Pick(["温江", "柳城", "光华", "万春", "公平"]) + name;
            if (attempt > 40) name += $"（{Pick(Streets)}店）";
            if (_used.Add(name)) return name;
        }
    }

    /// <summary>The operator: a small company, or an individual business 个体工商户 named after the shop.</summary>
    public (string Operator, bool Company) Operator(VenueType type, string shopName)
    {
        if (type is VenueType.AudioVideoRetail || (type is VenueType.PrintShop or VenueType.Bookshop && random.Next(2) == 0))
            return ($"温江区{shopName}（个体工商户）", false);
        return ($"成都{Pick(CompanyWords)}{Shops[type].Business}", true);
    }

    /// <summary>统一社会信用代码: 91 (enterprise) or 92 (individual business), the district's code, nine characters, the check character.</summary>
    public string CreditCode(bool company)
    {
        const string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        var body = (company ? "91" : "92") + Code + string.Concat(Enumerable.Range(0, 8).Select(_ => alphabet[random.Next(alphabet.Length)]))
            + alphabet[random.Next(10)];
        return body + UnifiedSocialCreditCode.CheckCharacter(body)!.Value;
    }

    public string LicenseNumber(VenueType type, int year, int sequence) => type switch
    {
        VenueType.InternetCafe => $"川网文〔{year}〕{sequence:0000}号",
        VenueType.SongAndDance or VenueType.GameArcade => $"娱经{Code}{year}{sequence:0000}",
        VenueType.Bookshop or VenueType.AudioVideoRetail => $"新出发温零字第{year}{sequence:000}号",
        VenueType.PrintShop => $"川印证字第{Code}{sequence:0000}号",
        VenueType.PerformanceVenue => $"温文演场备〔{year}〕{sequence:000}号",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
