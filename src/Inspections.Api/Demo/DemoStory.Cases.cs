using Inspections.Core.Common;
using Inspections.Core.Features.Cases;
using Inspections.Core.Features.Inspections;
using Inspections.Domain.Cases;
using Inspections.Domain.Inspections;
using Inspections.Domain.Venues;

namespace Inspections.Api.Demo;

internal sealed partial class DemoStory
{
    /// <summary>Where a case of the story stands today.</summary>
    private enum CaseEnd
    {
        Lead, NotFiled, Filed, Investigation, Withdrawn, LegalReview, PriorNotice, Hearing, NoPenalty, NoPenaltyClosed,
        TransferredClosed, Decided, Served, Executed, Closed, Archived,
    }

    private sealed record Penalty(bool Warning = false, decimal Fine = 0, decimal Income = 0, string? Items = null, int? SuspensionDays = null,
        bool Revoke = false);

    /// <summary>
    /// One penalty case: when its lead came in (days before today, or a point spread over the history
    /// for finished cases), from where, about which venue and violation, and how far it has gone.
    /// </summary>
    private sealed record CaseScript
    {
        public int? DaysAgo { get; init; }
        public double? Spread { get; init; }
        public CaseSource Source { get; init; } = CaseSource.Inspection;
        public required VenueType Type { get; init; }
        public required string Item { get; init; }
        public required string Violation { get; init; }
        public CaseEnd End { get; init; } = CaseEnd.Closed;
        public Penalty Penalty { get; init; } = new(Warning: true);
        public bool Unlicensed { get; init; }
        public bool Hearing { get; init; }
        public bool Waived { get; init; }
        public bool Reconsideration { get; init; }
        public bool Appraisal { get; init; }
        public bool Extension { get; init; }
        /// <summary>Days the case has been sitting at its last step (e.g. a fine left unpaid).</summary>
        public int Sitting { get; init; }
        public string? Letter { get; init; }
        public string? Reason { get; init; }
        public string? TransferTo { get; init; }
    }

    private const string Regulator = "温江区市场监督管理局";

