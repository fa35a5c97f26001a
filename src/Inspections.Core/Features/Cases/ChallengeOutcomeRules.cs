using FluentValidation;
using Inspections.Core.Common;
using Inspections.Domain.Cases;

namespace Inspections.Core.Features.Cases;

/// <summary>An outcome is one of the known ones and comes with its date.</summary>
internal static class ChallengeOutcomeRules
{
    public static void Apply<T>(AbstractValidator<T> v, System.Linq.Expressions.Expression<Func<T, string?>> outcome,
        System.Linq.Expressions.Expression<Func<T, DateOnly?>> decidedOn, Func<T, DateOnly?> filedOn)
    {
        var getOutcome = outcome.Compile();
        v.RuleFor(outcome).Must(o => Wire.TryParse<ChallengeOutcome>(o, out _)).When(x => !string.IsNullOrEmpty(getOutcome(x)))
            .Says($"结果应为：{Wire.Allowed<ChallengeOutcome>()}", $"Outcome must be one of: {Wire.Allowed<ChallengeOutcome>()}");
        v.RuleFor(decidedOn).NotNull().When(x => !string.IsNullOrEmpty(getOutcome(x)))
            .Says("有结果时须填写结果日期", "An outcome needs its date");
        var getDecided = decidedOn.Compile();
        v.RuleFor(decidedOn).Null().When(x => string.IsNullOrEmpty(getOutcome(x)))
            .Says("尚无结果时不填结果日期", "No outcome date without an outcome");
        v.RuleFor(decidedOn).Must((x, d) => filedOn(x) is not { } f || d >= f).When(x => getDecided(x) is not null)
            .Says("结果日期不能早于申请日期", "The outcome cannot precede the filing");
    }
}
