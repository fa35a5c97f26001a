using Inspections.Core.Common;
using Inspections.Core.Features.Inspections;
using Inspections.Domain.Inspections;
using Inspections.Domain.Venues;

namespace Inspections.Api.Demo;

internal sealed partial class DemoStory
{
    /// <summary>What an inspection found and how it ended; a plan becomes one RecordInspection request.</summary>
    private sealed record InspectionPlan
    {
        public required Venue Venue { get; init; }
        public InspectionKind Kind { get; init; } = InspectionKind.Routine;
        public required DateTimeOffset Start { get; init; }
        public int Minutes { get; init; } = 40;
        public required DemoUser First { get; init; }
        public required DemoUser Second { get; init; }
        public IReadOnlyList<string> Violations { get; init; } = [];
        public InspectionOutcome Outcome { get; init; } = InspectionOutcome.Compliant;
        public Guid? CampaignId { get; init; }
        public Guid? DrawId { get; init; }
        public IReadOnlyList<JointDepartment>? Joint { get; init; }
        public string? ComplaintReference { get; init; }
        public int NoticeDays { get; init; } = 15;
        public string? CaseLead { get; init; }
        public string? ReferTo { get; init; }
        public IReadOnlyList<RecordInspection.Seizure>? Seizures { get; init; }
        public bool Closed { get; init; }
        public string? Notes { get; init; }
        /// <summary>No follow-up check is planned (the notice stays open, or is left for a special purpose).</summary>
        public bool NoFollowUp { get; init; }
        public Action<InspectionDto>? Then { get; init; }
    }

    /// <summary>What officers write for a violated item (counts vary), and how the notice says to put it right.</summary>
    private string Finding(string item, bool unlicensed = false) => item switch
    {
        "IC-LIC" when unlicensed => $"未取得《网络文化经营许可证》擅自从事互联网上网服务经营活动，现场有电脑 {_rng.Next(8, 30)} 台",
        "IC-LIC" => "未在显著位置悬挂《网络文化经营许可证》",
        "IC-MINOR" => $"现场发现 {_rng.Next(1, 5)} 名未成年人上网，经询问为附近中学学生",
        "IC-SIGN" => "入口处未悬挂未成年人禁入标志",
        "IC-HOURS" => $"凌晨 {_rng.Next(0, 3)} 时仍在营业，现场有 {_rng.Next(3, 20)} 名消费者上网",
        "IC-ID" => $"抽查上网终端 20 台，有 {_rng.Next(2, 6)} 名消费者未登记有效身份证件上网",
        "IC-CONTENT" => "个别终端可运行含禁止内容的网络游戏",
        "IC-FIRE" => "安全出口被杂物堵塞，吧台附近有人吸烟",
        "KTV-LIC" when unlicensed => "未取得《娱乐经营许可证》擅自从事歌舞娱乐经营活动",
        "KTV-LIC" => "未在显著位置悬挂《娱乐经营许可证》",
        "KTV-CONTENT" => $"点歌系统中含有禁止内容的曲目 {_rng.Next(2, 12)} 首",
        "KTV-HOURS" => "凌晨 3 时仍在营业",
        "KTV-DOORS" => $"{_rng.Next(2, 6)} 个包厢门窗被遮挡，无法展现室内整体环境",
        "KTV-MINOR" => $"包厢内发现 {_rng.Next(2, 6)} 名未成年人",
        "KTV-SIGNS" => "大厅未悬挂禁毒、禁赌、禁止卖淫嫖娼警示标志",
        "KTV-FIRE" => "疏散指示标志被装饰物遮挡",
        "GA-LIC" when unlicensed => "未取得《娱乐经营许可证》擅自从事游艺娱乐经营活动",
        "GA-LIC" => "未在显著位置悬挂《娱乐经营许可证》",
        "GA-GAMBLE" => $"现场有 {_rng.Next(3, 9)} 台游戏机可押分、退币，具有赌博功能",
        "GA-MINOR" => "非法定节假日向未成年人提供电子游戏机",
        "GA-HOURS" => "凌晨 2 时后仍在营业",
        "GA-FIRE" => "一处安全出口锁闭",
        "BK-LIC" => "《出版物经营许可证》未悬挂于显著位置",
        "BK-ILLEGAL" => $"现场查见疑似盗版教辅图书 {_rng.Next(40, 400)} 册",
        "BK-SOURCE" => "部分图书不能提供进货凭证",
        "BK-FIRE" => "灭火器已过有效期",
        "AV-LIC" => "《出版物经营许可证》未悬挂于显著位置",
        "AV-ILLEGAL" => $"现场查见疑似盗版光盘 {_rng.Next(50, 500)} 张",
        "AV-SOURCE" => "部分音像制品不能提供进货凭证",
        "AV-FIRE" => "灭火器已过有效期",
        "PR-LIC" when unlicensed => "未取得《印刷经营许可证》擅自从事打印复印经营活动",
        "PR-LIC" => "未在显著位置悬挂《印刷经营许可证》",
        "PR-CONTENT" => "承印的宣传单内容涉嫌违法",
        "PR-REGISTER" => "未按规定登记承接的印刷业务，未留存印刷品样本",
        "PR-FIRE" => "纸张堆放堵塞疏散通道",
        "PV-FILING" => "当晚演出节目与备案内容不一致",
        "PV-CONTENT" => "演出中有低俗表演内容",
        "PV-TICKETS" => "售票数量超过核准观众人数",
        "PV-FIRE" => "未制定应急疏散预案",
        _ => "检查发现不符合要求",
    };

