using System.Net;
using System.Text.Json;
using Inspections.Api.Tests.Infrastructure;
using Inspections.Api.Tests.InspectionsFeature;

namespace Inspections.Api.Tests.Cases;

[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class CaseStageTests(string provider) : CaseFixture(provider)
{
    protected override IEnumerable<TestUser> FixtureUsers => Officers.Of();

    private static string[] Strings(JsonElement e, string property) =>
        e.GetProperty(property).EnumerateArray().Select(x => x.GetString()!).ToArray();

    [Test]
    public async Task The_prior_notice_carries_the_proposed_penalty_or_is_refused_in_chinese_and_english_without_writing_anything()
    {
        SetLocal(2026, 3, 2);
        var boss = Supervisor();
        var c = await OpenLeadAsync();
        foreach (var to in new[] { "filed", "investigation", "legalReview" }) c = await StepOkAsync(boss, c, to);
        var steps = await Api.CountAsync("case_stage_history");

        async Task<string[]> Refused(object priorNotice, string field, string? language = null)
        {
            var client = Api.Client("supervisor", "510115", language);
            var problem = await (await StepAsync(client, c, "priorNotice", new { priorNotice })).Expect(HttpStatusCode.BadRequest);
            return problem.FieldErrors(field);
        }

        Assert.That(await Refused(new { noticeOn = "2026-03-02" }, "priorNotice.proposedPenalty"),
            Is.EqualTo(new[] { "事先告知须写明拟作出的行政处罚（《行政处罚法》第四十四条）" }));
        Assert.That(await Refused(new { noticeOn = "2026-03-02" }, "priorNotice.proposedPenalty", "en"),
            Is.EqualTo(new[] { "The prior notice states the proposed penalty (Administrative Penalty Law art. 44)" }));
        Assert.That(await Refused(new { noticeOn = "2026-03-02", proposedPenalty = new { warning = false, fineAmount = 0 } }, "priorNotice.proposedPenalty"),
            Is.EqualTo(new[] { "拟作出的行政处罚至少包含一项：警告、罚款、没收违法所得或物品、责令停业整顿、吊销许可证" }));
        Assert.That(await Refused(new { noticeOn = "2026-03-02", proposedPenalty = new { fineAmount = -5 } }, "priorNotice.proposedPenalty.fineAmount"),
            Has.Length.EqualTo(1).And.Some.Contains("拟罚款金额"));
        Assert.That(await Refused(new { noticeOn = "2026-03-02", proposedPenalty = new { fineAmount = 100.123m } }, "priorNotice.proposedPenalty.fineAmount"),
            Has.Length.EqualTo(1));
        Assert.That(await Refused(new { noticeOn = "2026-03-02", proposedPenalty = new { suspensionDays = 0, warning = true } }, "priorNotice.proposedPenalty.suspensionDays"),
            Has.Length.EqualTo(1));
        var unchanged = await (await boss.GetAsync($"/api/cases/{c.Str("id")}")).Expect(HttpStatusCode.OK);
        var stepsAfter = await Api.CountAsync("case_stage_history");
        Assert.Multiple(() =>
        {
            Assert.That(unchanged.Str("stage"), Is.EqualTo("legalReview"));
            Assert.That(unchanged.GetProperty("proposedPenalty").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(stepsAfter, Is.EqualTo(steps), "a refused step writes nothing");
        });

        c = await StepOkAsync(boss, c, "priorNotice", new
        {
            priorNotice = new
            {
                noticeOn = "2026-03-02", rightsWaived = false,
                proposedPenalty = new { fineAmount = 12000.5m, confiscatedIncome = 800m, confiscatedItems = "电脑主机 3 台", suspensionDays = 15 },
            },
        });
        foreach (var read in new[] { c, await (await Officer().GetAsync($"/api/cases/{c.Str("id")}")).Expect(HttpStatusCode.OK) })
        {
            var p = read.GetProperty("proposedPenalty");
            Assert.Multiple(() =>
            {
                Assert.That(p.GetProperty("warning").GetBoolean(), Is.False);
                Assert.That(p.GetProperty("fineAmount").GetDecimal(), Is.EqualTo(12000.5m));
                Assert.That(p.GetProperty("confiscatedIncome").GetDecimal(), Is.EqualTo(800m));
                Assert.That(p.Str("confiscatedItems"), Is.EqualTo("电脑主机 3 台"));
                Assert.That(p.GetProperty("suspensionDays").GetInt32(), Is.EqualTo(15));
                Assert.That(p.GetProperty("licenseRevoked").GetBoolean(), Is.False);
                Assert.That(read.GetProperty("decision").ValueKind, Is.EqualTo(JsonValueKind.Null), "proposed, not decided");
            });
        }
    }

    [Test]
    public async Task A_case_is_carried_from_an_inspection_lead_through_every_stage_to_archive()
    {
        SetLocal(2026, 3, 2);
        var officer = Officer();
        var boss = Supervisor();
        var venue = await (await officer.PostJson("/api/venues", new
        {
            name = "星空网吧", address = "温江区柳城大道 88 号", type = "internetCafe", licenseStatus = "licensed",
            licenseNumber = Licences.Unique("川网文 0115 号"), terminals = 120, operatorName = "王某",
        })).Expect(HttpStatusCode.Created);

        var inspection = await (await Api.ZhangSanClient().PostJson("/api/inspections", new Dictionary<string, object?>
        {
            ["venueId"] = venue.Str("id"), ["kind"] = "routine",
            ["startedAt"] = new DateTimeOffset(2026, 3, 1, 22, 0, 0, TimeSpan.FromHours(8)),
            ["endedAt"] = new DateTimeOffset(2026, 3, 1, 22, 40, 0, TimeSpan.FromHours(8)),
            ["officers"] = new[] { Officers.ZhangSanOnForm, Officers.LiSiOnForm },
            ["location"] = "温江区柳城大道 88 号",
            ["results"] = new[] { "IC-LIC", "IC-MINOR", "IC-SIGN", "IC-HOURS", "IC-ID", "IC-CONTENT", "IC-FIRE" }
                .Select(code => code == "IC-MINOR"
                    ? new Dictionary<string, object?> { ["itemCode"] = code, ["result"] = "violation", ["note"] = "接纳未成年人 3 名" }
                    : new Dictionary<string, object?> { ["itemCode"] = code, ["result"] = "compliant" }).ToList(),
            ["outcome"] = "caseLead",
            ["caseLeadDescription"] = "涉嫌接纳未成年人",
        })).Expect(HttpStatusCode.Created);

        var c = await (await officer.PostJson("/api/cases", new
        {
            source = "inspection", inspectionId = inspection.Str("id"), venueId = venue.Str("id"),
            party = new { kind = "venue" }, violationCode = "cafe-minors-admitted",
            facts = "3 月 1 日 22 时日常检查发现接纳未成年人 3 名上网。", occurredOn = "2026-03-01",
        })).Expect(HttpStatusCode.Created);
        Assert.That(c.Str("stage"), Is.EqualTo("lead"));
        Assert.That(c.GetProperty("party").Str("name"), Is.EqualTo("王某"), "a venue party defaults to the venue's operator");
        Assert.That(c.GetProperty("violation").Str("legalBasis"), Does.Contain("第二十一条"));
        Assert.That(Strings(c, "allowedNext"), Is.EqualTo(new[] { "filed", "notFiled" }));
        Assert.That(c.GetProperty("caseNumber").ValueKind, Is.EqualTo(JsonValueKind.Null));

        c = await StepOkAsync(boss, c, "filed");
        Assert.That(c.Str("caseNumber"), Does.Match(@"^温文执罚〔2026〕\d+号$"));
        Assert.That(c.Str("filedOn"), Is.EqualTo("2026-03-02"));
        var decision = c.GetProperty("clocks").GetProperty("decision");
        Assert.That(decision.Str("dueDate"), Is.EqualTo("2026-06-01"), "90 natural days after 3-02 is Sunday 5-31, rolled to Monday");
        c = await StepOkAsync(officer, c, "investigation");
        c = await (await officer.PostJson($"/api/cases/{c.Str("id")}/evidence", new
        {
            version = c.GetProperty("version").GetInt64(), kind = "inspection", reference = inspection.Str("id"), description = "现场检查笔录",
        })).Expect(HttpStatusCode.OK);
        var unknown = await (await officer.PostJson($"/api/cases/{c.Str("id")}/evidence", new
        {
            version = c.GetProperty("version").GetInt64(), kind = "photo", reference = Guid.NewGuid(),
        })).Expect(HttpStatusCode.BadRequest);
        Assert.That(unknown.FieldErrors("reference"), Is.Not.Empty);
        c = await StepOkAsync(officer, c, "legalReview");
        c = await StepOkAsync(boss, c, "priorNotice", new { priorNotice = new { noticeOn = "2026-03-02", rightsWaived = false, proposedPenalty = new { warning = true, fineAmount = 3000 } } });
        SetLocal(2026, 3, 4);
        c = await StepOkAsync(officer, c, "hearing", new { hearing = new { requestedOn = "2026-03-04" } });
        Assert.That(c.GetProperty("clocks").GetProperty("decision").Str("status"), Is.EqualTo("suspended"));
        SetLocal(2026, 3, 20);
        c = await StepOkAsync(boss, c, "decided", new
        {
            decision = new { warning = true, fineAmount = 5000.00m, confiscatedIncome = 320.50m, confiscatedItems = "电脑主机 2 台" },
        });
        var suspension = c.GetProperty("suspensions")[0];
        Assert.That((suspension.Str("kind"), suspension.Str("startOn"), suspension.Str("endOn")), Is.EqualTo(("hearing", "2026-03-04", "2026-03-19")));
        Assert.That(c.GetProperty("clocks").GetProperty("decision").Str("status"), Is.EqualTo("completedOnTime"));
        // 行政处罚法 art. 61 with art. 85: 7 working days from Friday 3-20 (3-23..3-27, 3-30, 3-31), not the natural 3-27.
        Assert.That(c.GetProperty("clocks").GetProperty("service").Str("dueDate"), Is.EqualTo("2026-03-31"));
        c = await StepOkAsync(officer, c, "served", new { service = new { method = "直接送达" } });
        Assert.That(c.GetProperty("clocks").GetProperty("service").Str("status"), Is.EqualTo("completedOnTime"));
        Assert.That(c.GetProperty("clocks").GetProperty("payment").Str("dueDate"), Is.EqualTo("2026-04-07"), "15 days after 3-20 is 4-04, in the Qingming holiday, rolled to 4-07");

        SetLocal(2026, 4, 1);
        var unpaid = await (await StepAsync(officer, c, "executed", new { execution = new { itemsDisposed = "依法拍卖" } })).Expect(HttpStatusCode.BadRequest);
        Assert.That(unpaid.FieldErrors("execution.finePaidAmount"), Is.Not.Empty);
        c = await StepOkAsync(officer, c, "executed", new { execution = new { finePaidOn = "2026-03-30", finePaidAmount = 5000m, itemsDisposed = "依法拍卖" } });
        Assert.That(c.GetProperty("clocks").GetProperty("payment").Str("status"), Is.EqualTo("completedOnTime"));
        c = await StepOkAsync(boss, c, "closed");
        c = await StepOkAsync(officer, c, "archived");

        Assert.That(c.Str("stage"), Is.EqualTo("archived"));
        Assert.That(Strings(c, "allowedNext"), Is.Empty);
        var steps = c.GetProperty("history").EnumerateArray().Select(h => h.Str("toStage")).ToArray();
        Assert.That(steps, Is.EqualTo(new[] { "lead", "filed", "investigation", "legalReview", "priorNotice", "hearing", "decided", "served", "executed", "closed", "archived" }));
        Assert.That(c.GetProperty("history").EnumerateArray().All(h => h.Str("actorId").Length > 0), Is.True);
        Assert.That(c.GetProperty("decision").GetProperty("fineAmount").GetDecimal(), Is.EqualTo(5000m));
        Assert.That(c.GetProperty("decision").GetProperty("confiscatedIncome").GetDecimal(), Is.EqualTo(320.50m));
        var trail = await (await boss.GetAsync($"/api/audit?entityType=case&entityId={c.Str("id")}")).Expect(HttpStatusCode.OK);
        Assert.That(trail.GetArrayLength(), Is.EqualTo(12), "eleven steps and the evidence link");
        Assert.That(c.GetProperty("evidence")[0].Str("reference"), Is.EqualTo(inspection.Str("id")));
    }

    /// <summary>Every stage reached along the paths below is tried with every stage it may not move to.</summary>
    private static readonly string[][] Paths =
    [
        ["filed", "investigation", "legalReview", "priorNotice", "hearing", "decided", "served", "executed", "closed", "archived"],
        ["notFiled"],
        ["filed", "withdrawn"],
        ["filed", "investigation", "legalReview", "noPenalty", "closed"],
        ["filed", "investigation", "legalReview", "transferred"],
    ];

    private static readonly string[] AllStages =
        ["lead", "notFiled", "filed", "investigation", "legalReview", "priorNotice", "hearing", "decided", "noPenalty",
         "transferred", "served", "executed", "closed", "archived", "withdrawn"];

    [Test]
    public async Task Every_illegal_transition_is_refused_naming_the_current_stage_and_the_allowed_next_ones()
    {
        SetLocal(2026, 3, 2);
        var boss = Supervisor();
        var refused = 0;
        var seen = new HashSet<string>();
        foreach (var path in Paths)
        {
            var c = await OpenLeadAsync();
            foreach (var next in path.Append(null))
            {
                var stage = c.Str("stage");
                var allowed = Strings(c, "allowedNext");
                if (seen.Add(stage))
                {
                    foreach (var target in AllStages.Where(t => t != "lead" && !allowed.Contains(t)))
                    {
                        var problem = await (await StepAsync(boss, c, target, Sections(Today))).Expect(HttpStatusCode.Conflict);
                        Assert.That(problem.Str("currentStage"), Is.EqualTo(stage), $"{stage} → {target}");
                        Assert.That(Strings(problem, "allowedNext"), Is.EqualTo(allowed), $"{stage} → {target}");
                        Assert.That(problem.Str("detail"), Does.Contain("不能转入"));
                        refused++;
                    }
                    var after = await (await boss.GetAsync($"/api/cases/{c.Str("id")}")).Expect(HttpStatusCode.OK);
                    Assert.That(after.GetProperty("version").GetInt64(), Is.EqualTo(c.GetProperty("version").GetInt64()), "a refused step writes nothing");
                }
                if (next is not null) c = await StepOkAsync(boss, c, next, Sections(Today));
            }
        }
        Assert.That(seen, Is.EquivalentTo(AllStages));
        Assert.That(refused, Is.GreaterThan(150));
    }

    [Test]
    public async Task The_english_refusal_names_the_stages_in_english()
    {
        var c = await OpenLeadAsync();
        var english = Api.Client("supervisor", language: "en");
        var problem = await (await StepAsync(english, c, "decided", Sections(Today))).Expect(HttpStatusCode.Conflict);
        Assert.That(problem.Str("detail"), Does.Contain("lead").And.Contain("filed, not filed"));
    }

    [Test]
    public async Task Withdrawal_needs_a_reason_and_is_possible_only_before_the_decision()
    {
        var c = await CarryAsync("filed", "investigation");
        var noReason = await (await Supervisor().PostJson($"/api/cases/{c.Str("id")}/transitions",
            new { to = "withdrawn", version = c.GetProperty("version").GetInt64() })).Expect(HttpStatusCode.BadRequest);
        Assert.That(noReason.FieldErrors("note"), Is.Not.Empty);
        c = await StepOkAsync(Supervisor(), c, "withdrawn", new { note = "经查当事人不是违法主体" });
        Assert.That(c.Str("withdrawalReason"), Is.EqualTo("经查当事人不是违法主体"));

        var decided = await CarryAsync("filed", "investigation", "legalReview", "priorNotice", "decided");
        var problem = await (await StepAsync(Supervisor(), decided, "withdrawn", new { note = "撤销" })).Expect(HttpStatusCode.Conflict);
        Assert.That(Strings(problem, "allowedNext"), Is.EqualTo(new[] { "served" }));
    }

    [Test]
    public async Task A_supervisor_refuses_filing_with_a_reason_and_the_lead_gets_no_number()
    {
        var c = await OpenLeadAsync();
        c = await StepOkAsync(Supervisor(), c, "notFiled", new { note = "违法事实不成立" });
        Assert.That(c.Str("stage"), Is.EqualTo("notFiled"));
        Assert.That(c.Str("notFiledReason"), Is.EqualTo("违法事实不成立"));
        Assert.That(c.GetProperty("caseNumber").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(c.GetProperty("clocks").GetProperty("decision").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [TestCase("filed")]
    [TestCase("notFiled")]
    public async Task Officers_may_not_approve_filing(string to)
    {
        var c = await OpenLeadAsync();
        var problem = await (await StepAsync(Officer(), c, to, new { note = "理由" })).Expect(HttpStatusCode.Forbidden);
        Assert.That(problem.Str("detail"), Does.Contain("科长"));
    }

    [Test]
    public async Task Officers_may_not_sign_off_legal_review_decide_withdraw_or_close()
    {
        var atReview = await CarryAsync("filed", "investigation", "legalReview");
        await (await StepAsync(Officer(), atReview, "priorNotice", Sections(Today))).Expect(HttpStatusCode.Forbidden);
        await (await StepAsync(Officer(), atReview, "withdrawn", new { note = "x" })).Expect(HttpStatusCode.Forbidden);
        var executed = await CarryAsync("filed", "investigation", "legalReview", "priorNotice", "decided", "served", "executed");
        await (await StepAsync(Officer(), executed, "closed")).Expect(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task Clerks_get_403_and_other_districts_cannot_see_or_change_the_case()
    {
        var c = await OpenLeadAsync();
        await (await Api.Client("clerk").GetAsync($"/api/cases/{c.Str("id")}")).Expect(HttpStatusCode.Forbidden);
        await (await Api.Client("clerk").PostJson("/api/cases", Lead())).Expect(HttpStatusCode.Forbidden);
        await (await Supervisor("510116").GetAsync($"/api/cases/{c.Str("id")}")).Expect(HttpStatusCode.Forbidden);
        await (await StepAsync(Supervisor("510116"), c, "filed")).Expect(HttpStatusCode.Forbidden);
        await (await Supervisor("510100").GetAsync($"/api/cases/{c.Str("id")}")).Expect(HttpStatusCode.OK);
    }

    [Test]
    public async Task A_stale_version_is_409_and_changes_nothing()
    {
        var c = await OpenLeadAsync();
        var filed = await StepOkAsync(Supervisor(), c, "filed");
        var problem = await (await StepAsync(Supervisor(), c, "notFiled", new { note = "重复" })).Expect(HttpStatusCode.Conflict);
        Assert.That(problem.GetProperty("currentVersion").GetInt64(), Is.EqualTo(filed.GetProperty("version").GetInt64()));
        var now = await (await Supervisor().GetAsync($"/api/cases/{c.Str("id")}")).Expect(HttpStatusCode.OK);
        Assert.That(now.Str("stage"), Is.EqualTo("filed"));
    }

    [Test]
    public async Task A_decision_waits_for_the_statement_period_unless_the_party_waived_it()
    {
        SetLocal(2026, 3, 2);
        var c = await CarryAsync("filed", "investigation", "legalReview");
        c = await StepOkAsync(Supervisor(), c, "priorNotice", new { priorNotice = new { noticeOn = "2026-03-02", rightsWaived = false, proposedPenalty = new { warning = true, fineAmount = 3000 } } });
        // 行政处罚法 art. 64 with art. 85: five WORKING days from Monday 3-02 end on Monday 3-09 (natural days would end 3-07).
        Assert.That(c.GetProperty("clocks").GetProperty("statement").Str("dueDate"), Is.EqualTo("2026-03-09"));
        SetLocal(2026, 3, 9);
        var early = await (await StepAsync(Supervisor(), c, "decided", Sections(Today))).Expect(HttpStatusCode.Conflict);
        Assert.That(early.Str("statementPeriodEnds"), Is.EqualTo("2026-03-09"));
        var late = await (await StepAsync(Officer(), c, "hearing", new { hearing = new { requestedOn = "2026-03-10" } })).Expect(HttpStatusCode.BadRequest);
        Assert.That(late.FieldErrors("hearing.requestedOn"), Is.Not.Empty, "a request dated in the future");
        SetLocal(2026, 3, 10);
        late = await (await StepAsync(Officer(), c, "hearing", new { hearing = new { requestedOn = "2026-03-10" } })).Expect(HttpStatusCode.BadRequest);
        Assert.That(late.FieldErrors("hearing.requestedOn").Single(), Does.Contain("5 个工作日内").And.Contain("至 2026-03-09"));
        await StepOkAsync(Supervisor(), c, "decided", Sections(Today));
    }

    private static IEnumerable<TestCaseData> BadLeads()
    {
        yield return new TestCaseData(new { party = new { kind = "company", name = "某公司" }, violationCode = "cafe-outside-hours", facts = "x" }, "source").SetName("{m}(no source)");
        yield return new TestCaseData(new { source = "rumour", party = new { kind = "person", name = "李某" }, violationCode = "cafe-outside-hours", facts = "x" }, "source").SetName("{m}(unknown source)");
        yield return new TestCaseData(new { source = "complaint", party = new { kind = "company", name = "某公司", unifiedSocialCreditCode = "91510115MA6C00000A" }, violationCode = "cafe-outside-hours", facts = "x" }, "party.unifiedSocialCreditCode").SetName("{m}(bad credit code)");
        yield return new TestCaseData(new { source = "complaint", party = new { kind = "person", name = "李某" }, violationCode = "no-such-violation", facts = "x" }, "violationCode").SetName("{m}(violation not in catalog)");
        yield return new TestCaseData(new { source = "inspection", inspectionId = Guid.NewGuid(), party = new { kind = "person", name = "李某" }, violationCode = "cafe-outside-hours", facts = "x" }, "inspectionId").SetName("{m}(unknown inspection)");
        yield return new TestCaseData(new { source = "inspection", party = new { kind = "person", name = "李某" }, violationCode = "cafe-outside-hours", facts = "x" }, "inspectionId").SetName("{m}(inspection lead without its inspection)");
        yield return new TestCaseData(new { source = "complaint", party = new { kind = "venue" }, violationCode = "cafe-outside-hours", facts = "x" }, "venueId").SetName("{m}(venue party without venue)");
        yield return new TestCaseData(new { source = "complaint", venueId = Guid.NewGuid(), party = new { kind = "venue" }, violationCode = "cafe-outside-hours", facts = "x" }, "venueId").SetName("{m}(unknown venue)");
        yield return new TestCaseData(new { source = "complaint", party = new { kind = "person", name = "李某" }, violationCode = "cafe-outside-hours" }, "facts").SetName("{m}(no facts)");
    }

    [TestCaseSource(nameof(BadLeads))]
    public async Task A_bad_lead_gets_field_errors_and_writes_nothing(object body, string field)
    {
        var before = await Api.CountAsync("cases");
        var problem = await (await Officer().PostJson("/api/cases", body)).Expect(HttpStatusCode.BadRequest);
        Assert.That(problem.FieldErrors(field), Is.Not.Empty, problem.ToString());
        Assert.That(await Api.CountAsync("cases"), Is.EqualTo(before));
    }

    [Test]
    public async Task A_bad_step_gets_field_errors_and_writes_nothing()
    {
        var c = await CarryAsync("filed", "investigation", "legalReview", "priorNotice");
        var before = await Api.CountAsync("case_stage_history");
        var body = new { to = "decided", version = c.GetProperty("version").GetInt64(), decision = new { fineAmount = -5m } };
        var problem = await (await Supervisor().PostJson($"/api/cases/{c.Str("id")}/transitions", body)).Expect(HttpStatusCode.BadRequest);
        Assert.That(problem.FieldErrors("decision.fineAmount"), Is.Not.Empty);
        var nothing = await (await Supervisor().PostJson($"/api/cases/{c.Str("id")}/transitions",
            new { to = "decided", version = c.GetProperty("version").GetInt64(), decision = new { } })).Expect(HttpStatusCode.BadRequest);
        Assert.That(nothing.FieldErrors("decision"), Is.Not.Empty);
        var unknown = await (await Supervisor().PostJson($"/api/cases/{c.Str("id")}/transitions", new { to = "paroled", version = 1 })).Expect(HttpStatusCode.BadRequest);
        Assert.That(unknown.FieldErrors("to"), Is.Not.Empty);
        Assert.That(await Api.CountAsync("case_stage_history"), Is.EqualTo(before));
    }

    [Test]
    public async Task The_violation_catalog_is_seeded_with_its_legal_basis()
    {
        var all = await (await Officer().GetAsync("/api/violations")).Expect(HttpStatusCode.OK);
        var names = all.EnumerateArray().Select(v => v.Str("name")).ToList();
        Assert.That(names, Has.Some.Contains("接纳未成年人").And.Some.Contains("营业时间以外").And.Some.Contains("无证").And.Some.Contains("非法出版物"));
        Assert.That(all.EnumerateArray().All(v => v.Str("legalBasis").Length > 0 && v.Str("penaltyBasis").Length > 0), Is.True);
        var cafes = await (await Officer().GetAsync("/api/violations?venueType=bookshop")).Expect(HttpStatusCode.OK);
        Assert.That(cafes.EnumerateArray().Select(v => v.Str("code")), Does.Contain("illegal-publications").And.Not.Contain("cafe-minors-admitted"));
    }
}
