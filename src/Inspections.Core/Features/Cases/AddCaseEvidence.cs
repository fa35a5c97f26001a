using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Inspections.Domain.Cases;
using Mediator;

namespace Inspections.Core.Features.Cases;

/// <summary>
/// Links evidence 证据 to a case: an inspection record (by its id), one of an inspection's photos
/// (by the evidence file's id), a recording 视听资料 (an inspection's body-camera video or audio file, by its
/// id), or a document described by its reference (询问笔录 …).
/// </summary>
public static class AddCaseEvidence
{
    [NotForStations(StationBar.Cases)]
    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Command : ICommand<CaseDto>
    {
        [RouteValue] public Guid Id { get; init; }
        public long? Version { get; init; }
        [OneOf<CaseEvidenceKind>] public string? Kind { get; init; }
        public string? Reference { get; init; }
        public string? Description { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Version).IsVersion();
            RuleFor(x => x.Kind).Must(k => Wire.TryParse<CaseEvidenceKind>(k, out _))
                .Says($"证据类型应为：{Wire.Allowed<CaseEvidenceKind>()}", $"Kind must be one of: {Wire.Allowed<CaseEvidenceKind>()}");
            RuleFor(x => x.Reference).NotEmpty().MaximumLength(400).Named("证据编号", "Reference");
            RuleFor(x => x.Reference).Must(r => Guid.TryParse(r, out _))
                .When(x => x.Kind is "inspection" or "photo" or "recording" && !string.IsNullOrEmpty(x.Reference))
                .Says("检查记录、照片和音视频以其编号（GUID）引用", "Inspections, photos and recordings are referenced by their id (a GUID)");
            RuleFor(x => x.Description).MaximumLength(1000).Named("说明", "Description");
        }
    }

    private static readonly Sql InspectionJurisdiction = new("SELECT jurisdiction FROM inspections WHERE id = @Ref");
    private static readonly Sql PhotoJurisdiction = new("""
        SELECT i.jurisdiction FROM inspection_evidence e JOIN inspections i ON i.id = e.inspection_id WHERE e.id = @Ref
        """);
    private static readonly Sql RecordingJurisdiction = new("""
        SELECT i.jurisdiction FROM inspection_evidence e JOIN inspections i ON i.id = e.inspection_id
        WHERE e.id = @Ref AND (e.content_type LIKE 'video/%' OR e.content_type LIKE 'audio/%')
        """);
    private static readonly Sql Insert = new("""
        INSERT INTO case_evidence (id, case_id, kind, reference, description, added_at, added_by)
        VALUES (@Id, @CaseId, @Kind, @Reference, @Description, @Now, @By)
        """);

    public sealed class Handler(DbSession db, ICurrentUser user, TimeProvider clock, CaseView view) : ICommandHandler<Command, CaseDto>
    {
        public async ValueTask<CaseDto> Handle(Command command, CancellationToken ct)
        {
            var c = await CaseRows.LoadForChangeAsync(db, user, command.Id, command.Version!.Value, ct);
            if (CaseStageMachine.IsTerminal(c.StageValue) || c.StageValue == CaseStage.Closed)
                throw new ConflictException($"案件已{c.StageValue.Chinese()}，不能再添加证据。",
                    $"The case is {c.StageValue.English()}; no more evidence can be added.",
                    new Dictionary<string, object?> { ["currentStage"] = c.Stage });
            var reference = command.Reference!.Trim();
            if (command.Kind is "inspection" or "photo" or "recording")
            {
                var query = command.Kind switch { "inspection" => InspectionJurisdiction, "photo" => PhotoJurisdiction, _ => RecordingJurisdiction };
                var found = await db.QuerySingleOrDefaultAsync<string>(query, new { Ref = Guid.Parse(reference) }, ct)
                    ?? throw (command.Kind == "recording"
                        ? Input.Invalid(nameof(Command.Reference), "未找到该音视频证据（应为检查记录中的录像或录音文件）", "No such recording (a video or audio file of an inspection)")
                        : Input.Invalid(nameof(Command.Reference), "未找到该检查记录或照片", "No such inspection or photo"));
                user.EnsureCanSee(found);
            }
            var now = clock.GetUtcNow();
            await db.ExecuteAsync(Insert, new
            {
                Id = Guid.CreateVersion7(now), CaseId = c.Id, command.Kind, Reference = reference,
                Description = Input.Clean(command.Description), Now = now, By = user.DisplayName,
            }, ct);
            return await CaseRows.RecordedAsync(db, view, c, now, ct);
        }
    }

    internal static Task<string?> InspectionJurisdictionAsync(DbSession db, Guid inspectionId, CancellationToken ct) =>
        db.QuerySingleOrDefaultAsync<string>(InspectionJurisdiction, new { Ref = inspectionId }, ct);
}