    private static string Remedy(string item) => item.Split('-')[1] switch
    {
        "LIC" => "在经营场所显著位置悬挂许可证件",
        "SIGN" or "SIGNS" => "在入口及大厅显著位置悬挂规定的警示、禁入标志",
        "FIRE" => "清理安全出口及疏散通道，更换过期消防器材，落实禁烟措施",
        "ID" => "严格落实上网消费者实名登记制度，逐一核对有效身份证件",
        "DOORS" => "拆除包厢门窗遮挡物，安装透明门窗",
        "SOURCE" => "完善进销货台账，补齐进货凭证",
        "REGISTER" => "建立承印业务登记制度，按规定留存印刷品样本",
        "TICKETS" => "按核准人数售票，加强现场人员管控",
        "HOURS" => "严格遵守规定的营业时间",
        _ => "按检查表要求全面整改",
    };

    /// <summary>Items a routine check finds wrong without it becoming a case: signs, licences on the wall, fire exits, ledgers.</summary>
    private static bool Minor(string item) =>
        item.Split('-')[1] is "LIC" or "SIGN" or "SIGNS" or "FIRE" or "DOORS" or "SOURCE" or "REGISTER" or "TICKETS" or "ID";

    private static readonly string[] FireDepartment = ["温江区消防救援大队"];

    /// <summary>A routine finding: mostly nothing; otherwise one or two minor items, put right on the spot, by notice, or referred.</summary>
    private InspectionPlan Routine(Venue venue, DateTimeOffset start, DemoUser first, DemoUser second, double violationRate = 0.25)
    {
        var plan = new InspectionPlan { Venue = venue, Start = start, First = first, Second = second, Minutes = _rng.Next(25, 70) };
        if (!Chance(violationRate)) return plan;
        var minor = _checklists[venue.Type].Items.Select(i => i.Code).Where(Minor).ToList();
        var found = new List<string> { Pick(minor) };
        if (Chance(0.2)) found.Add(Pick(minor));
        found = found.Distinct().ToList();
        if (found.Any(i => i.EndsWith("-FIRE", StringComparison.Ordinal)) && Chance(0.35))
            return plan with { Violations = found, Outcome = InspectionOutcome.Referral, ReferTo = FireDepartment[0] };
        return Chance(0.5)
            ? plan with { Violations = found, Outcome = InspectionOutcome.CorrectedOnSpot }
            : plan with { Violations = found, Outcome = InspectionOutcome.RectificationNotice, NoticeDays = Pick(new[] { 7, 10, 15, 15, 30 }) };
    }

    private static readonly (double Lat, double Lon) Centre = (30.6826, 103.8566);

