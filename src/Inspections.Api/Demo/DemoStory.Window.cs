using Inspections.Core.Features.Permits;
using Inspections.Domain.Venues;

namespace Inspections.Api.Demo;

internal sealed partial class DemoStory
{
    private sealed class PermitState
    {
        public Guid Id { get; set; }
        public long Version { get; set; }

        public void Took(PermitDto dto)
        {
            Id = dto.Id;
            Version = dto.Version;
        }
    }

    private async Task Move(PermitState p, DemoUser who, string to, string? note, string? certificate = null,
        IReadOnlyList<string>? materials = null, string? suspension = null) =>
        p.Took(await _send.Do(who, new TransitionPermit.Command
        {
            Id = p.Id, Version = p.Version, To = to, Note = note, CertificateNumber = certificate, Materials = materials, SuspensionKind = suspension,
        }));

    /// <summary>Which venues an item's applicants run; establishments come from new applicants.</summary>
    private static VenueType[] ApplicantTypes(string item) => item switch
    {
        "internet-cafe" => [VenueType.InternetCafe],
        "entertainment-venue" => [VenueType.SongAndDance, VenueType.GameArcade],
        "audio-video-retail" => [VenueType.AudioVideoRetail],
        "publication-retail" => [VenueType.Bookshop],
        "printing-copying" => [VenueType.PrintShop],
        _ => [VenueType.PerformanceVenue],
    };

    private static VenueType EstablishedType(string item) => ApplicantTypes(item)[0];

    /// <summary>How one application goes, decided when it is planned.</summary>
    private sealed record Application
    {
        public required string Item { get; init; }
        public required string Kind { get; init; }
        public required DateTimeOffset Received { get; init; }
        public required DemoUser Clerk { get; init; }
        public int Missing { get; init; }
        public int CorrectionAfter { get; init; }
        public int ResubmittedAfter { get; init; }
        public bool NotAccepted { get; init; }
        public int AcceptAfter { get; init; }
        public bool Review { get; init; } = true;
        public bool HandOff { get; init; }
        public string? Suspension { get; init; }
        public int SuspendedDays { get; init; }
        /// <summary>Working days from acceptance to the decision (beyond the promised limit when late).</summary>
        public int DecideAfter { get; init; }
        public bool Refused { get; init; }
        public int CompleteAfter { get; init; }
        /// <summary>Where the story stops for an application still open today: the last stage it reaches.</summary>
        public string? StopAt { get; init; }
        public string? Note { get; init; }
        public DateOnly? ExtendOn { get; init; }
    }

    private int _certificateSequence = 100;

    /// <summary>
    /// The window's year: one or two applications most working days, of every kind — annual inspections,
    /// performance filings, changes, renewals, establishments, cancellations — most completed within the
    /// promised limit, some after a correction 补正, a few late, refused or not accepted; a cluster received
    /// just before the longest holiday of the period, whose limits run across it; and the open ones of today.
    /// </summary>
    private void PlanWindow()
    {
        for (var day = PreviousStart; day < Today; day = day.AddDays(1))
        {
            if (!_cal.IsWorkday(day)) continue;
            var count = _rng.NextDouble() switch { < 0.45 => 0, < 0.9 => 1, _ => 2 };
            for (var i = 0; i < count; i++)
                PlanApplication(Ordinary(_cal.At(day, 9, 0).AddMinutes(_rng.Next(0, 15) * 30)));
        }
        PlanHolidayCluster();
        PlanOpenApplications();
    }

    private (string Item, string Kind) Choose()
    {
        var r = _rng.NextDouble();
        string[] codes = r switch
        {
            < 0.42 => ["internet-cafe", "entertainment-venue", "publication-retail", "audio-video-retail", "printing-copying"],
            < 0.62 => ["commercial-performance"],
            < 0.78 => ["internet-cafe", "entertainment-venue", "publication-retail", "audio-video-retail", "printing-copying"],
            < 0.86 => ["internet-cafe", "entertainment-venue", "publication-retail"],
            < 0.95 => ["internet-cafe", "entertainment-venue", "publication-retail", "printing-copying"],
            _ => ["publication-retail", "printing-copying", "audio-video-retail"],
        };
        var kind = r switch { < 0.42 => "annualInspection", < 0.62 => "filing", < 0.78 => "change", < 0.86 => "renewal", < 0.95 => "establish", _ => "cancellation" };
        var item = Pick(codes);
        return _items.First(i => i.Code == item).Kinds.Contains(kind) ? (item, kind) : (item, "change");
    }