    /// <summary>The district's cases: finished ones spread over the year, and one or more at every stage today.</summary>
    private static readonly CaseScript[] CaseScripts =
    [
        // Finished over the two half-years (Spread 0 = the start of the previous half-year, 1 = about ten weeks ago).
        new() { Spread = 0.00, Type = VenueType.InternetCafe, Item = "IC-MINOR", Violation = "cafe-minors-admitted", End = CaseEnd.Archived, Penalty = new(true, 8000) },
        new() { Spread = 0.05, Source = CaseSource.Complaint, Type = VenueType.InternetCafe, Item = "IC-LIC", Violation = "unlicensed-operation", Unlicensed = true,
                End = CaseEnd.Archived, Penalty = new(Fine: 10000, Items: "电脑主机 15 台"), Letter = Regulator },
        new() { Spread = 0.10, Type = VenueType.SongAndDance, Item = "KTV-HOURS", Violation = "entertainment-outside-hours", End = CaseEnd.Archived, Penalty = new(true, 10000) },
        new() { Spread = 0.15, Source = CaseSource.MayorsMailbox, Type = VenueType.Bookshop, Item = "BK-ILLEGAL", Violation = "pirated-publications", Appraisal = true,
                End = CaseEnd.Archived, Penalty = new(Fine: 3000, Income: 860, Items: "盗版教辅图书 326 册") },
        new() { Spread = 0.20, Type = VenueType.InternetCafe, Item = "IC-ID", Violation = "cafe-id-not-checked", Waived = true, Penalty = new(true, 3000) },
        new() { Spread = 0.25, Type = VenueType.GameArcade, Item = "GA-GAMBLE", Violation = "entertainment-prohibited-content", Hearing = true,
                Penalty = new(Fine: 20000, Items: "具有赌博功能的电子游戏机 6 台") },
        new() { Spread = 0.30, Source = CaseSource.Petition, Type = VenueType.SongAndDance, Item = "KTV-MINOR", Violation = "entertainment-minors-admitted",
                Reconsideration = true, Penalty = new(Fine: 20000, SuspensionDays: 15) },
        new() { Spread = 0.33, Type = VenueType.SongAndDance, Item = "KTV-MINOR", Violation = "entertainment-minors-admitted", End = CaseEnd.Withdrawn,
                Reason = "经调查，当事人提供的身份证件证明涉事消费者均已年满十八周岁，违法事实不能成立，撤销立案。" },
        new() { Spread = 0.36, Source = CaseSource.Complaint, Type = VenueType.PrintShop, Item = "PR-LIC", Violation = "printing-unlicensed", Unlicensed = true,
                Penalty = new(Fine: 5000, Items: "复印机 2 台") },
        new() { Spread = 0.40, Source = CaseSource.SuperiorAssignment, Type = VenueType.PerformanceVenue, Item = "PV-FILING", Violation = "performance-without-approval",
                End = CaseEnd.NoPenaltyClosed, Reason = "违法行为轻微并及时改正，没有造成危害后果，依据《行政处罚法》第三十三条不予行政处罚。" },
        new() { Spread = 0.45, Type = VenueType.AudioVideoRetail, Item = "AV-ILLEGAL", Violation = "illegal-publications", End = CaseEnd.TransferredClosed,
                TransferTo = "成都市公安局温江区分局", Reason = "涉案淫秽音像制品数量达到刑事立案追诉标准，依法移送公安机关。" },
        new() { Spread = 0.50, Type = VenueType.InternetCafe, Item = "IC-HOURS", Violation = "cafe-outside-hours", Penalty = new(true, 2000) },
        new() { Spread = 0.55, Source = CaseSource.Referral, Type = VenueType.InternetCafe, Item = "IC-MINOR", Violation = "cafe-minors-admitted",
                Penalty = new(true, 10000, SuspensionDays: 10) },
        new() { Spread = 0.60, Source = CaseSource.Complaint, Type = VenueType.InternetCafe, Item = "IC-LIC", Violation = "unlicensed-operation", Unlicensed = true,
                Penalty = new(Fine: 8000, Items: "电脑主机 8 台"), Letter = Regulator },
        new() { Spread = 0.65, Type = VenueType.InternetCafe, Item = "IC-SIGN", Violation = "cafe-minors-sign-missing", Waived = true },
        new() { Spread = 0.70, Type = VenueType.SongAndDance, Item = "KTV-CONTENT", Violation = "entertainment-prohibited-content",
                Penalty = new(Fine: 15000, Items: "含禁止内容曲目的点歌硬盘 1 块") },
        new() { Spread = 0.75, Type = VenueType.InternetCafe, Item = "IC-MINOR", Violation = "cafe-minors-admitted", Penalty = new(Fine: 15000, Revoke: true) },
        new() { Spread = 0.80, Source = CaseSource.MayorsMailbox, Type = VenueType.GameArcade, Item = "GA-HOURS", Violation = "entertainment-outside-hours", Penalty = new(true, 5000) },
        new() { Spread = 0.85, Type = VenueType.Bookshop, Item = "BK-ILLEGAL", Violation = "pirated-publications", Penalty = new(Fine: 2000, Items: "盗版图书 58 册") },
        new() { Spread = 0.92, Type = VenueType.InternetCafe, Item = "IC-ID", Violation = "cafe-id-not-checked", Waived = true, Penalty = new(true, 1500) },
        new() { Spread = 1.00, Type = VenueType.InternetCafe, Item = "IC-MINOR", Violation = "cafe-minors-admitted", Penalty = new(true, 6000) },

        // Finished in the last months, so the current half-year closes cases too.
        new() { DaysAgo = 140, Type = VenueType.InternetCafe, Item = "IC-ID", Violation = "cafe-id-not-checked", Sitting = 70, Waived = true, Penalty = new(true, 2000) },
        new() { DaysAgo = 125, Type = VenueType.GameArcade, Item = "GA-HOURS", Violation = "entertainment-outside-hours", Sitting = 45, Penalty = new(true, 5000) },
        new() { DaysAgo = 108, Source = CaseSource.MayorsMailbox, Type = VenueType.SongAndDance, Item = "KTV-MINOR", Violation = "entertainment-minors-admitted",
                Sitting = 30, Penalty = new(Fine: 15000) },
        new() { DaysAgo = 96, Type = VenueType.InternetCafe, Item = "IC-HOURS", Violation = "cafe-outside-hours", Penalty = new(true, 3000) },
        new() { DaysAgo = 88, Source = CaseSource.Complaint, Type = VenueType.SongAndDance, Item = "KTV-HOURS", Violation = "entertainment-outside-hours", Penalty = new(true, 10000) },
        new() { DaysAgo = 79, Type = VenueType.Bookshop, Item = "BK-ILLEGAL", Violation = "pirated-publications", Waived = true, Penalty = new(Fine: 1000, Items: "盗版图书 23 册") },

        // Open today, one or more at every stage; some due soon, some overdue.
        new() { DaysAgo = 1, Source = CaseSource.Complaint, Type = VenueType.InternetCafe, Item = "IC-MINOR", Violation = "cafe-minors-admitted", End = CaseEnd.Lead },
        new() { DaysAgo = 38, Source = CaseSource.Complaint, Type = VenueType.InternetCafe, Item = "IC-MINOR", Violation = "cafe-minors-admitted", End = CaseEnd.NotFiled,
                Reason = "经现场核查及调取监控，未发现举报所称接纳未成年人情况，不予立案。" },
        new() { DaysAgo = 6, Type = VenueType.SongAndDance, Item = "KTV-MINOR", Violation = "entertainment-minors-admitted", End = CaseEnd.Filed },
        new() { DaysAgo = 24, Type = VenueType.InternetCafe, Item = "IC-ID", Violation = "cafe-id-not-checked", End = CaseEnd.Investigation },
        new() { DaysAgo = 45, Source = CaseSource.MayorsMailbox, Type = VenueType.GameArcade, Item = "GA-MINOR", Violation = "entertainment-outside-hours", End = CaseEnd.Investigation },
        new() { DaysAgo = 112, Type = VenueType.InternetCafe, Item = "IC-MINOR", Violation = "cafe-minors-admitted", End = CaseEnd.Investigation },
        new() { DaysAgo = 86, Type = VenueType.SongAndDance, Item = "KTV-CONTENT", Violation = "entertainment-prohibited-content", End = CaseEnd.LegalReview },
        new() { DaysAgo = 55, Type = VenueType.AudioVideoRetail, Item = "AV-ILLEGAL", Violation = "pirated-publications", End = CaseEnd.LegalReview },
        new() { DaysAgo = 66, Type = VenueType.InternetCafe, Item = "IC-HOURS", Violation = "cafe-outside-hours", End = CaseEnd.PriorNotice },
        new() { DaysAgo = 100, Source = CaseSource.SuperiorAssignment, Type = VenueType.Bookshop, Item = "BK-ILLEGAL", Violation = "illegal-publications",
                Extension = true, End = CaseEnd.PriorNotice },
        new() { DaysAgo = 76, Type = VenueType.GameArcade, Item = "GA-GAMBLE", Violation = "entertainment-prohibited-content", Hearing = true, End = CaseEnd.Hearing },
        new() { DaysAgo = 62, Type = VenueType.PerformanceVenue, Item = "PV-FILING", Violation = "performance-without-approval", End = CaseEnd.NoPenalty,
                Reason = "初次违法且危害后果轻微并及时改正，依据《行政处罚法》第三十三条可以不予行政处罚。" },
        new() { DaysAgo = 72, Type = VenueType.InternetCafe, Item = "IC-MINOR", Violation = "cafe-minors-admitted", End = CaseEnd.Decided, Penalty = new(true, 5000) },
        new() { DaysAgo = 80, Source = CaseSource.Petition, Type = VenueType.SongAndDance, Item = "KTV-HOURS", Violation = "entertainment-outside-hours",
                End = CaseEnd.Served, Penalty = new(true, 10000) },
        new() { DaysAgo = 118, Type = VenueType.InternetCafe, Item = "IC-ID", Violation = "cafe-id-not-checked", End = CaseEnd.Served, Sitting = 24, Penalty = new(true, 4000) },
        new() { DaysAgo = 92, Type = VenueType.Bookshop, Item = "BK-ILLEGAL", Violation = "pirated-publications", End = CaseEnd.Executed,
                Penalty = new(Fine: 1500, Items: "盗版图书 41 册") },
    ];