    /// <summary>Records the inspection as its first officer, attaches the photos taken, and plans the notice's follow-up check.</summary>
    private async Task<InspectionDto> RecordAsync(InspectionPlan plan)
    {
        var violations = plan.Violations.ToDictionary(i => i, i => Finding(i, plan.Venue.Status == LicenseStatus.Unlicensed));
        var checklist = _checklists[plan.Venue.Type];
        var start = plan.Start;
        var command = new RecordInspection.Command
        {
            VenueId = plan.Venue.Id,
            Kind = Wire.Name(plan.Kind),
            CampaignId = plan.CampaignId,
            DrawId = plan.DrawId,
            JointDepartments = plan.Joint?.Select(d => Wire.Name(d)).ToList(),
            ComplaintReference = plan.ComplaintReference,
            StartedAt = start,
            EndedAt = start.AddMinutes(plan.Minutes),
            Officers = [Officer(plan.First), Officer(plan.Second)],
            Location = plan.Venue.Address,
            Latitude = Math.Round(Centre.Lat + (_rng.NextDouble() - 0.5) * 0.08, 6),
            Longitude = Math.Round(Centre.Lon + (_rng.NextDouble() - 0.5) * 0.1, 6),
            Results = checklist.Items.Select(i => violations.TryGetValue(i.Code, out var note)
                ? new RecordInspection.Answer(i.Code, Wire.Name(ItemResult.Violation), note)
                : new RecordInspection.Answer(i.Code, Wire.Name(ItemResult.Compliant), null)).ToList(),
            Notes = plan.Notes ?? (violations.Count == 0 ? "经营秩序正常，未发现违规经营行为。" : "已当场向经营者指出问题，制作现场检查笔录。"),
            Outcome = Wire.Name(plan.Outcome),
            Rectification = plan.Outcome == InspectionOutcome.RectificationNotice
                ? new RecordInspection.Rectification(null, plan.NoticeDays,
                    $"自收到本通知之日起 {plan.NoticeDays} 日内整改：{string.Join("；", plan.Violations.Select(Remedy))}。")
                : null,
            CaseLeadDescription = plan.CaseLead,
            Referral = plan.ReferTo is { } to ? new RecordInspection.Referral(to, "发现的问题属该部门职责，移送依法处理。") : null,
            Seizures = plan.Seizures,
            VenueClosed = plan.Closed ? true : null,
        };
        var dto = await _send.Do(plan.First, command);

        // Photos: of every violation, and now and then of a compliant scene; a scan of the notice served.
        foreach (var (item, note) in violations.Take(2))
        {
            _time.Tick(40);
            await Upload(plan.First, dto.Id, DemoPhotos.Jpeg(_rng.Next()), $"IMG_{_rng.Next(1000, 9999)}.jpg", item, $"现场照片：{note}");
        }
        if (violations.Count == 0 && Chance(0.3))
        {
            _time.Tick(40);
            await Upload(plan.First, dto.Id, DemoPhotos.Jpeg(_rng.Next()), $"IMG_{_rng.Next(1000, 9999)}.jpg", null, "检查现场全景");
        }
        if (plan.Outcome == InspectionOutcome.RectificationNotice)
        {
            _time.Tick(40);
            await Upload(plan.First, dto.Id, DemoPhotos.Png(_rng.Next()), "责令整改通知书.png", null, "责令整改通知书及送达回证（扫描件）");
            if (!plan.NoFollowUp) PlanFollowUp(plan, dto);
        }
        plan.Then?.Invoke(dto);
        return dto;
    }

    /// <summary>Plans an inspection starting at <paramref name="start"/>: it is recorded when the officers are back, after it ended.</summary>
    private void Inspect(DateTimeOffset start, string what, Func<Task> record) => _time.At(start.AddMinutes(RecordDelayMinutes), what, record);

    /// <summary>No inspection of the story lasts longer than this, so the record never ends in the future.</summary>
    private const int RecordDelayMinutes = 100;

    private static RecordInspection.Officer Officer(DemoUser officer) => new(officer.Id, officer.Name, officer.CredentialNumber);

    private async Task Upload(DemoUser officer, Guid inspection, byte[] content, string fileName, string? item, string caption) =>
        await _send.Do(officer, new UploadEvidence.Command
        {
            InspectionId = inspection, Content = content, FileName = fileName, ItemCode = item, Caption = caption,
        });

    /// <summary>
    /// The follow-up check 整改复查, on the due date or a few working days after: most venues have put it
    /// right, a few have not. A check that would fall after today has not happened: the notice is open.
    /// </summary>
    private void PlanFollowUp(InspectionPlan plan, InspectionDto notice)
    {
        var due = notice.RectificationDueOn!.Value;
        var day = _cal.AddWorkdays(_cal.OnOrAfter(due), Chance(0.7) ? 0 : _rng.Next(1, 3));
        var rectified = Chance(0.88);
        var officer = plan.First;
        _time.At(_cal.At(day, 14, 30), $"整改复查 {plan.Venue.Name}", async () =>
        {
            await _send.Do(officer, new CheckRectification.Command
            {
                InspectionId = notice.Id, Version = notice.Version, CheckedOn = day,
                Result = rectified ? CheckRectification.Rectified : CheckRectification.NotRectified,
                Note = rectified ? "经复查，已按要求整改到位。" : "经复查，仍未整改到位，已再次责令改正并拟依法查处。",
            });
        });
    }

