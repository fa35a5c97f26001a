namespace Inspections.Core.Features.OfficeWork;

/// <summary>The filters of every dated list of the office's records (trainings, publicity events, seizures): a jurisdiction at or below the caller's, an optional period, a page.</summary>
public interface IOfficePeriodQuery
{
    string? Jurisdiction { get; }
    DateOnly? From { get; }
    DateOnly? To { get; }
    string? Cursor { get; }
    int? Limit { get; }
}