    private Application Ordinary(DateTimeOffset received)
    {
        var (item, kind) = Choose();
        var promised = _items.First(i => i.Code == item).PromisedLimitDays;
        var late = Chance(0.07);
        var suspended = kind != "filing" && Chance(0.05);
        // An item whose regulation requires a hearing before approval (娱乐场所管理条例 art. 10) holds one.
        var hearing = kind == "establish" && _items.First(i => i.Code == item).HearingBasis is not null;
        return new Application
        {
            Item = item,
            Kind = kind,
            Received = received,
            Clerk = Chance(0.65) ? DemoPeople.WangFang : DemoPeople.ZhouJie,
            Missing = Chance(0.15) ? _rng.Next(1, 3) : 0,
            CorrectionAfter = _rng.Next(0, 3),
            ResubmittedAfter = _rng.Next(2, 6),
            NotAccepted = kind != "filing" && Chance(0.03),
            AcceptAfter = Chance(0.6) ? 0 : 1,
            Review = Chance(0.7),
            HandOff = kind != "filing" && Chance(0.1),
            Suspension = (suspended ? Pick(new[] { "siteInspection", "expertReview", "testing" }) : null) is { } picked && !hearing ? picked : hearing ? "hearing" : null,
            SuspendedDays = (suspended ? _rng.Next(3, 7) : 0) is var days && hearing ? Math.Max(days, 5) : days,
            DecideAfter = late ? promised + _rng.Next(1, 5) : _rng.Next(Math.Max(1, promised / 3), Math.Max(2, promised)),
            Refused = Chance(0.04),
            CompleteAfter = Chance(0.5) ? 0 : 1,
        };
    }

