using Inspections.Core.Common;
using Inspections.Core.Features.Inspections;
using Inspections.Core.Features.Permits;
using Inspections.Core.Features.Unlicensed;
using Inspections.Domain.Inspections;
using Inspections.Domain.Unlicensed;
using Inspections.Domain.Venues;

namespace Inspections.Api.Demo;

internal sealed partial class DemoStory
{
    // ---- special campaigns 专项行动 ----------------------------------------------------------------------

    /// <summary>One special campaign per half-year: around the Spring Festival in the first, the summer holidays in the second.</summary>
    private void PlanSpecialCampaigns()
    {
        foreach (var half in new[] { PreviousStart, CurrentStart })
        {
            var first = half.Month == 1;
            var starts = first ? new DateOnly(half.Year, 1, 10) : new DateOnly(half.Year, 7, 5);
            var ends = first ? new DateOnly(half.Year, 3, 10) : new DateOnly(half.Year, 8, 31);
            var name = first ? $"{half.Year}年春节前后文化市场安全专项检查行动" : $"{half.Year}年暑期未成年人上网环境专项整治行动";
            var description = first
                ? "春节、元宵期间对网吧、歌舞娱乐、游艺娱乐及演出场所开展安全生产专项检查，重点检查消防安全、营业时间和接纳未成年人情况。"
                : "暑期对网吧、游艺娱乐场所开展专项整治，严查接纳未成年人、未核对登记身份证件等违规行为。";
            VenueType[] types = first
                ? [VenueType.InternetCafe, VenueType.SongAndDance, VenueType.GameArcade, VenueType.PerformanceVenue]
                : [VenueType.InternetCafe, VenueType.InternetCafe, VenueType.GameArcade];
            Guid? campaign = null;
            _time.At(_cal.At(_cal.AddWorkdays(starts, -3), 16, 0), $"创建专项行动 {name}", async () =>
                campaign = (await _send.Do(DemoPeople.LiuYang, new CreateSpecialCampaign.Command
                {
                    Name = name, Description = description, StartsOn = starts, EndsOn = ends,
                })).Id);
            for (var day = starts; day <= ends && day <= Today; day = day.AddDays(1))
            {
                if (!_cal.IsWorkday(day) && !_cal.Calendar.IsHoliday(day)) continue;
                if (!Chance(_cal.Calendar.IsHoliday(day) ? 0.5 : 0.3)) continue;
                var (officer, partner) = Pair();
                var start = _cal.At(day, _cal.Calendar.IsHoliday(day) ? 15 : 19, 30);
                for (var i = _rng.Next(1, 3); i > 0; i--, start = start.AddMinutes(75))
                {
                    var at = start;
                    Inspect(at, $"专项行动检查 {name}", async () =>
                    {
                        if (campaign is null || PickTrading(types[_rng.Next(types.Length)]) is not { } venue) return;
                        await RecordAsync(Routine(venue, at, officer, partner, violationRate: 0.35) with
                        {
                            Kind = InspectionKind.Campaign, CampaignId = campaign, Notes = $"{name}：{description[..Math.Min(24, description.Length)]}…",
                        });
                    });
                }
            }
        }
    }

    // ---- random draws 双随机一公开 -------------------------------------------------------------------------

