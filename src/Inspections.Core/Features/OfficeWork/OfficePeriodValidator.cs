using FluentValidation;
using Inspections.Core.Common;

namespace Inspections.Core.Features.OfficeWork;

/// <summary>The rules of <see cref="IOfficePeriodQuery"/>'s filters, the same for every dated list of the office's records.</summary>
public abstract class OfficePeriodValidator<TQuery> : AbstractValidator<TQuery> where TQuery : IOfficePeriodQuery
{
    protected OfficePeriodValidator()
    {
        RuleFor(x => x.Jurisdiction).IsJurisdictionCode();
        RuleFor(x => x.To).GreaterThanOrEqualTo(x => x.From).When(x => x.From is not null && x.To is not null)
            .Says("结束日期不能早于开始日期", "The period ends before it starts");
        RuleFor(x => x.Limit).IsPageSize(100);
        RuleFor(x => x.Cursor).IsCursorOf<TQuery, OfficePageKey>();
    }
}
