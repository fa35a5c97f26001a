using FluentValidation;
using FluentValidation.Results;

namespace Inspections.Core.Common;

/// <summary>What handlers do with a request's input after the validator has passed it.</summary>
public static class Input
{
    /// <summary>Optional text as stored: trimmed, and null when blank.</summary>
    public static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>
    /// A field error found only against stored data (the template, the campaign, the venue): a 400
    /// with one field error, answered like the validator's.
    /// </summary>
    public static ValidationException Invalid(string field, string zh, string en) =>
        new([new ValidationFailure(field, Text.Pick(zh, en))]);
}
