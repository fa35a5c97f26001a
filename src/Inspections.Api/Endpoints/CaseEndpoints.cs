using Inspections.Domain.Venues;
using Inspections.Core.Common;
using Inspections.Core.Features.Cases;

namespace Inspections.Api.Endpoints;

public sealed class CaseEndpoints : IEndpointModule
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapQuery<ListViolations.Query, IReadOnlyList<ListViolations.ViolationDto>>("/api/violations",
                ([OneOf<VenueType>] string? venueType) => new ListViolations.Query(venueType))
            .WithTags("Cases 行政处罚案件")
            .WithSummary("常见违法行为目录（含法律依据） Violation catalog with legal basis");

        var cases = app.MapGroup("/api/cases").WithTags("Cases 行政处罚案件");

        cases.MapCreate<OpenLead.Command, CaseDto>("/", (OpenLead.Command command) => command, (_, created) => $"/api/cases/{created.Id}")
            .WithSummary("登记案件线索 Record a lead");

        cases.MapQuery<SearchCases.Query, Page<SearchCases.CaseSummary>>("/", ([AsParameters] SearchCases.Query query) => query)
            .WithSummary("案件台账（按阶段、承办人、场所、违法行为、立案日期、案号；游标分页） Search cases");

        cases.MapQuery<GetCase.Query, CaseDto>("/{id:guid}", (Guid id) => new GetCase.Query(id))
            .WithSummary("查看案件（阶段、可办理的下一步、期限状态与说明、全过程记录） Get a case");

        cases.MapCommand<TransitionCase.Command, CaseDto>("/{id:guid}/transitions", (Guid id, TransitionCase.Command command) => command with { Id = id })
            .WithSummary("办理下一步（立案、不予立案、调查、法制审核、事先告知、听证、决定、送达、执行、结案、归档、撤销立案；须带 version） Move a case to its next stage");

        cases.MapCommand<SuspendCaseClock.Command, CaseDto>("/{id:guid}/suspensions", (Guid id, SuspendCaseClock.Command command) => command with { Id = id })
            .WithSummary("登记不计入办案期限的期间（听证、鉴定等） Suspend the decision limit");

        cases.MapCommand<EndCaseSuspension.Command, CaseDto>("/{id:guid}/suspensions/{suspensionId:guid}/end",
                (Guid id, Guid suspensionId, EndCaseSuspension.Command command) => command with { Id = id, SuspensionId = suspensionId })
            .WithSummary("结束中止期间 End a suspension");

        cases.MapCommand<ExtendCaseLimit.Command, CaseDto>("/{id:guid}/extensions", (Guid id, ExtendCaseLimit.Command command) => command with { Id = id })
            .WithSummary("批准延长办案期限（科长） Approve an extension (supervisor)");

        cases.MapCommand<AddCaseEvidence.Command, CaseDto>("/{id:guid}/evidence", (Guid id, AddCaseEvidence.Command command) => command with { Id = id })
            .WithSummary("关联证据（检查记录、照片、笔录） Link evidence");

        cases.MapCommand<RecordChallenge.Command, CaseDto>("/{id:guid}/challenges", (Guid id, RecordChallenge.Command command) => command with { Id = id })
            .WithSummary("登记行政复议或行政诉讼 Record a reconsideration or lawsuit");

        cases.MapReplace<RecordChallengeOutcome.Command, CaseDto>("/{id:guid}/challenges/{challengeId:guid}",
                (Guid id, Guid challengeId, RecordChallengeOutcome.Command command) => command with { Id = id, ChallengeId = challengeId })
            .WithSummary("登记复议或诉讼结果（维持、变更、撤销） Record its outcome");

        cases.MapCommand<SendReferralLetter.Command, CaseDto>("/{id:guid}/referrals", (Guid id, SendReferralLetter.Command command) => command with { Id = id })
            .WithSummary("登记函告（如黑网吧函告工商） Record a referral letter");

        var onTheSpot = app.MapGroup("/api/on-the-spot-penalties").WithTags("Cases 行政处罚案件");
        onTheSpot.MapCreate<RecordOnTheSpotPenalty.Command, OnTheSpotPenaltyDto>("/", (RecordOnTheSpotPenalty.Command command) => command,
                (_, created) => $"/api/on-the-spot-penalties/{created.Id}")
            .WithSummary("登记当场处罚决定（简易程序：警告，或对公民 200 元、对单位 3000 元以下罚款；无办案期限） File an on-the-spot penalty (simplified procedure)");
        onTheSpot.MapQuery<GetOnTheSpotPenalty.Query, OnTheSpotPenaltyDto>("/{id:guid}", (Guid id) => new GetOnTheSpotPenalty.Query(id))
            .WithSummary("查看当场处罚决定 Get an on-the-spot penalty");

        cases.MapQuery<CaseClosureRate.Query, CaseClosureRate.Report>("/closure-rate", ([AsParameters] ClosureRateParameters p) => new CaseClosureRate.Query
            {
                From = p.From, To = p.To, AsOf = p.AsOf, Jurisdiction = p.Jurisdiction, By = p.By,
            })
            .WithSummary("案件办结率（按期间、辖区；可按场所类型、违法行为、执法人员分组） Closure rate");
    }

    public sealed record ClosureRateParameters(DateOnly? From, DateOnly? To, DateOnly? AsOf, string? Jurisdiction, [OneOf<CaseClosureRate.Grouping>] string? By);
}