    private sealed class CaseState
    {
        public Guid Id { get; set; }
        public long Version { get; set; }
        public DateOnly? DecidedOn { get; set; }
        public Guid? ChallengeId { get; set; }

        public void Took(CaseDto dto)
        {
            Id = dto.Id;
            Version = dto.Version;
            DecidedOn = dto.Decision?.DecidedOn;
            ChallengeId = dto.Challenges.LastOrDefault()?.Id;
        }
    }

    /// <summary>Gaps between the steps of one case, chosen once, so its dates can be laid out and moved as a whole.</summary>
    private sealed record CaseGaps(int Filing, int Investigation, int Notice, int HearingAfter, int DecisionAfter, int Service, int Payment, int Closing, int Archiving);

    private sealed record CasePath(DateOnly Review, DateOnly Notice, DateOnly? Hearing, DateOnly Decision, DateOnly Service, DateOnly Execution, DateOnly Closing, DateOnly Archive);

    private CasePath Lay(CaseScript script, CaseGaps gaps, DateOnly review)
    {
        var notice = _cal.AddWorkdays(review, gaps.Notice);
        DateOnly? hearing = null;
        DateOnly decision;
        if (script.Hearing)
        {
            var requested = _cal.AddWorkdays(notice, 2);
            hearing = requested > notice.AddDays(5) ? notice.AddDays(1) : requested;
            decision = _cal.AddWorkdays(hearing.Value, gaps.HearingAfter);
        }
        else
        {
            // The party's five days run in working days (行政处罚法 arts. 64 and 85): decide only after the fifth.
            decision = script.Waived ? _cal.AddWorkdays(notice, 2) : Max(_cal.OnOrAfter(notice.AddDays(6 + gaps.DecisionAfter)), _cal.AddWorkdays(notice, 6));
        }
        var service = _cal.AddWorkdays(decision, gaps.Service);
        var execution = _cal.OnOrAfter(service.AddDays(gaps.Payment));
        var closing = _cal.AddWorkdays(execution, gaps.Closing);
        return new CasePath(review, notice, hearing, decision, service, execution, closing, _cal.AddWorkdays(closing, gaps.Archiving));
    }

