using Inspections.Core.Features.Inspections;
using Inspections.Core.Features.OfficeWork;
using Inspections.Domain.Venues;

namespace Inspections.Api.Demo;

/// <summary>
/// The office's own work of each half-year, as the 篇3 district reports it: legal trainings for venue owners
/// (开展……培训5次), publicity events (组织举办……宣传5次, one of them the town station's), a reply to the district
/// head's mailbox (回复区长信箱1件), two petition letters accepted and answered (回复群众信访函2件), and a black
/// internet café raid in a 打击黑网吧 action where the station confiscates computers (收缴电脑12台). Only what has
/// happened by today is recorded; the current half has a mailbox letter still waiting for its reply.
/// </summary>
internal sealed partial class DemoStory
{
    private static readonly (int Month, int Day, string Subject, VenueType[] Types, int Attendees, string Place)[] Trainings =
    [
        (0, 20, "《互联网上网服务营业场所管理条例》培训", [VenueType.InternetCafe], 62, "区文化馆三楼会议室"),
        (1, 18, "《娱乐场所管理条例》及消防安全培训", [VenueType.SongAndDance, VenueType.GameArcade], 48, "区文化馆三楼会议室"),
        (2, 14, "出版物、音像制品经营法规培训", [VenueType.Bookshop, VenueType.AudioVideoRetail], 35, "区政务服务中心会议室"),
        (3, 16, "印刷复印经营法规培训", [VenueType.PrintShop], 27, "区政务服务中心会议室"),
        (4, 12, "营业性演出管理法规培训", [VenueType.PerformanceVenue, VenueType.SongAndDance], 31, "区文化馆多功能厅"),
    ];

    private static readonly (int Month, int Day, string Subject, string Place, string Form, bool Station)[] PublicityEvents =
    [
        (0, 25, "“扫黄打非”进社区宣传", "柳城街道光华社区广场", "展板、发放宣传资料", true),
        (1, 10, "“平安文化市场”法律法规宣传", "温江区文化广场", "咨询台、发放宣传资料", false),
        (2, 23, "世界读书日暨保护知识产权宣传", "温江区新华书店门前", "展板、现场咨询", false),
        (3, 20, "未成年人保护法律法规宣传", "温江区第二中学", "讲座", false),
        (4, 8, "文化市场安全生产宣传", "温江区凤凰北大街", "宣传车、发放宣传资料", false),
    ];

