using Inspections.Domain.Access;

namespace Inspections.Api.Demo;

/// <summary>
/// The people of the demo: the district's enforcement brigade 执法大队 and permit window 窗口, its
/// section head and administrator, a supervisor of the city above and an officer of a town's culture
/// station. Login names follow the users contract (lowercase ASCII), so the same ids appear as officer,
/// clerk and holder ids in every record.
/// </summary>
internal static class DemoPeople
{
    public static readonly DemoUser ZhangWei = new("zhangwei", "张伟", Roles.Officer, DemoDistrict.Code, "执法大队执法人员", "51011520001");
    public static readonly DemoUser LiNa = new("lina", "李娜", Roles.Officer, DemoDistrict.Code, "执法大队执法人员", "51011520002");
    public static readonly DemoUser WangQiang = new("wangqiang", "王强", Roles.Officer, DemoDistrict.Code, "执法大队执法人员", "51011520003");
    public static readonly DemoUser ZhaoLei = new("zhaolei", "赵磊", Roles.Officer, DemoDistrict.Code, "执法大队执法人员", "51011520004");
    public static readonly DemoUser WangFang = new("wangfang", "王芳", Roles.Clerk, DemoDistrict.Code, "政务服务中心文化窗口");
    public static readonly DemoUser ZhouJie = new("zhoujie", "周杰", Roles.Clerk, DemoDistrict.Code, "政务服务中心文化窗口");
    public static readonly DemoUser LiuYang = new("liuyang", "刘洋", Roles.Supervisor, DemoDistrict.Code, "执法大队大队长");
    public static readonly DemoUser ChenJing = new("chenjing", "陈静", Roles.Admin, DemoDistrict.Code, "系统管理员");
    public static readonly DemoUser HuangMin = new("huangmin", "黄敏", Roles.Supervisor, DemoDistrict.City, "成都市文化市场综合行政执法总队");
    public static readonly DemoUser SunLi = new("sunli", "孙丽", Roles.Admin, DemoDistrict.City, "成都市文化市场综合行政执法总队系统管理员");
    public static readonly DemoUser XuMing = new("xuming", "徐明", Roles.Officer, DemoDistrict.Station, "柳城街道文化站", "51011520101");
    public static readonly DemoUser TangJie = new("tangjie", "唐杰", Roles.Officer, DemoDistrict.Station, "柳城街道文化站", "51011520102");

    public static readonly IReadOnlyList<DemoUser> Officers = [ZhangWei, LiNa, WangQiang, ZhaoLei];
    public static readonly IReadOnlyList<DemoUser> Clerks = [WangFang, ZhouJie];

    /// <summary>Everyone, in the order the table printed at the end lists them.</summary>
    public static readonly IReadOnlyList<DemoUser> All =
        [ZhangWei, LiNa, WangQiang, ZhaoLei, WangFang, ZhouJie, LiuYang, ChenJing, HuangMin, SunLi, XuMing, TangJie];
}
