using System.Linq.Expressions;
using FluentValidation;

namespace Inspections.Core.Common;

/// <summary>Rules many requests share, written once so their wording and limits cannot drift apart.</summary>
public static class RequestRules
{
    /// <summary>The longest period a report or a working-day count may span: ten years, leap days included.</summary>
    public const int MaxPeriodDays = 3660;

    /// <summary>The row version the caller read: optimistic concurrency needs it on every change.</summary>
    public static IRuleBuilderOptions<T, long?> IsVersion<T>(this IRuleBuilder<T, long?> rule) =>
        rule.NotNull().GreaterThan(0).Named("版本号", "Version");

    /// <summary>A page of 1 to <paramref name="max"/> rows (or none given, for the query's default).</summary>
    public static IRuleBuilderOptions<T, int?> IsPageSize<T>(this IRuleBuilder<T, int?> rule, int max) =>
        rule.InclusiveBetween(1, max).Named("每页条数", "Limit");

    /// <summary>An administrative-division code 行政区划代码 (six digits, or nine for a town or street), when one is given.</summary>
    public static IRuleBuilderOptions<T, string?> IsJurisdictionCode<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(j => j is null || Domain.Access.Jurisdiction.IsValidCode(j))
            .Says("辖区应为 6 位行政区划代码，或 9 位乡镇（街道）代码", "Jurisdiction must be a six-digit administrative-division code, or a nine-digit town or street code");

    /// <summary>A paging cursor this query issued (or none, for the first page).</summary>
    public static IRuleBuilderOptions<T, string?> IsCursorOf<T, TKey>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(c => Cursor.IsValid<TKey>(c)).Says("分页游标无效", "The paging cursor is not valid");

    /// <summary>A period both of whose days are given, in order, and at most ten years long.</summary>
    public static void Period<T>(this AbstractValidator<T> validator,
        Expression<Func<T, DateOnly?>> from, Expression<Func<T, DateOnly?>> to)
    {
        var start = from.Compile();
        var end = to.Compile();
        validator.RuleFor(from).NotNull().Named("开始日期", "From");
        validator.RuleFor(to).NotNull().Named("结束日期", "To");
        validator.RuleFor(to).GreaterThanOrEqualTo(from).When(x => start(x) is not null && end(x) is not null)
            .Says("结束日期不能早于开始日期", "The period ends before it starts");
        validator.RuleFor(to).Must((x, last) => last!.Value.DayNumber - start(x)!.Value.DayNumber <= MaxPeriodDays)
            .When(x => start(x) is not null && end(x) is not null && end(x) >= start(x))
            .Says("日期跨度不能超过 10 年", "The period cannot exceed 10 years");
    }
}
