using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Calendar;
using Inspections.Domain.Access;
using Inspections.Domain.Permits;
using Mediator;

namespace Inspections.Core.Features.Permits;

/// <summary>
/// The window's register 办件查询: every application of the caller's jurisdiction in any stage and
/// period, by stage, item, applicant (a fragment of the name or the unified social credit code) and
/// receipt dates, newest receipt first, a page at a time. The stage is the one the application shows:
/// an application past its correction window counts as accepted (行政许可法 art. 32) before anyone
/// writes it down, and is found under "accepted".
/// </summary>
public static class SearchPermits
{
    [AllowedRoles(Roles.Clerk, Roles.Supervisor)]
    public sealed record Query : IQuery<Page<PermitSummary>>
    {
        [OneOf<PermitStage>] public string? Stage { get; init; }
        public string? ItemCode { get; init; }
        /// <summary>A fragment of the applicant's name or unified social credit code; ASCII letters match either case.</summary>
        public string? Applicant { get; init; }
        /// <summary>First day of receipt 收件日期 (Asia/Shanghai), included.</summary>
        public DateOnly? ReceivedFrom { get; init; }
        /// <summary>Last day of receipt, included.</summary>
        public DateOnly? ReceivedTo { get; init; }
        public string? Cursor { get; init; }
        public int? Limit { get; init; }
    }

    /// <summary>One application as the register lists it.</summary>
    public sealed record PermitSummary
    {
        public Guid Id { get; init; }
        public string Jurisdiction { get; init; } = "";
        public string ItemCode { get; init; } = "";
        public string ItemName { get; init; } = "";
        public string Kind { get; init; } = "";
        public string KindName { get; init; } = "";
        public string Stage { get; init; } = "";
        public string StageName { get; init; } = "";
        public string ApplicantName { get; init; } = "";
        public string? ApplicantCreditCode { get; init; }
        public Guid? VenueId { get; init; }
        public DateOnly ReceivedOn { get; init; }
        public DateOnly? AcceptedOn { get; init; }
        public bool AcceptedDeemed { get; init; }
        public DateOnly? CompletedOn { get; init; }
        public string? CertificateNumber { get; init; }
        public string ResponsibleId { get; init; } = "";
        public string ResponsibleName { get; init; } = "";
        public string HolderId { get; init; } = "";
        public string HolderName { get; init; } = "";
        public long Version { get; init; }
    }

    /// <summary>Most a page holds.</summary>
    public const int MaxLimit = 100;

