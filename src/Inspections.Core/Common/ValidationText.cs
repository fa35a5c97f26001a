using FluentValidation;

namespace Inspections.Core.Common;

/// <summary>Bilingual field names and messages for validators.</summary>
public static class ValidationText
{
    /// <summary>Names the field in the caller's language ("名称" / "Name").</summary>
    public static IRuleBuilderOptions<T, TProperty> Named<T, TProperty>(
        this IRuleBuilderOptions<T, TProperty> rule, string zh, string en) =>
        rule.WithName(_ => Text.Pick(zh, en));

    public static IRuleBuilderOptions<T, TProperty> Says<T, TProperty>(
        this IRuleBuilderOptions<T, TProperty> rule, string zh, string en) =>
        rule.WithMessage(_ => Text.Pick(zh, en));
}