    /// <summary>
    /// One draw per half-year, about eight weeks in: ten venues and a pair of officers for each, with a
    /// recorded seed; the pairs inspect their venues over the following weeks and the list and results are
    /// published when all are done.
    /// </summary>
    private void PlanDraws()
    {
        foreach (var half in new[] { PreviousStart, CurrentStart })
        {
            var drawn = _cal.OnOrAfter(half.AddDays(55));
            var name = $"{half.Year}年{(half.Month == 1 ? "上" : "下")}半年文化市场“双随机、一公开”抽查";
            DrawDto? draw = null;
            _time.At(_cal.At(drawn, 10, 0), $"双随机抽取 {name}", async () =>
                draw = await _send.Do(DemoPeople.LiuYang, new DrawVenues.Command
                {
                    Name = name, Count = 10, Seed = drawn.Year * 10000 + drawn.Month * 100 + drawn.Day,
                    Officers = DemoPeople.Officers.Select(Officer).ToList(),
                }));
            var day = drawn;
            for (var i = 0; i < 10; i++)
            {
                day = _cal.AddWorkdays(day, i % 2 == 0 ? 1 : 2);
                var position = i;
                var start = _cal.At(day, 14, 0);
                Inspect(start, $"双随机抽查 {name}", async () =>
                {
                    if (draw is null) return;
                    var assignment = draw.Assignments[position];
                    var venue = _venues.FirstOrDefault(v => v.Id == assignment.VenueId);
                    if (venue is null) return;
                    var first = DemoPeople.Officers.First(o => o.Id == assignment.FirstUserId);
                    var second = DemoPeople.Officers.First(o => o.Id == assignment.SecondUserId);
                    await RecordAsync(Routine(venue, start, first, second) with { Kind = InspectionKind.Random, DrawId = draw.Id });
                });
            }
            _time.At(_cal.At(_cal.AddWorkdays(day, 3), 10, 0), $"公示抽查结果 {name}", async () =>
            {
                if (draw is not null) await _send.Do(DemoPeople.LiuYang, new PublishDraw.Command(draw.Id));
            });
        }
    }

    // ---- the unlicensed-venue campaign 无证无照经营集中整治 -------------------------------------------------

    private sealed class CampaignVenue
    {
        public Guid Id { get; set; }
        public long Version { get; set; }
        public Guid VenueId { get; set; }
        public DateOnly FoundOn { get; set; }

        public void Took(UnlicensedCampaignVenueDto dto)
        {
            Id = dto.Id;
            Version = dto.Version;
            VenueId = dto.VenueId;
        }
    }

    /// <summary>How a surveyed venue's rectification goes in the story.</summary>
    private enum Rectification { Licensed, Applying, Guidance, Banned, Referred, DueSoon, Overdue, Pending }