    private static DateOnly EndDate(CaseScript script, CasePath p) => script.End switch
    {
        CaseEnd.LegalReview => p.Review,
        CaseEnd.PriorNotice => p.Notice,
        CaseEnd.Hearing => p.Hearing!.Value,
        CaseEnd.Decided => p.Decision,
        CaseEnd.Served => p.Service,
        CaseEnd.Executed => p.Execution,
        CaseEnd.Closed => p.Closing,
        CaseEnd.Archived => p.Archive,
        _ => p.Review,
    };

    private void PlanCases()
    {
        var spreadFrom = PreviousStart.AddDays(3);
        var spreadTo = Today.AddDays(-80);
        var sequence = 0;
        foreach (var script in CaseScripts) PlanCase(script, ++sequence, spreadFrom, spreadTo);
        PlanPendingLead();
    }

    private int _referenceSequence = 20;

    private string SourceReference(CaseScript script, DateOnly day) => script.Source switch
    {
        CaseSource.Complaint => ComplaintReference(day),
        CaseSource.MayorsMailbox => $"区长信箱 {day.Year}-{++_referenceSequence:000}",
        CaseSource.Petition => $"温信访〔{day.Year}〕{++_referenceSequence}号",
        CaseSource.SuperiorAssignment => $"成文执交〔{day.Year}〕{++_referenceSequence}号",
        CaseSource.Referral => $"温公（治）移〔{day.Year}〕{++_referenceSequence}号",
        _ => "",
    };

    private static string SourceWords(CaseSource source) => source switch
    {
        CaseSource.MayorsMailbox => "区长信箱来信",
        CaseSource.Petition => "群众信访",
        CaseSource.SuperiorAssignment => "市文化市场综合行政执法总队交办件",
        CaseSource.Referral => "公安机关移送材料",
        _ => "举报",
    };