    // ---- the daily round -----------------------------------------------------------------------------

    private static readonly VenueType[] NightTypes = [VenueType.InternetCafe, VenueType.InternetCafe, VenueType.SongAndDance, VenueType.GameArcade];

    /// <summary>
    /// A year of ordinary work: routine checks on working days, night checks of internet cafés and KTVs
    /// on Friday nights, checks on the first days of long holidays, complaint checks 举报核查 and joint
    /// checks 联合检查 with other departments every few weeks.
    /// </summary>
    private void PlanDailyInspections()
    {
        var lastDay = Today;
        for (var day = PreviousStart; day <= lastDay; day = day.AddDays(1))
        {
            var workday = _cal.IsWorkday(day);
            if (workday)
            {
                var count = _rng.NextDouble() switch { < 0.45 => 0, < 0.85 => 1, < 0.97 => 2, _ => 3 };
                var start = _cal.At(day, 9, 30).AddMinutes(_rng.Next(0, 4) * 30);
                for (var i = 0; i < count; i++, start = start.AddMinutes(_rng.Next(80, 150)))
                {
                    var at = start;
                    var (first, second) = Pair();
                    Inspect(at, "日常检查", async () =>
                    {
                        if (PickTrading(WeightedType()) is { } venue) await RecordAsync(Routine(venue, at, first, second));
                    });
                }
                if (day.DayOfWeek == DayOfWeek.Wednesday) PlanStationCheck(day);
                if (_rng.Next(9) == 0) PlanComplaintCheck(day);
                if (_rng.Next(14) == 0) PlanJointCheck(day);
            }
            if (day.DayOfWeek == DayOfWeek.Friday && _rng.Next(2) == 0) PlanNightCheck(day);
            if (_cal.Calendar.IsHoliday(day) && !_cal.Calendar.IsHoliday(day.AddDays(-1)) && _cal.Calendar.IsHoliday(day.AddDays(2)))
                PlanHolidayCheck(day);
        }
    }

    private VenueType WeightedType() => _rng.Next(100) switch
    {
        < 32 => VenueType.InternetCafe,
        < 46 => VenueType.SongAndDance,
        < 54 => VenueType.GameArcade,
        < 67 => VenueType.Bookshop,
        < 73 => VenueType.AudioVideoRetail,
        < 94 => VenueType.PrintShop,
        _ => VenueType.PerformanceVenue,
    };

    private void PlanNightCheck(DateOnly friday)
    {
        var (first, second) = Pair();
        var start = _cal.At(friday, 22, 0);
        for (var i = _rng.Next(2, 4); i > 0; i--, start = start.AddMinutes(_rng.Next(50, 80)))
        {
            var at = start;
            Inspect(at, "夜间检查", async () =>
            {
                if (PickTrading(NightTypes[_rng.Next(NightTypes.Length)]) is not { } venue) return;
                await RecordAsync(Routine(venue, at, first, second, violationRate: 0.35) with
                {
                    Minutes = _rng.Next(20, 45),
                    Notes = "夜间巡查，重点检查接纳未成年人、营业时间及实名登记情况。",
                });
            });
        }
    }

    private void PlanHolidayCheck(DateOnly day)
    {
        var name = _cal.Calendar.NameOf(day) ?? "节假日";
        var (first, second) = Pair();
        var start = _cal.At(day, 14, 0);
        for (var i = 0; i < 3; i++, start = start.AddMinutes(70))
        {
            var at = start;
            Inspect(at, $"{name}假期检查", async () =>
            {
                if (PickTrading(VenueType.InternetCafe, VenueType.SongAndDance, VenueType.GameArcade, VenueType.PerformanceVenue) is not { } venue)
                    return;
                await RecordAsync(Routine(venue, at, first, second) with { Notes = $"{name}假期文化市场安全检查，重点检查消防安全与未成年人保护。" });
            });
        }
    }

    /// <summary>The street's culture station 文化站 checks venues on its own register on Wednesday afternoons.</summary>
    private void PlanStationCheck(DateOnly day)
    {
        var start = _cal.At(day, 14, 30);
        for (var i = _rng.Next(0, 3); i > 0; i--, start = start.AddMinutes(80))
        {
            var at = start;
            Inspect(at, "文化站日常检查", async () =>
            {
                if (PickTradingIn(DemoDistrict.Station) is not { } venue) return;
                await RecordAsync(Routine(venue, at, DemoPeople.XuMing, DemoPeople.TangJie) with
                {
                    Notes = "柳城街道文化站日常巡查。",
                });
            });
        }
    }