    /// <summary>
    /// The campaign began ten weeks ago and runs another seven: the survey found eight unlicensed venues
    /// and took in two the brigade had found before; operators' meetings and publicity; notices; the
    /// joint departments' answers; two joint office days; and outcomes for some — one licensed through
    /// the window, one applying, one with a guidance certificate, two banned, one referred — while the
    /// rest still run, one notice due within days and one overdue.
    /// </summary>
    private void PlanUnlicensedCampaign()
    {
        var starts = _cal.OnOrBefore(Today.AddDays(-70));
        var ends = starts.AddMonths(4);
        var name = $"{starts.Year}年无证无照经营文化场所集中整治行动";
        VenueType[] types = [VenueType.InternetCafe, VenueType.GameArcade, VenueType.PrintShop];
        Guid campaign = Guid.Empty;
        _time.At(_cal.At(_cal.AddWorkdays(starts, -3), 15, 0), $"创建整治行动 {name}", async () =>
            campaign = (await _send.Do(DemoPeople.LiuYang, new CreateUnlicensedCampaign.Command
            {
                Name = name, StartsOn = starts, EndsOn = ends, VenueTypes = types.Select(t => (string?)Wire.Name(t)).ToList(),
                Description = "对辖区无证无照经营的网吧、电子游艺及打印复印场所开展摸底排查，联合消防、市场监管、生态环境、卫生健康部门分类整治：符合条件的引导办证，不具备条件的依法取缔。",
            })).Id);

        // Mobilisation 宣传动员.
        (int After, MobilisationKind Kind, int Attendees, string Note)[] events =
        [
            (2, MobilisationKind.Meeting, 26, "召开经营业主座谈会，宣讲《互联网上网服务营业场所管理条例》《印刷业管理条例》及办证流程。"),
            (6, MobilisationKind.Publicity, 180, "在光华大道、柳城大道等重点区域开展宣传，发放宣传资料 600 余份。"),
            (31, MobilisationKind.Meeting, 15, "召开第二次业主座谈会，通报整治进展，对照前置条件逐户指导。"),
        ];
        foreach (var (after, kind, attendees, note) in events)
        {
            var held = _cal.AddWorkdays(starts, after);
            _time.At(_cal.At(held, 15, 0), $"宣传动员 {name}", async () => await _send.Do(DemoPeople.ZhangWei, new RecordMobilisation.Command
            {
                CampaignId = campaign, HeldOn = held, Kind = Wire.Name(kind), Attendees = attendees, Note = note,
            }));
        }

        // Two venues the brigade found before the campaign, with a notice to get licensed that they ignored.
        var earlier = new[] { (VenueType.PrintShop, "PR-LIC", -34), (VenueType.InternetCafe, "IC-LIC", -21) }
            .Select(x => (Venue: NewVenue(x.Item1, LicenseStatus.Unlicensed, starts), Item: x.Item2, Day: _cal.OnOrBefore(starts.AddDays(x.Item3))))
            .ToList();
        foreach (var (venue, item, day) in earlier)
        {
            venue.Reserved = true;
            var (officer, partner) = Pair();
            var at = _cal.At(day, 10, 0);
            Inspect(at, $"发现无证场所 {venue.Name}", async () =>
            {
                await RegisterAsync(officer, venue);
                await RecordAsync(new InspectionPlan
                {
                    Venue = venue, Kind = InspectionKind.Complaint, ComplaintReference = ComplaintReference(day), Start = at, First = officer,
                    Second = partner, Violations = [item], Outcome = InspectionOutcome.RectificationNotice, NoticeDays = 30, NoFollowUp = true,
                    Notes = "根据群众举报核查，该场所未取得许可证擅自经营，责令限期办理相关许可手续。",
                });
            });
        }

        // The survey 摸底排查: eight found, two taken in; each venue's rectification as the story goes.
        Rectification[] fates =
        [
            Rectification.Licensed, Rectification.Applying, Rectification.Guidance, Rectification.Banned, Rectification.Referred,
            Rectification.Banned, Rectification.DueSoon, Rectification.Overdue, Rectification.Pending, Rectification.Pending,
        ];
        VenueType[] kinds =
        [
            VenueType.PrintShop, VenueType.InternetCafe, VenueType.GameArcade, VenueType.InternetCafe, VenueType.InternetCafe,
            VenueType.PrintShop, VenueType.GameArcade, VenueType.InternetCafe, VenueType.PrintShop, VenueType.InternetCafe,
        ];
        var linked = new List<CampaignVenue>();
        for (var i = 0; i < fates.Length; i++)
        {
            var fate = fates[i];
            var existing = i >= 8 ? earlier[i - 8].Venue : null;
            var found = fate switch
            {
                Rectification.DueSoon => _cal.OnOrBefore(Today.AddDays(-27)),
                _ => _cal.AddWorkdays(starts, 3 + 2 * i),
            };
            var facts = existing ?? NewVenue(kinds[i], LicenseStatus.Unlicensed, found);
            var (officer, partner) = Pair();
            var state = new CampaignVenue { FoundOn = found };
            linked.Add(state);
            _time.At(_cal.At(found, 11, 0), $"摸底排查 {facts.Name}", async () =>
            {
                var dto = await _send.Do(officer, existing is not null
                    ? new SurveyVenue.Command { CampaignId = campaign, VenueId = existing.Id, FoundOn = found, Note = "此前已责令限期办证，逾期未办理，纳入集中整治。" }
                    : new SurveyVenue.Command
                    {
                        CampaignId = campaign, Name = facts.Name, Address = facts.Address, Jurisdiction = facts.Jurisdiction,
                        Type = Wire.Name(facts.Type), OperatorName = facts.Operator,
                        Terminals = facts.Terminals, Rooms = facts.Rooms is > 0 ? facts.Rooms : null, FoundOn = found,
                        Note = $"{officer.Name}、{partner.Name}排查发现，现场无任何许可证照。",
                    });
                state.Took(dto);
                if (existing is null)
                {
                    facts.Id = dto.VenueId;
                    facts.Version = 1;
                    facts.Reserved = true;
                    _venues.Add(facts);
                }
            });
            PlanRectification(() => campaign, state, facts, fate, found, officer);
        }

        // Joint on-site office days 联合现场办公.
        (int After, int[] Venues, JointDepartment[] Departments)[] days =
        [
            (30, [0, 1, 2, 3], [JointDepartment.Fire, JointDepartment.Commerce, JointDepartment.Environment, JointDepartment.Health]),
            (38, [4, 5, 8], [JointDepartment.Fire, JointDepartment.Commerce, JointDepartment.Police]),
        ];
        foreach (var (after, venues, departments) in days)
        {
            var held = _cal.AddWorkdays(starts, after);
            _time.At(_cal.At(held, 9, 30), $"联合现场办公 {name}", async () => await _send.Do(DemoPeople.LiuYang, new RecordOfficeDay.Command
            {
                CampaignId = campaign, HeldOn = held, Departments = departments.Select(d => (string?)Wire.Name(d)).ToList(),
                CampaignVenueIds = venues.Select(v => linked[v].Id).Where(id => id != Guid.Empty).ToList(),
                Note = "各部门现场集中办公，逐户会审整改及办证条件。",
            }));
        }
    }

