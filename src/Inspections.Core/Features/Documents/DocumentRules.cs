using FluentValidation;
using Inspections.Core.Common;

namespace Inspections.Core.Features.Documents;

internal static class DocumentRules
{
    /// <summary>The document asked for is one of <typeparamref name="TKind"/>'s (400 naming the kinds there are, not 404).</summary>
    public static void IsDocumentKind<T, TKind>(this IRuleBuilderInitial<T, string?> rule) where TKind : struct, Enum =>
        rule.Cascade(CascadeMode.Stop)
            .NotEmpty().Named("文书种类", "Document kind")
            .Must(Wire.IsValid<TKind>)
            .Says($"未知的文书种类，可选值：{Wire.Allowed<TKind>()}", $"Unknown document kind; allowed: {Wire.Allowed<TKind>()}");
}