    private void PlanCase(CaseScript script, int sequence, DateOnly spreadFrom, DateOnly spreadTo)
    {
        var lead = _cal.OnOrBefore(script.DaysAgo is { } ago
            ? Today.AddDays(-ago)
            : spreadFrom.AddDays((int)Math.Round(script.Spread!.Value * (spreadTo.DayNumber - spreadFrom.DayNumber))));
        var gaps = new CaseGaps(_rng.Next(1, 3), _rng.Next(15, 31), _rng.Next(3, 7), _rng.Next(8, 13), _rng.Next(0, 4), _rng.Next(1, 4),
            _rng.Next(5, 14), _rng.Next(2, 6), _rng.Next(10, 21));
        var filed = _cal.AddWorkdays(lead, gaps.Filing);
        var investigation = _cal.AddWorkdays(filed, 1);
        var review = _cal.OnOrAfter(investigation.AddDays(gaps.Investigation));
        var path = Lay(script, gaps, review);
        if (script.DaysAgo is not null && script.End >= CaseEnd.LegalReview && script.End is not (CaseEnd.NoPenalty or CaseEnd.NoPenaltyClosed or CaseEnd.TransferredClosed))
        {
            // An open case has just taken its last step: the investigation took what time was left.
            // Working days and holidays make the shift inexact: move towards the target, then back until the last step is not after it.
            var target = _cal.OnOrBefore(Today.AddDays(-script.Sitting - _rng.Next(1, 4)));
            var earliest = _cal.OnOrAfter(investigation.AddDays(10));
            for (var attempt = 0; attempt < 4 && EndDate(script, path) < target.AddDays(-3); attempt++)
                path = Lay(script, gaps, Max(earliest, _cal.OnOrAfter(path.Review.AddDays(target.DayNumber - EndDate(script, path).DayNumber))));
            while (EndDate(script, path) > target && path.Review > earliest)
                path = Lay(script, gaps, Max(earliest, _cal.OnOrBefore(path.Review.AddDays(-Math.Max(1, EndDate(script, path).DayNumber - target.DayNumber)))));
        }
        else if (script.End is CaseEnd.NoPenalty && script.DaysAgo is not null)
        {
            path = Lay(script, gaps, _cal.AddWorkdays(_cal.OnOrBefore(Today), -5));
        }

        var venue = script.Unlicensed ? NewVenue(script.Type, LicenseStatus.Unlicensed, lead) : Reserve(script.Type);
        venue.Reserved = true;
        var (officer, partner) = Pair();
        var supervisor = DemoPeople.LiuYang;
        var state = new CaseState();
        var finding = Finding(script.Item, script.Unlicensed);
        var reference = SourceReference(script, lead);
        InspectionDto? found = null;
        var label = $"案件{sequence}";

        // The lead: an inspection that found it (inspections and complaints), or a letter that brought it.
        var fromInspection = script.Source is CaseSource.Inspection or CaseSource.Complaint && script.End != CaseEnd.Lead;
        if (fromInspection)
        {
            var start = _cal.At(lead, 10, 0);
            Inspect(start, $"{label} 检查发现线索", async () =>
            {
                if (script.Unlicensed) await RegisterAsync(officer, venue);
                found = await RecordAsync(new InspectionPlan
                {
                    Venue = venue, Start = start, First = officer, Second = partner, Minutes = 60,
                    Kind = script.Source == CaseSource.Complaint ? InspectionKind.Complaint : InspectionKind.Routine,
                    ComplaintReference = script.Source == CaseSource.Complaint ? reference : null,
                    Violations = [script.Item], Outcome = InspectionOutcome.CaseLead,
                    CaseLead = $"{finding}，涉嫌违反{ViolationName(script.Violation)}的规定，建议立案调查。",
                    Seizures = script.Penalty.Items is { } items && script.Unlicensed ? [Seizure(items)] : null,
                    Closed = script.Unlicensed,
                    Notes = script.Unlicensed ? "现场责令停止经营活动，依法先行登记保存涉案设备。" : null,
                });
            });
        }
        else if (script.Unlicensed)
        {
            _time.At(_cal.At(lead, 9, 0), $"{label} 登记无证场所", () => RegisterAsync(officer, venue));
        }

        _time.At(_cal.At(lead, 15, 30), $"{label} 登记线索", async () => state.Took(await _send.Do(officer, new OpenLead.Command
        {
            Source = Wire.Name(script.Source),
            SourceReference = script.Source == CaseSource.Inspection ? null : reference,
            InspectionId = found?.Id,
            VenueId = venue.Id,
            Party = new OpenLead.PartyInput("venue", null, null, null, null),
            ViolationCode = script.Violation,
            Facts = found is not null
                ? $"{lead:yyyy年M月d日}，执法人员{officer.Name}、{partner.Name}对{venue.Name}（{venue.Address}）进行检查时发现：{finding}。"
                : $"{SourceWords(script.Source)}反映：{venue.Name}（{venue.Address}）{finding}。经初步核实，情况基本属实。",
            OccurredOn = found is not null ? lead : lead.AddDays(-_rng.Next(1, 5)),
        })));
        if (script.End == CaseEnd.Lead) return;

        Task Step(DemoUser who, string to, Func<TransitionCase.Command, TransitionCase.Command>? details = null, string? note = null) =>
            Transition(state, who, to, details, note);

        var filedAt = _cal.At(filed, 10, 0);
        if (script.End == CaseEnd.NotFiled)
        {
            _time.At(filedAt, $"{label} 不予立案", () => Step(supervisor, "notFiled", note: script.Reason));
            return;
        }
        _time.At(filedAt, $"{label} 立案", () => Step(supervisor, "filed", note: "经审查，符合立案条件，同意立案。"));
        if (script.Letter is { } department)
        {
            var sent = _cal.AddWorkdays(filed, 2);
            _time.At(_cal.At(sent, 11, 0), $"{label} 函告", async () => state.Took(await _send.Do(officer, new SendReferralLetter.Command
            {
                Id = state.Id, Version = state.Version, Department = department, SentOn = sent,
                Reason = "当事人无证无照从事互联网上网服务经营活动，函告市场监管部门依法查处其无照经营行为。",
            })));
        }
        if (script.End == CaseEnd.Filed) return;

        _time.At(_cal.At(investigation, 9, 30), $"{label} 调查取证", async () =>
        {
            await Step(officer, "investigation", note: "制作询问笔录，调取相关证据。");
            state.Took(await _send.Do(officer, found is not null
                ? new AddCaseEvidence.Command { Id = state.Id, Version = state.Version, Kind = "inspection", Reference = found.Id.ToString(), Description = "现场检查记录及照片" }
                : new AddCaseEvidence.Command { Id = state.Id, Version = state.Version, Kind = "document", Reference = $"询问笔录（{investigation:yyyy-MM-dd}）", Description = "对当事人的询问笔录" }));
        });
        if (script.Appraisal)
        {
            var from = investigation.AddDays(3);
            var to = investigation.AddDays(17);
            _time.At(_cal.At(_cal.OnOrAfter(to.AddDays(1)), 10, 0), $"{label} 鉴定期间", async () => state.Took(await _send.Do(officer, new SuspendCaseClock.Command
            {
                Id = state.Id, Version = state.Version, Kind = "appraisal", StartOn = from, EndOn = to, Reason = "涉案出版物送四川省版权局鉴定，鉴定期间不计入办案期限。",
            })));
        }
        if (script.End == CaseEnd.Investigation) return;
        if (script.End == CaseEnd.Withdrawn)
        {
            _time.At(_cal.At(_cal.AddWorkdays(investigation, 15), 16, 0), $"{label} 撤销立案", () => Step(supervisor, "withdrawn", note: script.Reason));
            return;
        }
        if (script.Extension)
            _time.At(_cal.At(_cal.OnOrAfter(filed.AddDays(80)), 16, 0), $"{label} 延长办案期限", async () => state.Took(await _send.Do(supervisor, new ExtendCaseLimit.Command
            {
                Id = state.Id, Version = state.Version, Days = 30, Reason = "案情复杂，涉案出版物来源需跨区调查，经集体讨论延长办案期限 30 日。",
            })));

        _time.At(_cal.At(path.Review, 10, 0), $"{label} 法制审核", () => Step(officer, "legalReview", note: "调查终结，提交法制审核。"));
        if (script.End == CaseEnd.LegalReview) return;
        if (script.End is CaseEnd.NoPenalty or CaseEnd.NoPenaltyClosed)
        {
            var decided = _cal.AddWorkdays(path.Review, 3);
            _time.At(_cal.At(decided, 15, 0), $"{label} 不予处罚", () => Step(supervisor, "noPenalty", note: script.Reason));
            if (script.End == CaseEnd.NoPenaltyClosed)
                _time.At(_cal.At(_cal.AddWorkdays(decided, 3), 11, 0), $"{label} 结案", () => Step(supervisor, "closed", note: "不予处罚决定已送达，结案。"));
            return;
        }
        if (script.End == CaseEnd.TransferredClosed)
        {
            var moved = _cal.AddWorkdays(path.Review, 2);
            _time.At(_cal.At(moved, 15, 0), $"{label} 移送", () => Step(supervisor, "transferred", c => c with
            {
                Decision = new TransitionCase.DecisionInput(null, null, null, null, null, null, script.TransferTo),
            }, script.Reason));
            _time.At(_cal.At(_cal.AddWorkdays(moved, 5), 11, 0), $"{label} 结案", () => Step(supervisor, "closed", note: "案件已移送公安机关，结案。"));
            return;
        }

        _time.At(_cal.At(path.Notice, 10, 0), $"{label} 事先告知", () => Step(supervisor, "priorNotice", c => c with
        {
            PriorNotice = new TransitionCase.PriorNoticeInput(path.Notice, script.Waived, new TransitionCase.ProposedPenaltyInput(
                script.Penalty.Warning, script.Penalty.Fine > 0 ? script.Penalty.Fine : null, script.Penalty.Income > 0 ? script.Penalty.Income : null,
                script.Penalty.Items, script.Penalty.SuspensionDays, script.Penalty.Revoke)),
        }, script.Waived ? "当事人当场表示放弃陈述、申辩和听证权利。" : "送达行政处罚事先告知书，告知当事人陈述、申辩及要求听证的权利。"));
        if (script.End == CaseEnd.PriorNotice) return;
        if (path.Hearing is { } hearing)
        {
            _time.At(_cal.At(hearing, 11, 0), $"{label} 听证", () => Step(officer, "hearing", c => c with
            {
                Hearing = new TransitionCase.HearingInput(hearing),
            }, "当事人书面申请听证。"));
            if (script.End == CaseEnd.Hearing) return;
        }

        var p = script.Penalty;
        _time.At(_cal.At(path.Decision, 16, 0), $"{label} 处罚决定", () => Step(supervisor, "decided", c => c with
        {
            Decision = new TransitionCase.DecisionInput(p.Warning, p.Fine > 0 ? p.Fine : null, p.Income > 0 ? p.Income : null, p.Items,
                p.SuspensionDays, p.Revoke, null),
        }, "经集体讨论，作出行政处罚决定。"));
        if (script.End == CaseEnd.Decided) return;

        _time.At(_cal.At(path.Service, 10, 30), $"{label} 送达", async () =>
        {
            await Step(officer, "served", c => c with { Service = new TransitionCase.ServiceInput(Pick(new[] { "直接送达", "直接送达", "邮寄送达", "留置送达" })) });
            if (p.Revoke) await UpdateAsync(officer, venue, v => v.Status = LicenseStatus.Revoked);
            if (p.SuspensionDays is not null) await UpdateAsync(officer, venue, v => v.Status = LicenseStatus.Suspended);
        });
        if (p.SuspensionDays is { } days)
            _time.At(_cal.At(_cal.OnOrAfter(path.Service.AddDays(days + 1)), 9, 0), $"{label} 停业整顿期满",
                () => UpdateAsync(officer, venue, v => v.Status = LicenseStatus.Licensed));
        if (script.Reconsideration)
        {
            var filedOn = path.Service.AddDays(20);
            _time.At(_cal.At(_cal.OnOrAfter(filedOn), 10, 0), $"{label} 行政复议", async () => state.Took(await _send.Do(officer, new RecordChallenge.Command
            {
                Id = state.Id, Version = state.Version, Kind = "reconsideration", Authority = "温江区人民政府", FiledOn = filedOn,
                Note = "当事人不服处罚决定，向区人民政府申请行政复议。",
            })));
            var decidedOn = filedOn.AddDays(45);
            _time.At(_cal.At(_cal.OnOrAfter(decidedOn), 15, 0), $"{label} 复议决定", async () => state.Took(await _send.Do(officer, new RecordChallengeOutcome.Command
            {
                Id = state.Id, ChallengeId = state.ChallengeId!.Value, Version = state.Version, Outcome = "upheld", DecidedOn = decidedOn,
            })));
        }
        if (script.End == CaseEnd.Served) return;

        _time.At(_cal.At(path.Execution, 15, 0), $"{label} 执行", () => Step(officer, "executed", c => c with
        {
            Execution = new TransitionCase.ExecutionInput(p.Fine > 0 ? Max(path.Service, path.Execution.AddDays(-1)) : null, p.Fine > 0 ? p.Fine : null,
                p.Items is null ? null : "没收物品已登记造册，依法予以销毁。"),
        }, p.Fine > 0 ? "当事人已按期缴纳罚款。" : "处罚决定已履行。"));
        if (script.End == CaseEnd.Executed) return;

        _time.At(_cal.At(path.Closing, 11, 0), $"{label} 结案", () => Step(supervisor, "closed", note: "处罚决定已执行完毕，结案。"));
        if (script.End == CaseEnd.Archived)
            _time.At(_cal.At(path.Archive, 14, 0), $"{label} 归档", () => Step(officer, "archived", note: "案卷整理完毕，立卷归档。"));
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private async Task Transition(CaseState state, DemoUser who, string to, Func<TransitionCase.Command, TransitionCase.Command>? details, string? note)
    {
        var command = new TransitionCase.Command { Id = state.Id, To = to, Version = state.Version, Note = note };
        state.Took(await _send.Do(who, details is null ? command : details(command)));
    }

    private static RecordInspection.Seizure Seizure(string items)
    {
        // "电脑主机 15 台" → item, quantity, unit
        var parts = items.Split(' ');
        return new RecordInspection.Seizure(parts[0], int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), parts[2]);
    }