    private void PlanApplication(Application a)
    {
        var item = _items.First(i => i.Code == a.Item);
        var state = new PermitState();
        var clerk = a.Clerk;
        var other = clerk == DemoPeople.WangFang ? DemoPeople.ZhouJie : DemoPeople.WangFang;
        var holder = clerk;
        var materials = item.Materials.Select(m => m.Code).ToList();
        var missing = materials.Skip(1).Reverse().Take(a.Missing).ToList();
        var kindName = a.Kind switch
        {
            "annualInspection" => "年检", "filing" => "备案", "change" => "变更", "renewal" => "延续", "establish" => "设立", _ => "注销",
        };
        var newVenue = a.Kind == "establish" ? NewVenue(EstablishedType(a.Item), LicenseStatus.Licensed, _cal.Date(a.Received)) : null;
        Venue? venue = null;
        var label = $"{item.Name}（{kindName}）";
        var day = _cal.Date(a.Received);

        _time.At(a.Received, $"收件 {label}", async () =>
        {
            venue = newVenue is null ? PickTrading(ApplicantTypes(a.Item)) : null;
            if (newVenue is null && venue is null) return;
            var applicant = newVenue ?? venue!;
            state.Took(await _send.Do(clerk, new ReceivePermit.Command
            {
                ItemCode = a.Item, Kind = a.Kind, VenueId = venue?.Id,
                Applicant = new ReceivePermit.ApplicantInput(applicant.Operator, applicant.CreditCode ?? _district.CreditCode(company: true), _district.Phone()),
                Materials = materials.Except(missing).ToList(),
                Note = a.Note ?? (missing.Count > 0 ? "申请材料不齐全。" : null),
            }));
        });
        if (a.StopAt == "received") return;

        // Correction 补正 (all missing items at once), or acceptance.
        var accepted = _cal.AddWorkdays(day, a.AcceptAfter);
        if (missing.Count > 0)
        {
            var asked = _cal.AddWorkdays(day, a.CorrectionAfter);
            _time.At(_cal.At(asked, 11, 0), $"补正告知 {label}", () => Guarded(state, () => Move(state, clerk, "correctionRequested",
                $"一次性告知申请人补正：{string.Join("、", item.Materials.Where(m => missing.Contains(m.Code)).Select(m => m.Name))}。")));
            if (a.StopAt == "correctionRequested") return;
            accepted = _cal.AddWorkdays(asked, a.ResubmittedAfter);
        }
        if (a.NotAccepted)
        {
            _time.At(_cal.At(_cal.AddWorkdays(day, 1), 10, 0), $"不予受理 {label}", () => Guarded(state, () => Move(state, clerk, "notAccepted",
                "申请事项依法不属于本机关职权范围，已告知申请人向成都市文化广电旅游局提出申请。")));
            return;
        }
        var acceptedAt = _cal.At(accepted, 9, 30).AddMinutes(_rng.Next(0, 12) * 30);
        if (acceptedAt < a.Received) acceptedAt = a.Received.AddMinutes(30);
        if (a.Kind == "filing")
        {
            var certificate = $"温文演备〔{accepted.Year}〕{++_certificateSequence}号";
            _time.At(acceptedAt, $"备案 {label}", () => Guarded(state, () => Move(state, clerk, "completed", "材料齐全，予以备案。", certificate,
                missing.Count > 0 ? missing : null)));
            return;
        }
        _time.At(acceptedAt, $"受理 {label}", () => Guarded(state, () => Move(state, clerk, "accepted", "材料齐全，予以受理。", null,
            missing.Count > 0 ? missing : null)));
        if (a.StopAt == "accepted") return;
        if (a.ExtendOn is { } extendOn)
            _time.At(_cal.At(extendOn, 16, 30), $"延长法定时限 {label}", () => Guarded(state, async () => state.Took(await _send.Do(DemoPeople.LiuYang,
                new ExtendPermit.Command { Id = state.Id, Version = state.Version, Reason = "需组织专家对场所布局及安全条件进行评审，经批准延长法定办理时限，已书面告知申请人。" }))));

        var cursor = accepted;
        if (a.HandOff)
        {
            var handed = _cal.AddWorkdays(accepted, 1);
            var to = other;
            _time.At(_cal.At(handed, 11, 30), $"转交 {label}", () => Guarded(state, async () => state.Took(await _send.Do(holder, new HandOffPermit.Command
            {
                Id = state.Id, Version = state.Version, ToUserId = to.Id, ToUserName = to.Name,
                Message = $"{holder.Name}外出参加业务培训，转{to.Name}继续办理，请于承诺时限内办结。",
            }))));
            holder = other;
        }
        var worker = holder;
        if (a.Review || a.Suspension is not null || a.StopAt is "underReview" or "suspended")
        {
            cursor = _cal.AddWorkdays(accepted, 1);
            _time.At(_cal.At(cursor, 14, 0), $"审查 {label}", () => Guarded(state, () => Move(state, worker, "underReview", "开展书面审查。")));
        }
        if (a.StopAt == "underReview") return;
        var extra = 0;
        if (a.Suspension is { } kind)
        {
            var stopped = _cal.AddWorkdays(cursor, 1);
            _time.At(_cal.At(stopped, 15, 0), $"中止 {label}", () => Guarded(state, () => Move(state, worker, "suspended",
                kind == "hearing" ? "依《娱乐场所管理条例》第十条举行听证，听证期间不计入办理时限。" :
                kind == "expertReview" ? "组织专家评审，评审期间不计入办理时限。" : kind == "testing" ? "委托检测机构检测，检测期间不计入办理时限。" : "开展现场核查，核查期间不计入办理时限。",
                suspension: kind)));
            if (a.StopAt == "suspended") return;
            var resumed = _cal.AddWorkdays(stopped, a.SuspendedDays);
            _time.At(_cal.At(resumed, 9, 30), $"恢复 {label}", () => Guarded(state, () => Move(state, worker, "underReview", "中止事由消除，恢复审查。")));
            extra = a.SuspendedDays;
            cursor = resumed;
        }

        var decided = _cal.AddWorkdays(accepted, a.DecideAfter + extra);
        if (decided <= cursor) decided = _cal.AddWorkdays(cursor, 1);
        var refused = a.Refused;
        _time.At(_cal.At(decided, 15, 0), $"{(refused ? "不予许可" : "准予许可")} {label}", () => Guarded(state, () => refused
            ? Move(state, worker, "refused", "经现场核查，经营场所与申请材料不符，不符合法定条件，不予许可。")
            : Move(state, worker, "approved", "经审查符合法定条件，准予许可。")));
        if (a.StopAt == "approved") return;

        var completed = _cal.AddWorkdays(decided, a.CompleteAfter);
        var number = refused ? null : a.Kind switch
        {
            "annualInspection" => $"年检合格〔{completed.Year}〕{++_certificateSequence}号",
            "cancellation" => $"注销〔{completed.Year}〕{++_certificateSequence}号",
            _ => _district.LicenseNumber(EstablishedType(a.Item), completed.Year, _licenseSequence++),
        };
        _time.At(_cal.At(completed, 16, 30), $"办结 {label}", () => Guarded(state, async () =>
        {
            await Move(state, worker, "completed", refused ? "不予许可决定书已送达申请人。" : "证照已送达申请人。", number);
            if (refused) return;
            if (a.Kind == "cancellation" && venue is not null) await UpdateAsync(DemoPeople.ZhangWei, venue, v => v.Status = LicenseStatus.Closed);
        }));
        if (newVenue is not null && !refused)
        {
            newVenue.LicenseNumber = number;
            newVenue.LicenseValidUntil = completed.AddYears(3);
            _time.At(_cal.At(_cal.AddWorkdays(completed, 3), 10, 0), $"登记新设场所 {newVenue.Name}", () => RegisterAsync(DemoPeople.LiNa, newVenue));
        }
    }