    private void PlanRectification(Func<Guid> campaign, CampaignVenue state, Venue venue, Rectification fate, DateOnly found, DemoUser officer)
    {
        // The notice: thirty days, or a limit that ends within two days of today for the one due soon.
        var issued = _cal.AddWorkdays(found, 1);
        var limit = fate switch
        {
            Rectification.DueSoon => Enumerable.Range(20, 20).FirstOrDefault(l => _cal.OnOrAfter(issued.AddDays(l)) is var d && d > Today && d <= Today.AddDays(4)) is var l and > 0 ? l : 30,
            Rectification.Pending => 60,
            _ => 30,
        };
        _time.At(_cal.At(issued, 10, 0), $"整治通知 {venue.Name}", async () => state.Version = (await _send.Do(officer, new IssueNotice.Command
        {
            CampaignId = campaign(), CampaignVenueId = state.Id, Version = state.Version, IssuedOn = issued, LimitDays = limit,
            Requirements = fate == Rectification.Pending
                ? "限期办理《印刷经营许可证》或《网络文化经营许可证》，逾期未办理的依法取缔。"
                : "立即停止无证经营活动，限期补办相关许可手续；不具备办证条件的，自行关停。",
        })).Version);

        // The joint departments' answers 前置条件, a week or two apart.
        (JointDepartment Department, int After, PrerequisiteStatus Status, string? Note)[] answers = fate switch
        {
            Rectification.Licensed or Rectification.Applying =>
            [
                (JointDepartment.Fire, 6, PrerequisiteStatus.Approved, null), (JointDepartment.Commerce, 8, PrerequisiteStatus.Approved, null),
                (JointDepartment.Environment, 10, PrerequisiteStatus.Approved, null), (JointDepartment.Health, 11, PrerequisiteStatus.Approved, null),
            ],
            Rectification.Guidance =>
            [
                (JointDepartment.Fire, 7, PrerequisiteStatus.Approved, null), (JointDepartment.Commerce, 9, PrerequisiteStatus.Approved, null),
            ],
            Rectification.Banned =>
            [
                (JointDepartment.Fire, 6, PrerequisiteStatus.Refused, "场所位于居民楼地下室，无第二安全出口，不具备消防安全条件。"),
            ],
            Rectification.Pending or Rectification.Overdue =>
            [
                (JointDepartment.Commerce, 9, PrerequisiteStatus.Approved, null),
            ],
            _ => [],
        };
        foreach (var (department, after, status, note) in answers)
        {
            var decided = _cal.AddWorkdays(found, after);
            _time.At(_cal.At(decided, 16, 0), $"前置条件 {venue.Name}", async () => state.Version = (await _send.Do(officer, new DecidePrerequisite.Command
            {
                CampaignId = campaign(), CampaignVenueId = state.Id, Version = state.Version, Department = Wire.Name(department),
                Status = Wire.Name(status), DecidedOn = decided, Note = note,
            })).Version);
        }

        // Outcomes.
        var outcomeDay = _cal.AddWorkdays(found, 14 + _rng.Next(0, 6));
        switch (fate)
        {
            case Rectification.Licensed:
                PlanCampaignLicence(campaign, state, venue, fate, _cal.AddWorkdays(found, 13), officer);
                break;
            case Rectification.Applying:
                // Applied lately, so its promised limit ends within days.
                var item = _items.First(i => i.Code == "internet-cafe");
                PlanCampaignLicence(campaign, state, venue, fate, _cal.AddWorkdays(_cal.OnOrBefore(Today), -(item.PromisedLimitDays - 2)), officer);
                break;
            case Rectification.Guidance:
                Outcome(VenueOutcome.GuidanceCertificate, c => c with { CertificateNumber = $"温就创辅〔{outcomeDay.Year}〕{_rng.Next(10, 99):000}号", Note = "经营者为就业困难人员，场地面积小，发放灵活就业促创业辅导证，纳入日常监管。" });
                break;
            case Rectification.Banned:
                Outcome(VenueOutcome.Banned, c => c with { Note = "不具备办证条件且拒不停业，会同公安、市场监管部门依法予以取缔。" });
                break;
            case Rectification.Referred:
                Outcome(VenueOutcome.Referred, c => c with { Department = Regulator, Note = "无照经营，函告市场监管部门依法查处。" });
                break;
        }

        void Outcome(VenueOutcome outcome, Func<RecordOutcome.Command, RecordOutcome.Command> details) =>
            _time.At(_cal.At(outcomeDay, 15, 30), $"整治结果 {venue.Name}", async () => state.Version = (await _send.Do(officer, details(new RecordOutcome.Command
            {
                CampaignId = campaign(), CampaignVenueId = state.Id, Version = state.Version, Outcome = Wire.Name(outcome), DecidedOn = outcomeDay,
            }))).Version);
    }

