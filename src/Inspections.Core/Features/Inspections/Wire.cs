using FluentValidation;
using FluentValidation.Results;
using Inspections.Core.Common;
using Inspections.Core.Features.Venues;

namespace Inspections.Core.Features.Inspections;

/// <summary>Wire names of enum-like fields and the field errors a handler finds only after reading the database.</summary>
internal static class Wire
{
    public static bool TryParse<TEnum>(string? wire, out TEnum value) where TEnum : struct, Enum =>
        VenueFactsValidator<RegisterVenue.Command>.TryParse(wire, out value);

    public static bool IsValid<TEnum>(string? wire) where TEnum : struct, Enum => TryParse<TEnum>(wire, out _);

    public static string Name<TEnum>(TEnum value) where TEnum : struct, Enum =>
        VenueFactsValidator<RegisterVenue.Command>.WireName(value);

    public static string Allowed<TEnum>() where TEnum : struct, Enum =>
        string.Join(", ", Enum.GetValues<TEnum>().Select(Name));

    public static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>A 400 with one field error, for rules that depend on stored data (the template, the campaign).</summary>
    public static ValidationException Invalid(string field, string zh, string en) =>
        new([new ValidationFailure(field, Text.Pick(zh, en))]);
}
