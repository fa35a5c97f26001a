using Inspections.Core.Common;
using Inspections.Core.Features.OfficeWork;

namespace Inspections.Api.Endpoints;

/// <summary>
/// The office's own work that its half-year report counts: legal trainings for venue owners, publicity events, letters
/// answered (区长信箱, 信访) with their reply limits, and seizures made in actions (stations' included).
/// </summary>
public sealed class OfficeWorkEndpoints : IEndpointModule
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var trainings = app.MapGroup("/api/trainings").WithTags("Office work 科室工作");
        trainings.MapCreate<RecordTraining.Command, TrainingDto>("/", (RecordTraining.Command command) => command,
                (_, training) => $"/api/trainings/{training.Id}")
            .WithSummary("登记经营业主法律法规培训（日期、主题、参训场所类型、人数、地点） Record a legal training for venue owners");
        trainings.MapQuery<ListTrainings.Query, Page<TrainingDto>>("/", ([AsParameters] ListTrainings.Query query) => query)
            .WithSummary("培训列表（按日期倒序，分页） Trainings");
        trainings.MapQuery<GetTraining.Query, TrainingDto>("/{id:guid}", (Guid id) => new GetTraining.Query(id))
            .WithSummary("查看培训 A training");

        var publicity = app.MapGroup("/api/publicity-events").WithTags("Office work 科室工作");
        publicity.MapCreate<RecordPublicity.Command, PublicityDto>("/", (RecordPublicity.Command command) => command,
                (_, created) => $"/api/publicity-events/{created.Id}")
            .WithSummary("登记法律法规宣传活动（日期、主题、地点、形式） Record a publicity event");
        publicity.MapQuery<ListPublicity.Query, Page<PublicityDto>>("/", ([AsParameters] ListPublicity.Query query) => query)
            .WithSummary("宣传活动列表（按日期倒序，分页） Publicity events");
        publicity.MapQuery<GetPublicity.Query, PublicityDto>("/{id:guid}", (Guid id) => new GetPublicity.Query(id))
            .WithSummary("查看宣传活动 A publicity event");

        var letters = app.MapGroup("/api/letters").WithTags("Office work 科室工作");
        letters.MapCreate<RecordLetter.Command, LetterDto>("/", (RecordLetter.Command command) => command,
                (_, letter) => $"/api/letters/{letter.Id}")
            .WithSummary("登记区长信箱来信或群众信访函；答复期限按工作日历计算并纳入临期、超期提醒 Record a mailbox or petition letter");
        letters.MapQuery<ListLetters.Query, Page<LetterDto>>("/", ([AsParameters] ListLetters.Query query) => query)
            .WithSummary("来信列表（可按类别、未答复筛选，分页） Letters");
        letters.MapQuery<GetLetter.Query, LetterDto>("/{id:guid}", (Guid id) => new GetLetter.Query(id))
            .WithSummary("查看来信及其期限 A letter and its clock");
        letters.MapCommand<AcceptLetter.Command, LetterDto>("/{id:guid}/acceptance", (Guid id, AcceptLetter.Command command) => command with { Id = id })
            .WithSummary("登记信访事项告知受理（仅信访函；须带 version） Record that a petition is accepted");
        letters.MapCommand<ReplyToLetter.Command, LetterDto>("/{id:guid}/reply", (Guid id, ReplyToLetter.Command command) => command with { Id = id })
            .WithSummary("登记答复（日期、内容；须带 version） Record the reply");

        var seizures = app.MapGroup("/api/seizures").WithTags("Office work 科室工作");
        seizures.MapCreate<RecordSeizure.Command, OfficeSeizureDto>("/", (RecordSeizure.Command command) => command,
                (_, seizure) => $"/api/seizures/{seizure.Id}")
            .WithSummary("登记收缴、暂扣物品（可关联场所、专项行动、检查记录；乡镇文化站可登记本乡镇） Record a seizure");
        seizures.MapQuery<ListSeizures.Query, Page<OfficeSeizureDto>>("/", ([AsParameters] ListSeizures.Query query) => query)
            .WithSummary("收缴暂扣记录列表（按日期倒序，分页） Seizures");
        seizures.MapQuery<GetSeizure.Query, OfficeSeizureDto>("/{id:guid}", (Guid id) => new GetSeizure.Query(id))
            .WithSummary("查看收缴暂扣记录 A seizure");
    }
}