    private static string ViolationName(string code) => code switch
    {
        "cafe-minors-admitted" or "cafe-id-not-checked" or "cafe-outside-hours" or "cafe-minors-sign-missing" or "unlicensed-operation"
            => "《互联网上网服务营业场所管理条例》",
        "entertainment-unlicensed" or "entertainment-outside-hours" or "entertainment-minors-admitted" or "entertainment-prohibited-content"
            => "《娱乐场所管理条例》",
        "illegal-publications" or "pirated-publications" or "publications-unlicensed" => "《出版管理条例》",
        "printing-unlicensed" => "《印刷业管理条例》",
        "performance-without-approval" => "《营业性演出管理条例》",
        _ => "有关法律法规",
    };

    /// <summary>A case lead found yesterday that nobody has opened a case from yet: the list of pending leads shows it.</summary>
    private void PlanPendingLead()
    {
        var day = _cal.OnOrBefore(Today.AddDays(-1));
        var (first, second) = Pair();
        var start = _cal.At(day, 20, 30);
        Inspect(start, "夜查发现线索（待立案）", async () =>
        {
            if (PickTrading(VenueType.InternetCafe) is not { } venue) return;
            await RecordAsync(new InspectionPlan
            {
                Venue = venue, Start = start, First = first, Second = second, Minutes = 50, Violations = ["IC-MINOR", "IC-ID"],
                Outcome = InspectionOutcome.CaseLead, CaseLead = "夜查发现接纳未成年人上网且未核对身份证件，建议立案调查。",
                Notes = "夜间巡查，已责令当场清退未成年人。",
            });
        });
    }
}
