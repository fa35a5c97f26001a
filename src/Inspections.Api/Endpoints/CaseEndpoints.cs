using Inspections.Domain.Venues;
using Inspections.Core.Common;
using Inspections.Api.Auth;
using Inspections.Core.Features.Cases;
using Mediator;

namespace Inspections.Api.Endpoints;

public sealed class CaseEndpoints : IEndpointModule
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/violations", async ([OneOf<VenueType>] string? venueType, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new ListViolations.Query(venueType), ct)))
            .Allow<ListViolations.Query>()
            .WithTags("Cases 行政处罚案件")
            .WithSummary("常见违法行为目录（含法律依据） Violation catalog with legal basis")
            .Produces<IReadOnlyList<ListViolations.ViolationDto>>();

        var cases = app.MapGroup("/api/cases").WithTags("Cases 行政处罚案件");

        cases.MapPost("/", async (OpenLead.Command command, IMediator mediator, CancellationToken ct) =>
            {
                var created = await mediator.Send(command, ct);
                return Results.Created($"/api/cases/{created.Id}", created);
            })
            .Allow<OpenLead.Command>()
            .WithSummary("登记案件线索 Record a lead")
            .Produces<CaseDto>(StatusCodes.Status201Created);

        cases.MapGet("/", async ([AsParameters] SearchCases.Query query, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(query, ct)))
            .Allow<SearchCases.Query>()
            .WithSummary("案件台账（按阶段、承办人、场所、违法行为、立案日期、案号；游标分页） Search cases")
            .Produces<Inspections.Core.Common.Page<SearchCases.CaseSummary>>();

        cases.MapGet("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new GetCase.Query(id), ct)))
            .Allow<GetCase.Query>()
            .WithSummary("查看案件（阶段、可办理的下一步、期限状态与说明、全过程记录） Get a case")
            .Produces<CaseDto>();

        cases.MapPost("/{id:guid}/transitions", async (Guid id, TransitionCase.Command command, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(command with { Id = id }, ct)))
            .Allow<TransitionCase.Command>()
            .WithSummary("办理下一步（立案、不予立案、调查、法制审核、事先告知、听证、决定、送达、执行、结案、归档、撤销立案；须带 version） Move a case to its next stage")
            .Produces<CaseDto>();

        cases.MapPost("/{id:guid}/suspensions", async (Guid id, SuspendCaseClock.Command command, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(command with { Id = id }, ct)))
            .Allow<SuspendCaseClock.Command>()
            .WithSummary("登记不计入办案期限的期间（听证、鉴定等） Suspend the decision limit")
            .Produces<CaseDto>();

        cases.MapPost("/{id:guid}/suspensions/{suspensionId:guid}/end", async (Guid id, Guid suspensionId, EndCaseSuspension.Command command, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(command with { Id = id, SuspensionId = suspensionId }, ct)))
            .Allow<EndCaseSuspension.Command>()
            .WithSummary("结束中止期间 End a suspension")
            .Produces<CaseDto>();

        cases.MapPost("/{id:guid}/extensions", async (Guid id, ExtendCaseLimit.Command command, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(command with { Id = id }, ct)))
            .Allow<ExtendCaseLimit.Command>()
            .WithSummary("批准延长办案期限（科长） Approve an extension (supervisor)")
            .Produces<CaseDto>();

        cases.MapPost("/{id:guid}/evidence", async (Guid id, AddCaseEvidence.Command command, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(command with { Id = id }, ct)))
            .Allow<AddCaseEvidence.Command>()
            .WithSummary("关联证据（检查记录、照片、笔录） Link evidence")
            .Produces<CaseDto>();

        cases.MapPost("/{id:guid}/challenges", async (Guid id, RecordChallenge.Command command, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(command with { Id = id }, ct)))
            .Allow<RecordChallenge.Command>()
            .WithSummary("登记行政复议或行政诉讼 Record a reconsideration or lawsuit")
            .Produces<CaseDto>();

        cases.MapPut("/{id:guid}/challenges/{challengeId:guid}", async (Guid id, Guid challengeId, RecordChallengeOutcome.Command command, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(command with { Id = id, ChallengeId = challengeId }, ct)))
            .Allow<RecordChallengeOutcome.Command>()
            .WithSummary("登记复议或诉讼结果（维持、变更、撤销） Record its outcome")
            .Produces<CaseDto>();

        cases.MapPost("/{id:guid}/referrals", async (Guid id, SendReferralLetter.Command command, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(command with { Id = id }, ct)))
            .Allow<SendReferralLetter.Command>()
            .WithSummary("登记函告（如黑网吧函告工商） Record a referral letter")
            .Produces<CaseDto>();

        cases.MapGet("/closure-rate", async ([AsParameters] ClosureRateParameters p, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new CaseClosureRate.Query
                {
                    From = p.From, To = p.To, AsOf = p.AsOf, Jurisdiction = p.Jurisdiction, By = p.By,
                }, ct)))
            .Allow<CaseClosureRate.Query>()
            .WithSummary("案件办结率（按期间、辖区；可按场所类型、违法行为、执法人员分组） Closure rate")
            .Produces<CaseClosureRate.Report>();
    }

    public sealed record ClosureRateParameters(DateOnly? From, DateOnly? To, DateOnly? AsOf, string? Jurisdiction, [OneOf<CaseClosureRate.Grouping>] string? By);
}