    private int _complaintSequence = 100;

    private string ComplaintReference(DateOnly day) => $"12345-{day:yyyyMM}{++_complaintSequence:0000}";

    /// <summary>A complaint checked 举报核查: often unfounded, sometimes a minor problem put right.</summary>
    private void PlanComplaintCheck(DateOnly day)
    {
        var (first, second) = Pair();
        var at = _cal.At(day, 15, 0);
        var reference = ComplaintReference(day);
        Inspect(at, "举报核查", async () =>
        {
            if (PickTrading(VenueType.InternetCafe, VenueType.SongAndDance, VenueType.PrintShop, VenueType.Bookshop) is not { } venue) return;
            var plan = Routine(venue, at, first, second, violationRate: 0.45);
            await RecordAsync(plan with
            {
                Kind = InspectionKind.Complaint,
                ComplaintReference = reference,
                Notes = plan.Violations.Count == 0
                    ? $"根据市民热线 {reference} 反映情况进行核查，未发现举报所称问题，已向举报人反馈。"
                    : $"根据市民热线 {reference} 反映情况进行核查，举报部分属实。",
            });
        });
    }

    private static readonly JointDepartment[][] JointTeams =
    [
        [JointDepartment.Fire, JointDepartment.Police], [JointDepartment.Commerce], [JointDepartment.Fire],
        [JointDepartment.Police, JointDepartment.Commerce], [JointDepartment.Health, JointDepartment.Fire],
    ];

    /// <summary>A joint check 联合检查 of two or three venues with the fire brigade, police or market regulator.</summary>
    private void PlanJointCheck(DateOnly day)
    {
        var team = Pick(JointTeams);
        var names = string.Join("、", team.Select(d => d.ChineseName()));
        var (first, second) = Pair();
        var start = _cal.At(day, 9, 30);
        for (var i = _rng.Next(2, 4); i > 0; i--, start = start.AddMinutes(90))
        {
            var at = start;
            Inspect(at, "联合检查", async () =>
            {
                if (PickTrading(VenueType.InternetCafe, VenueType.SongAndDance, VenueType.GameArcade, VenueType.PerformanceVenue) is not { } venue)
                    return;
                await RecordAsync(Routine(venue, at, first, second, violationRate: 0.35) with
                {
                    Kind = InspectionKind.Joint, Joint = team, Notes = $"会同{names}部门开展联合检查。",
                });
            });
        }
    }

    /// <summary>
    /// Two notices whose dates matter today: one served a few days ago that falls due within three days
    /// (due soon), and one whose follow-up check was missed (overdue), so the alerts show both kinds.
    /// </summary>
    private void PlanNoticesDueAroundToday()
    {
        // Due soon: issued four to eight days ago with a limit that ends one to three days from today.
        for (var back = 4; back <= 8; back++)
        {
            var issued = _cal.OnOrBefore(Today.AddDays(-back));
            var limit = Enumerable.Range(5, 11).FirstOrDefault(l =>
                _cal.OnOrAfter(issued.AddDays(l)) is var due && due > Today && due <= Today.AddDays(3));
            if (limit == 0) continue;
            var (first, second) = Pair();
            var at = _cal.At(issued, 10, 0);
            Inspect(at, "责令整改（即将到期）", async () =>
            {
                if (PickTrading(VenueType.InternetCafe) is not { } venue) return;
                await RecordAsync(new InspectionPlan
                {
                    Venue = venue, Start = at, First = first, Second = second, Violations = ["IC-ID"],
                    Outcome = InspectionOutcome.RectificationNotice, NoticeDays = limit, NoFollowUp = true,
                });
            });
            break;
        }

        // Overdue: a notice of a month ago whose check nobody went back for.
        var day = _cal.OnOrBefore(Today.AddDays(-30));
        var pair = Pair();
        var when = _cal.At(day, 10, 30);
        Inspect(when, "责令整改（复查逾期）", async () =>
        {
            if (PickTrading(VenueType.PrintShop, VenueType.Bookshop) is not { } venue) return;
            var item = venue.Type == VenueType.PrintShop ? "PR-REGISTER" : "BK-SOURCE";
            await RecordAsync(new InspectionPlan
            {
                Venue = venue, Start = when, First = pair.First, Second = pair.Second, Violations = [item],
                Outcome = InspectionOutcome.RectificationNotice, NoticeDays = 15, NoFollowUp = true,
            });
        });
    }
}