    private void PlanOfficeWork()
    {
        PlanOpenLetter();
        foreach (var half in new[] { PreviousStart, CurrentStart })
        {
            DateOnly Day(int month, int day) => _cal.OnOrAfter(half.AddMonths(month).AddDays(day - 1));
            bool Past(DateOnly day) => day < Today;

            foreach (var t in Trainings)
            {
                var day = Day(t.Month, t.Day);
                if (!Past(day)) continue;
                _time.At(_cal.At(day, 17, 0), $"法律法规培训 {t.Subject}", () => _send.Do(DemoPeople.ZhangWei, new RecordTraining.Command
                {
                    HeldOn = day, Subject = t.Subject, VenueTypes = t.Types.Select(x => (string?)Core.Common.Wire.Name(x)).ToList(),
                    Attendees = t.Attendees, Place = t.Place,
                }));
            }
            foreach (var p in PublicityEvents)
            {
                var day = Day(p.Month, p.Day);
                if (!Past(day)) continue;
                _time.At(_cal.At(day, 17, 30), $"法律法规宣传 {p.Subject}", () => _send.Do(p.Station ? DemoPeople.XuMing : DemoPeople.LiNa, new RecordPublicity.Command
                {
                    HeldOn = day, Subject = p.Subject, Place = p.Place, Form = p.Form,
                }));
            }

            // The district head's mailbox: received, replied within the limit.
            var mailboxDay = Day(2, 3);
            if (Past(mailboxDay))
            {
                var replyDay = _cal.AddWorkdays(mailboxDay, 6);
                var letter = new LetterState();
                _time.At(_cal.At(mailboxDay, 9, 30), "区长信箱来信", async () => letter.Took(await _send.Do(DemoPeople.LiuYang, new RecordLetter.Command
                {
                    Kind = "mailbox", ReceivedOn = mailboxDay, Subject = "反映某网吧深夜噪音扰民", Sender = "市民张先生",
                    Content = "小区楼下网吧通宵营业，夜间噪音大，希望有关部门查处。",
                })));
                if (Past(replyDay))
                    _time.At(_cal.At(replyDay, 16, 0), "回复区长信箱", async () => letter.Took(await _send.Do(DemoPeople.LiuYang, new ReplyToLetter.Command
                    {
                        Id = letter.Id, RepliedOn = replyDay, Version = letter.Version,
                        Text = "经执法人员现场核查，该网吧已按要求落实隔音措施并调整营业时间，我队将持续跟踪检查。感谢您的监督。",
                    })));
            }

            // Two petition letters: each told within 15 days that it is accepted, answered within 60 of that.
            foreach (var (month, day, subject, sender) in new[] { (1, 8, "举报黑网吧接纳未成年人", "匿名"), (3, 11, "反映歌舞娱乐场所超时经营", "市民李女士") })
            {
                var received = Day(month, day);
                if (!Past(received)) continue;
                var accepted = _cal.AddWorkdays(received, 3);
                var replied = _cal.AddWorkdays(accepted, 15);
                var letter = new LetterState();
                _time.At(_cal.At(received, 10, 0), $"群众信访函 {subject}", async () => letter.Took(await _send.Do(DemoPeople.ZhaoLei, new RecordLetter.Command
                {
                    Kind = "petition", ReceivedOn = received, Subject = subject, Sender = sender,
                })));
                if (Past(accepted))
                    _time.At(_cal.At(accepted, 15, 0), $"告知受理 {subject}", async () => letter.Took(await _send.Do(DemoPeople.ZhaoLei, new AcceptLetter.Command
                    {
                        Id = letter.Id, AcceptedOn = accepted, Version = letter.Version,
                    })));
                if (Past(replied))
                    _time.At(_cal.At(replied, 15, 0), $"答复信访 {subject}", async () => letter.Took(await _send.Do(DemoPeople.ZhaoLei, new ReplyToLetter.Command
                    {
                        Id = letter.Id, RepliedOn = replied, Version = letter.Version,
                        Text = "经调查核实，对反映的问题已依法查处并责令整改，处理结果已书面告知。",
                    })));
            }

            // A 打击黑网吧 action in the half's last month: the station raids a black internet café and confiscates its computers.
            var actionStart = Day(5, 1);
            if (Past(actionStart))
            {
                var raid = _cal.AddWorkdays(actionStart, 6);
                Guid? campaign = null;
                var name = $"{half.Year}年{(half.Month == 1 ? "上半年" : "下半年")}打击黑网吧专项行动";
                _time.At(_cal.At(_cal.AddWorkdays(actionStart, -2), 16, 30), $"创建专项行动 {name}", async () =>
                    campaign = (await _send.Do(DemoPeople.LiuYang, new CreateSpecialCampaign.Command
                    {
                        Name = name, Description = "联合公安、市场监管等部门，集中打击无证经营互联网上网服务的“黑网吧”。",
                        StartsOn = actionStart, EndsOn = half.AddMonths(6).AddDays(-1),
                    })).Id);
                if (Past(raid))
                    _time.At(_cal.At(raid, 21, 0), "乡镇文化站收缴黑网吧电脑", () => _send.Do(DemoPeople.XuMing, new RecordSeizure.Command
                    {
                        SeizedOn = raid, Action = "confiscated", Item = "电脑", Quantity = 12, Unit = "台", CampaignId = campaign,
                        Note = "会同区执法大队取缔居民楼内无证经营黑网吧一家。",
                    }));
            }
        }
    }

    /// <summary>A mailbox letter received last week and still waiting for its reply: its clock runs on the dashboard's calendar.</summary>
    private void PlanOpenLetter()
    {
        var received = _cal.AddWorkdays(Today, -5);
        _time.At(_cal.At(received, 11, 0), "区长信箱来信（待回复）", () => _send.Do(DemoPeople.LiuYang, new RecordLetter.Command
        {
            Kind = "mailbox", ReceivedOn = received, Subject = "咨询开办书店需要办理哪些许可", Sender = "市民王先生",
        }));
    }

    /// <summary>A letter of the story once recorded: its id and the version its next step sends.</summary>
    private sealed class LetterState
    {
        public Guid Id { get; private set; }
        public long Version { get; private set; }

        public void Took(LetterDto letter) => (Id, Version) = (letter.Id, letter.Version);
    }
}