    /// <summary>
    /// A surveyed venue that met every prerequisite applies at the window (设立); for one the licence is
    /// issued and the outcome recorded as licensed, the register updated; the other is still under review.
    /// </summary>
    private void PlanCampaignLicence(Func<Guid> campaign, CampaignVenue state, Venue venue, Rectification fate, DateOnly applied, DemoUser officer)
    {
        var code = venue.Type == VenueType.PrintShop ? "printing-copying" : "internet-cafe";
        var item = _items.First(i => i.Code == code);
        var clerk = DemoPeople.WangFang;
        var application = new PermitState();
        var credit = _district.CreditCode(company: true);
        _time.At(_cal.At(applied, 10, 0), $"整治场所申请办证 {venue.Name}", async () =>
        {
            application.Took(await _send.Do(clerk, new ReceivePermit.Command
            {
                ItemCode = code, Kind = "establish", VenueId = state.VenueId,
                Applicant = new ReceivePermit.ApplicantInput(venue.Operator, credit, _district.Phone()),
                Materials = item.Materials.Select(m => m.Code).ToList(), Note = "集中整治行动引导办证。",
            }));
            _time.Tick(600);
            await Move(application, clerk, "accepted", "材料齐全，予以受理。");
        });
        var review = _cal.AddWorkdays(applied, 1);
        _time.At(_cal.At(review, 9, 30), $"审查 {venue.Name}", () => Move(application, clerk, "underReview", "进行材料审查并安排现场核查。"));
        if (fate == Rectification.Applying) return;

        var approved = _cal.AddWorkdays(applied, item.PromisedLimitDays - 1);
        var certificate = _district.LicenseNumber(venue.Type, approved.Year, _licenseSequence++);
        _time.At(_cal.At(approved, 15, 0), $"准予许可 {venue.Name}", async () =>
        {
            await Move(application, clerk, "approved", "经审查符合条件，准予许可。");
            _time.Tick(900);
            await Move(application, clerk, "completed", "许可证已送达申请人。", certificate);
        });
        var recorded = _cal.AddWorkdays(approved, 1);
        _time.At(_cal.At(recorded, 10, 0), $"整治结果 办证 {venue.Name}", async () =>
        {
            state.Version = (await _send.Do(officer, new RecordOutcome.Command
            {
                CampaignId = campaign(), CampaignVenueId = state.Id, Version = state.Version, Outcome = Wire.Name(VenueOutcome.Licensed),
                DecidedOn = recorded, PermitApplicationId = application.Id, Note = "已取得许可证，转为持证经营。",
            })).Version;
            await UpdateAsync(officer, venue, v =>
            {
                v.Status = LicenseStatus.Licensed;
                v.CreditCode = credit;
                v.LicenseNumber = certificate;
                v.LicenseValidUntil = recorded.AddYears(venue.Type == VenueType.PrintShop ? 6 : 3);
            });
        });
    }
}