    /// <summary>Steps of an application that was never received (no applicant venue was trading that day) do not happen.</summary>
    private static Task Guarded(PermitState state, Func<Task> step) => state.Id == Guid.Empty ? Task.CompletedTask : step();

    /// <summary>
    /// Applications received in the working days before the longest holiday of the period: their
    /// working-day limits run across it (the clock skips the holiday and counts make-up days). Most are
    /// finished after the holiday within the limit; one clerk counted natural days and finished late.
    /// </summary>
    private void PlanHolidayCluster()
    {
        var holidays = _cal.Holidays(PreviousStart.AddDays(10), Today.AddDays(-25)).Where(h => h.Days >= 3).ToList();
        if (holidays.Count == 0) return;
        var holiday = holidays.OrderByDescending(h => h.Days).ThenByDescending(h => h.First).First();
        var codes = new[] { "internet-cafe", "entertainment-venue", "publication-retail", "internet-cafe", "entertainment-venue", "publication-retail" };
        for (var i = 0; i < codes.Length; i++)
        {
            var received = _cal.AddWorkdays(holiday.First, -(i + 1));
            var promised = _items.First(x => x.Code == codes[i]).PromisedLimitDays;
            PlanApplication(new Application
            {
                Item = codes[i],
                Kind = i % 2 == 0 ? "annualInspection" : "change",
                Received = _cal.At(received, 10, 0),
                Clerk = i == 2 ? DemoPeople.ZhouJie : DemoPeople.WangFang,
                DecideAfter = i == 2 ? promised + 2 : promised - _rng.Next(0, 3),
                Refused = i == 4,
                Note = $"{holiday.Name}假期前收件。",
            });
        }
    }

    /// <summary>The window's open work today: at the desk, waiting for a correction, due soon, overdue, suspended, approved, deemed accepted, extended.</summary>
    private void PlanOpenApplications()
    {
        var last = _cal.OnOrBefore(Today.AddDays(-1));
        Application Open(string item, string kind, DateOnly received, DemoUser clerk) => new()
        {
            Item = item, Kind = kind, Received = _cal.At(received, 10, 0), Clerk = clerk,
            DecideAfter = _items.First(i => i.Code == item).PromisedLimitDays - 1,
        };
        int Promised(string item) => _items.First(i => i.Code == item).PromisedLimitDays;

        PlanApplication(Open("printing-copying", "change", last, DemoPeople.WangFang) with { StopAt = "received", Received = _cal.At(last, 16, 0) });
        PlanApplication(Open("publication-retail", "establish", _cal.AddWorkdays(last, -3), DemoPeople.ZhouJie) with
        {
            Missing = 2, CorrectionAfter = 1, StopAt = "correctionRequested",
        });
        PlanApplication(Open("internet-cafe", "annualInspection", _cal.AddWorkdays(last, -(Promised("internet-cafe") - 2)), DemoPeople.WangFang) with
        {
            StopAt = "underReview",
        });
        PlanApplication(Open("entertainment-venue", "renewal", _cal.AddWorkdays(last, -(Promised("entertainment-venue") + 3)), DemoPeople.WangFang) with
        {
            StopAt = "underReview", HandOff = true,
        });
        PlanApplication(Open("internet-cafe", "change", _cal.AddWorkdays(last, -6), DemoPeople.ZhouJie) with
        {
            Suspension = "expertReview", StopAt = "suspended",
        });
        PlanApplication(Open("audio-video-retail", "change", _cal.AddWorkdays(last, -4), DemoPeople.WangFang) with { StopAt = "approved" });
        PlanApplication(Open("entertainment-venue", "establish", _cal.AddWorkdays(last, -7), DemoPeople.ZhouJie) with
        {
            StopAt = "underReview", ExtendOn = last,
        });

        // Deemed acceptance 视为受理: left at the desk past the correction window, then picked up.
        var received = _cal.AddWorkdays(last, -8);
        var state = new PermitState();
        var item = _items.First(i => i.Code == "printing-copying");
        _time.At(_cal.At(received, 15, 0), "收件（逾期未处理）", async () =>
        {
            if (PickTrading(VenueType.PrintShop) is not { } venue) return;
            state.Took(await _send.Do(DemoPeople.ZhouJie, new ReceivePermit.Command
            {
                ItemCode = item.Code, Kind = "annualInspection", VenueId = venue.Id,
                Applicant = new ReceivePermit.ApplicantInput(venue.Operator, venue.CreditCode, _district.Phone()),
                Materials = item.Materials.Select(m => m.Code).ToList(),
            }));
        });
        _time.At(_cal.At(last, 10, 0), "审查（已视为受理）", () => Guarded(state, () => Move(state, DemoPeople.ZhouJie, "underReview",
            "收件后未在五个工作日内告知补正，依法自收件之日起视为受理，现开展审查。")));
    }
}
