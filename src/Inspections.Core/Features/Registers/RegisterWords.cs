using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Calendar;
using Inspections.Domain.Cases;
using Inspections.Domain.Inspections;
using Inspections.Domain.Permits;
using Inspections.Domain.Unlicensed;
using Inspections.Domain.Venues;

namespace Inspections.Core.Features.Registers;

/// <summary>
/// How a register writes what the API gives as wire names and instants: enum values as the Chinese words an
/// office uses, dates as yyyy-MM-dd in Beijing time, yes/no as 是/否. A stored value the words do not know
/// is written as stored rather than dropped.
/// </summary>
internal static class RegisterWords
{
    public static string Date(DateOnly? date) => date is { } d ? d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "";

    public static string Date(DateTimeOffset? instant) => instant is { } i ? Date(LocalDate(i)) : "";

    public static string DateTime(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, ClockEvaluator.ChinaStandardTime).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    public static DateOnly LocalDate(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, ClockEvaluator.ChinaStandardTime).DateTime);

    public static string YesNo(bool value) => value ? "是" : "否";

    public static string VenueType(string wire) => Wire.TryParse<Domain.Venues.VenueType>(wire, out var t) ? t.ChineseName() : wire;

    public static string LicenseStatus(string wire) => Wire.TryParse<Domain.Venues.LicenseStatus>(wire, out var s) ? s.ChineseName() : wire;

    public static string InspectionKind(string wire) => Wire.TryParse<Domain.Inspections.InspectionKind>(wire, out var k) ? k.ChineseName() : wire;

    public static string InspectionOutcome(string wire) => Wire.TryParse<Domain.Inspections.InspectionOutcome>(wire, out var o) ? o.ChineseName() : wire;

    public static string CaseStage(string wire) => Wire.TryParse<Domain.Cases.CaseStage>(wire, out var s) ? s.Chinese() : wire;

    public static string CaseSource(string wire) => Wire.TryParse<Domain.Cases.CaseSource>(wire, out var s) ? s switch
    {
        Domain.Cases.CaseSource.Inspection => "检查发现",
        Domain.Cases.CaseSource.Complaint => "举报",
        Domain.Cases.CaseSource.Referral => "移送",
        Domain.Cases.CaseSource.MayorsMailbox => "区长信箱",
        Domain.Cases.CaseSource.Petition => "信访",
        Domain.Cases.CaseSource.SuperiorAssignment => "上级交办",
        _ => wire,
    } : wire;

    public static string PermitStage(string wire) => Wire.TryParse<Domain.Permits.PermitStage>(wire, out var s) ? s.Chinese() : wire;

    public static string PermitKind(string wire) => Wire.TryParse<Domain.Permits.PermitKind>(wire, out var k) ? k.Chinese() : wire;

    public static string Prerequisite(string? wire) => wire is null ? "" : Wire.TryParse<PrerequisiteStatus>(wire, out var s) ? s switch
    {
        PrerequisiteStatus.Pending => "待审核",
        PrerequisiteStatus.Approved => "已通过",
        PrerequisiteStatus.Refused => "未通过",
        _ => wire,
    } : wire;

    public static string Outcome(string? wire) => wire is null ? "" : Wire.TryParse<VenueOutcome>(wire, out var o) ? o switch
    {
        VenueOutcome.Licensed => "办证",
        VenueOutcome.GuidanceCertificate => "发放辅导证",
        VenueOutcome.Banned => "取缔",
        VenueOutcome.Referred => "函告移送",
        _ => wire,
    } : wire;

    public static string AlertKind(string wire) => wire switch
    {
        "dueSoon" => "即将到期",
        "overdue" => "已超期",
        _ => wire,
    };

    public static string AlertSubject(string wire) => wire switch
    {
        "case" => "行政处罚案件",
        "permit" => "行政许可",
        "permit-correction" => "补正告知",
        "inspection" => "责令整改",
        "notice" => "责令整改",
        "unlicensedNotice" => "无证无照整改通知",
        _ => wire,
    };

    /// <summary>Every jurisdiction's name by code (a few hundred rows), read before a register streams its rows.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> JurisdictionNamesAsync(DbSession db, CancellationToken ct) =>
        (await db.QueryAsync<(string Code, string Name)>(Names, null, ct)).ToDictionary(j => j.Code, j => j.Name, StringComparer.Ordinal);

    public static string Jurisdiction(IReadOnlyDictionary<string, string> names, string code) => names.GetValueOrDefault(code, code);

    private static readonly Sql Names = new("SELECT code, name FROM jurisdictions");
}