    /// <summary>The last row's receipt day and id.</summary>
    internal sealed record Key(DateOnly R, Guid I);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(x => x.Stage).Must(s => Wire.TryParse<PermitStage>(s, out _)).When(x => x.Stage is not null)
                .Says($"未知的办理环节，可选值：{Wire.Allowed<PermitStage>()}", $"Unknown stage; allowed: {Wire.Allowed<PermitStage>()}");
            RuleFor(x => x.ItemCode).MaximumLength(40).Named("许可事项", "Permit item");
            RuleFor(x => x.Applicant).MaximumLength(200).Named("申请人", "Applicant");
            RuleFor(x => x.ReceivedTo).GreaterThanOrEqualTo(x => x.ReceivedFrom).When(x => x.ReceivedFrom is not null && x.ReceivedTo is not null)
                .Says("收件截止日期不能早于起始日期", "receivedTo must not be before receivedFrom");
            RuleFor(x => x.Limit).IsPageSize(MaxLimit);
            RuleFor(x => x.Cursor).IsCursorOf<Query, Key>();
        }
    }

    // The stage shown: still "received" in the row but past the correction window (its stored clock due before today)
    // is accepted by law, as PermitClocks.Effective reads it. Optional filters are switched by integer flags:
    // PostgreSQL cannot type a bare "@p IS NULL" for a date.
    // One table in the FROM clause, so the page is read in index order (received_on, id) and stops after @Take rows; the
    // correction window is looked up only for an application still "received" when a stage is asked for.
    private static readonly Sql Select = new(d => $"""
        SELECT {PermitRecord.Columns} FROM permit_applications p
        WHERE {d.Unseeked("p.jurisdiction")} BETWEEN @JurisdictionFirst AND @JurisdictionLast
          AND (@Stage IS NULL OR
               CASE WHEN p.stage = 'received' AND EXISTS (
                        SELECT 1 FROM deadline_clocks w
                        WHERE w.subject_type = 'permit' AND w.clock = '{PermitCorrectionWindows.Type}' AND w.subject_id = p.id AND w.due_on < @Today)
                    THEN 'accepted' ELSE p.stage END = @Stage)
          AND (@ItemCode IS NULL OR p.item_code = @ItemCode)
          AND (@ApplicantLike IS NULL OR LOWER(p.applicant_name) LIKE @ApplicantLike ESCAPE '\'
               OR LOWER(COALESCE(p.applicant_credit_code, '')) LIKE @ApplicantLike ESCAPE '\')
          AND (@HasFrom = 0 OR p.received_on >= @ReceivedFrom)
          AND (@HasTo = 0 OR p.received_on <= @ReceivedTo)
          AND (@HasAfter = 0 OR p.received_on < @AfterR OR (p.received_on = @AfterR AND p.id < @AfterId))
        ORDER BY p.received_on DESC, p.id DESC
        {d.Limit("@Take")}
        """);

    public sealed class Handler(DbSession db, ICurrentUser user, CalendarStore calendars, TimeProvider clock) : IQueryHandler<Query, Page<PermitSummary>>
    {
        public async ValueTask<Page<PermitSummary>> Handle(Query query, CancellationToken ct)
        {
            Common.Cursor.TryDecode<Key>(query.Cursor, out var after);
            var limit = query.Limit ?? 20;
            var evaluator = await calendars.EvaluatorAsync(db, ct);
            var now = clock.GetUtcNow();
            var range = Jurisdiction.Range(user.Jurisdiction);
            var rows = await db.QueryAsync<PermitRecord>(Select, new
            {
                JurisdictionFirst = range.First,
                JurisdictionLast = range.Last,
                Today = evaluator.LocalDate(now),
                Stage = Input.Clean(query.Stage),
                ItemCode = Input.Clean(query.ItemCode),
                // Lower-cased on both sides: SQLite's LIKE ignores ASCII case and PostgreSQL's does not; this way both do.
                ApplicantLike = Input.Clean(query.Applicant) is { } a ? SqlDialect.LikeContains(a.ToLowerInvariant()) : null,
                HasFrom = query.ReceivedFrom is null ? 0 : 1,
                ReceivedFrom = query.ReceivedFrom ?? DateOnly.MinValue,
                HasTo = query.ReceivedTo is null ? 0 : 1,
                ReceivedTo = query.ReceivedTo ?? DateOnly.MaxValue,
                HasAfter = after is null ? 0 : 1,
                AfterR = after?.R ?? DateOnly.MaxValue,
                AfterId = after?.I ?? Guid.Empty,
                Take = limit + 1,
            }, ct);
            var items = rows.Take(limit).Select(r => Summary(PermitClocks.Effective(r, evaluator, now))).ToList();
            var next = rows.Count > limit ? Common.Cursor.Encode(new Key(items[^1].ReceivedOn, items[^1].Id)) : null;
            return new Page<PermitSummary>(items, next);
        }

        private static PermitSummary Summary(PermitRecord p) => new()
        {
            Id = p.Id, Jurisdiction = p.Jurisdiction, ItemCode = p.ItemCode, ItemName = p.ItemName, Kind = p.Kind,
            KindName = PermitWire.Describe(p.KindValue), Stage = p.Stage, StageName = PermitWire.Describe(p.StageValue),
            ApplicantName = p.ApplicantName, ApplicantCreditCode = p.ApplicantCreditCode, VenueId = p.VenueId,
            ReceivedOn = p.ReceivedOn, AcceptedOn = p.AcceptedOn, AcceptedDeemed = p.AcceptedDeemed, CompletedOn = p.CompletedOn,
            CertificateNumber = p.CertificateNumber, ResponsibleId = p.ResponsibleId, ResponsibleName = p.ResponsibleName,
            HolderId = p.HolderId, HolderName = p.HolderName, Version = p.Version,
        };
    }
}
