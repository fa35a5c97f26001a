using FluentValidation;
using Inspections.Core.Common;
using Inspections.Domain.Venues;

namespace Inspections.Core.Features.Venues;

/// <summary>The facts a venue is registered or updated with.</summary>
public interface IVenueFacts
{
    string? Name { get; }
    string? Address { get; }
    string? Type { get; }
    string? Jurisdiction { get; }
    string? OperatorName { get; }
    string? LegalRepresentative { get; }
    string? UnifiedSocialCreditCode { get; }
    string? LicenseNumber { get; }
    DateOnly? LicenseValidUntil { get; }
    string? LicenseStatus { get; }
    int? Terminals { get; }
    int? Rooms { get; }
}

/// <summary>The facts as a request carries them; register and update both send these.</summary>
public abstract record VenueFacts : IVenueFacts
{
    public string? Name { get; init; }
    public string? Address { get; init; }
    [OneOf<VenueType>] public string? Type { get; init; }
    /// <summary>Where the venue belongs: a town or street 乡镇（街道） of the district, or the district itself (defaults to the caller's jurisdiction).</summary>
    public string? Jurisdiction { get; init; }
    public string? OperatorName { get; init; }
    public string? LegalRepresentative { get; init; }
    public string? UnifiedSocialCreditCode { get; init; }
    public string? LicenseNumber { get; init; }
    public DateOnly? LicenseValidUntil { get; init; }
    [OneOf<LicenseStatus>] public string? LicenseStatus { get; init; }
    public int? Terminals { get; init; }
    public int? Rooms { get; init; }
}

/// <summary>Validation shared by register and update: what a user at the desk gets wrong.</summary>
public abstract class VenueFactsValidator<T> : AbstractValidator<T> where T : IVenueFacts
{
    protected VenueFactsValidator()
    {
        RuleFor(x => x.Name).NotEmpty().MaximumLength(200).Named("场所名称", "Name");
        RuleFor(x => x.Address).NotEmpty().MaximumLength(400).Named("经营地址", "Address");
        RuleFor(x => x.Type).NotEmpty().Named("场所类型", "Type")
            .DependentRules(() => RuleFor(x => x.Type)
                .Must(t => Wire.TryParse<VenueType>(t, out _))
                .Says($"未知的场所类型，可选值：{Wire.Allowed<VenueType>()}", $"Unknown venue type; allowed: {Wire.Allowed<VenueType>()}"));
        RuleFor(x => x.LicenseStatus).NotEmpty().Named("证照状态", "Licence status")
            .DependentRules(() => RuleFor(x => x.LicenseStatus)
                .Must(s => Wire.TryParse<LicenseStatus>(s, out _))
                .Says($"未知的证照状态，可选值：{Wire.Allowed<LicenseStatus>()}", $"Unknown licence status; allowed: {Wire.Allowed<LicenseStatus>()}"));
        RuleFor(x => x.Jurisdiction).IsJurisdictionCode();
        RuleFor(x => x.OperatorName).MaximumLength(100).Named("经营者", "Operator");
        RuleFor(x => x.LegalRepresentative).MaximumLength(50).Named("法定代表人", "Legal representative");
        RuleFor(x => x.UnifiedSocialCreditCode)
            .Must(UnifiedSocialCreditCode.IsValid)
            .When(x => !string.IsNullOrEmpty(x.UnifiedSocialCreditCode))
            .Says("统一社会信用代码格式或校验位不正确（应为 18 位，符合 GB 32100-2015）",
                  "Unified social credit code is malformed or its check character is wrong (18 characters, GB 32100-2015)");
        RuleFor(x => x.LicenseNumber).MaximumLength(64).Named("许可证号", "Licence number");
        RuleFor(x => x.LicenseNumber).NotEmpty()
            .When(x => Wire.TryParse<LicenseStatus>(x.LicenseStatus, out var s) && s.RequiresLicenseNumber())
            .Says("持证（或停业整顿）场所必须填写许可证号", "A licensed (or suspended) venue needs its licence number");
        RuleFor(x => x.Terminals).GreaterThanOrEqualTo(0).LessThanOrEqualTo(10000).Named("终端数", "Terminals");
        RuleFor(x => x.Terminals).Null()
            .When(x => Wire.TryParse<VenueType>(x.Type, out var t) && t != VenueType.InternetCafe)
            .Says("只有网吧填写终端数", "Only internet cafés have terminals");
        RuleFor(x => x.Rooms).GreaterThanOrEqualTo(0).LessThanOrEqualTo(1000).Named("包房数", "Rooms");
        RuleFor(x => x.Rooms).Null()
            .When(x => Wire.TryParse<VenueType>(x.Type, out var t) && t is not (VenueType.SongAndDance or VenueType.GameArcade))
            .Says("只有歌舞、游艺娱乐场所填写包房数", "Only song-and-dance venues and arcades have rooms");
    }
}
