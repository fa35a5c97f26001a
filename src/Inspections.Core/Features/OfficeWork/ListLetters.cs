using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Calendar;
using Inspections.Core.Features.Jurisdictions;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.OfficeWork;

/// <summary>
/// The letters of a jurisdiction (the caller's, or one below it), latest received first, a page at a time: of one kind,
/// received within a period, or only those still waiting for their reply.
/// </summary>
public static class ListLetters
{
    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Query : IQuery<Page<LetterDto>>
    {
        [OneOf<LetterKind>] public string? Kind { get; init; }
        /// <summary>True: only letters not yet replied to.</summary>
        public bool? Open { get; init; }
        public string? Jurisdiction { get; init; }
        public DateOnly? From { get; init; }
        public DateOnly? To { get; init; }
        public string? Cursor { get; init; }
        public int? Limit { get; init; }
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(x => x.Kind).Must(Wire.IsValid<LetterKind>).When(x => x.Kind is not null)
                .Says($"未知的来信类别，可选值：{Wire.Allowed<LetterKind>()}", $"Unknown kind; allowed: {Wire.Allowed<LetterKind>()}");
            RuleFor(x => x.Jurisdiction).IsJurisdictionCode();
            RuleFor(x => x.To).GreaterThanOrEqualTo(x => x.From).When(x => x.From is not null && x.To is not null)
                .Says("结束日期不能早于开始日期", "The period ends before it starts");
            RuleFor(x => x.Limit).IsPageSize(100);
            RuleFor(x => x.Cursor).IsCursorOf<Query, OfficePageKey>();
        }
    }

    private static readonly Sql Select = new(d => $"""
        SELECT {LetterRows.Columns} FROM office_letters
        WHERE {OfficeDay.PageFilter("received_on")}
          AND (@ByKind = 0 OR kind = @Kind)
          AND (@OnlyOpen = 0 OR replied_on IS NULL)
        ORDER BY received_on DESC, id DESC
        {d.Limit("@Take")}
        """);

    public sealed class Handler(DbSession db, ICurrentUser user, TimeProvider clock, ClockOptions clocks, CalendarStore calendars)
        : IQueryHandler<Query, Page<LetterDto>>
    {
        public async ValueTask<Page<LetterDto>> Handle(Query query, CancellationToken ct)
        {
            var scope = query.Jurisdiction ?? user.Jurisdiction;
            user.EnsureCanSee(scope);
            if (query.Jurisdiction is not null) await JurisdictionRows.EnsureKnownAsync(db, nameof(Query.Jurisdiction), query.Jurisdiction, ct);
            Common.Cursor.TryDecode<OfficePageKey>(query.Cursor, out var after);
            var limit = query.Limit ?? 20;
            var parameters = OfficeDay.PageParameters(scope, query.From, query.To, after, limit + 1);
            parameters["ByKind"] = query.Kind is null ? 0 : 1;
            parameters["Kind"] = query.Kind ?? "";
            parameters["OnlyOpen"] = query.Open == true ? 1 : 0;
            var rows = await db.QueryAsync<LetterRows.Row>(Select, parameters, ct);
            var evaluator = await calendars.EvaluatorAsync(db, ct);
            var now = clock.GetUtcNow();
            var dueSoon = clocks.DueSoonFor(OfficeLetterSource.Type);
            return OfficeDay.Page(rows.Select(r => LetterRows.Dto(r, evaluator, now, dueSoon)).ToList(), limit, l => new OfficePageKey(l.ReceivedOn, l.Id));
        }
    }
}
