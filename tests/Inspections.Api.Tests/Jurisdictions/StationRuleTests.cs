using Inspections.Core.Behaviors;
using Mediator;

namespace Inspections.Api.Tests.Jurisdictions;

/// <summary>
/// Which requests a town or street culture station 乡镇（街道）文化站 may send, decided for every request
/// type there is: a new request fails here until someone says whether stations may send it
/// (<see cref="NotForStationsAttribute"/> on the request, and its name in one of the lists below).
/// </summary>
public sealed class StationRuleTests
{
    /// <summary>A station sees its town and records the work it does there.</summary>
    private static readonly string[] StationMay =
    [
        "AcknowledgeAlert.Command",
        "AuditTrail.Query",
        "CaseClosureRate.Query",
        "CheckRectification.Command",
        "DownloadEvidence.Query",
        "ExportAlertList.Query",
        "ExportCampaignLedger.Query",
        "ExportCaseRegister.Query",
        "ExportInspectionLedger.Query",
        "ExportVenueRegister.Query",
        "ExportWindowLedger.Query",
        "GetCalendarYear.Query",
        "GetCase.Query",
        "GetChecklist.Query",
        "GetDraw.Query",
        "GetInspection.Query",
        "GetLastDeadlineScan.Query",
        "GetOnTheSpotPenalty.Query",
        "GetPermit.Query",
        "GetSpecialCampaign.Query",
        "GetUnlicensedCampaign.Query",
        "GetUnlicensedCampaignVenue.Query",
        "GetVenue.Query",
        "GetVenueHistory.Query",
        "ListAccountability.Query",
        "ListAlerts.Query",
        "ListDraws.Query",
        "MyDeadlines.Query",
        "ListJurisdictions.Query",
        "ListPermitItems.Query",
        "ListSpecialCampaigns.Query",
        "ListUnlicensedCampaignVenues.Query",
        "ListUnlicensedCampaigns.Query",
        "ListViolations.Query",
        "MarkAlertRead.Command",
        "PermitFigures.Query",
        "PermitQueue.Query",
        "PrintInspectionDocument.Query",
        "PublishedDraw.Query",
        "RecordInspection.Command",
        "RegisterVenue.Command",
        "SearchCases.Query",
        "SearchPermits.Query",
        "SearchInspections.Query",
        "SearchVenues.Query",
        "UnlicensedCampaignProgress.Query",
        "UpdateVenue.Command",
        "UploadEvidence.Command",
        "StartEvidenceUpload.Command",
        "AppendEvidenceChunk.Command",
        "GetEvidenceUpload.Query",
        "CompleteEvidenceUpload.Command",
        "WorkSummary.Query",
        "HalfYearReport.Query",
        "WorkingDays.Add",
        "WorkingDays.Between",
        "ChangePassword.Command",
        "GetAccount.Query",
        "GetDashboard.Query",
        "GetUser.Query",
        "IssueApiToken.Command",
        "ListUsers.Query",
        "ListWindowStaff.Query",
        "ListOfficers.Query",
        "SignIn.Command",
        // The office's own work (trainings, publicity, letters, seizures): a station does it in its town too.
        "RecordTraining.Command",
        "ListTrainings.Query",
        "GetTraining.Query",
        "RecordPublicity.Command",
        "ListPublicity.Query",
        "GetPublicity.Query",
        "RecordLetter.Command",
        "AcceptLetter.Command",
        "ReplyToLetter.Command",
        "ListLetters.Query",
        "GetLetter.Query",
        "RecordSeizure.Command",
        "ListSeizures.Query",
        "GetSeizure.Query",
    ];

    /// <summary>Whose work it is instead: the brigade's cases, the window's permits, the district's campaigns, everyone's reference data.</summary>
    private static readonly Dictionary<string, StationBar> StationMayNot = new(StringComparer.Ordinal)
    {
        ["OpenLead.Command"] = StationBar.Cases,
        ["TransitionCase.Command"] = StationBar.Cases,
        ["AddCaseEvidence.Command"] = StationBar.Cases,
        ["ExtendCaseLimit.Command"] = StationBar.Cases,
        ["SuspendCaseClock.Command"] = StationBar.Cases,
        ["EndCaseSuspension.Command"] = StationBar.Cases,
        ["RecordChallenge.Command"] = StationBar.Cases,
        ["RecordChallengeOutcome.Command"] = StationBar.Cases,
        ["SendReferralLetter.Command"] = StationBar.Cases,
        ["RecordOnTheSpotPenalty.Command"] = StationBar.Cases,
        ["PrintCaseDocument.Query"] = StationBar.Cases,

        ["ReceivePermit.Command"] = StationBar.Permits,
        ["TransitionPermit.Command"] = StationBar.Permits,
        ["HandOffPermit.Command"] = StationBar.Permits,
        ["ExtendPermit.Command"] = StationBar.Permits,
        ["CloseAccountability.Command"] = StationBar.Permits,
        ["SweepPermitAccountability.Command"] = StationBar.Permits,
        ["UpdatePermitItem.Command"] = StationBar.Permits,
        ["PrintPermitDocument.Query"] = StationBar.Permits,

        ["CreateSpecialCampaign.Command"] = StationBar.Campaigns,
        ["DrawVenues.Command"] = StationBar.Campaigns,
        ["PublishDraw.Command"] = StationBar.Campaigns,
        ["CreateUnlicensedCampaign.Command"] = StationBar.Campaigns,
        ["SurveyVenue.Command"] = StationBar.Campaigns,
        ["IssueNotice.Command"] = StationBar.Campaigns,
        ["DecidePrerequisite.Command"] = StationBar.Campaigns,
        ["RecordOutcome.Command"] = StationBar.Campaigns,
        ["RecordMobilisation.Command"] = StationBar.Campaigns,
        ["RecordOfficeDay.Command"] = StationBar.Campaigns,
        ["ImportSurvey.Command"] = StationBar.Campaigns,
        ["GetSurveyTemplate.Query"] = StationBar.Campaigns,

        ["ReplaceCalendarYear.Command"] = StationBar.SystemWide,
        ["PublishChecklist.Command"] = StationBar.SystemWide,
        ["ScanDeadlines.Command"] = StationBar.SystemWide,
        ["CreateNotificationChannel.Command"] = StationBar.SystemWide,
        ["ListNotificationChannels.Query"] = StationBar.SystemWide,
        ["UpdateNotificationChannel.Command"] = StationBar.SystemWide,
        ["DeleteNotificationChannel.Command"] = StationBar.SystemWide,
        ["ListDeliveries.Query"] = StationBar.SystemWide,
        ["SendMorningDigest.Command"] = StationBar.SystemWide,
        ["CleanEvidenceUploads.Command"] = StationBar.SystemWide,

        ["CreateUser.Command"] = StationBar.Users,
        ["UpdateUser.Command"] = StationBar.Users,
        ["ResetPassword.Command"] = StationBar.Users,
    };

    private static List<Type> RequestTypes() =>
        typeof(AllowedRolesAttribute).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IMessage).IsAssignableFrom(t))
            .ToList();

    private static string Name(Type t) => t.DeclaringType is { } feature ? $"{feature.Name}.{t.Name}" : t.Name;

    [Test]
    public void Every_request_says_whether_a_town_station_may_send_it()
    {
        var requests = RequestTypes();
        Assert.That(requests, Has.Count.GreaterThan(60), "the requests were found at all");
        var may = requests.Where(t => NotForStationsAttribute.Of(t) is null).Select(Name).Order(StringComparer.Ordinal).ToList();
        var mayNot = requests.Where(t => NotForStationsAttribute.Of(t) is not null).ToDictionary(Name, t => NotForStationsAttribute.Of(t)!.Value);
        Assert.Multiple(() =>
        {
            Assert.That(may, Is.EqualTo(StationMay.Order(StringComparer.Ordinal)),
                "requests a station may send: a request added here needs [NotForStations] or its name in StationMay");
            Assert.That(mayNot, Is.EquivalentTo(StationMayNot), "requests a station may not send, and why");
        });
    }

    [Test]
    public void Every_case_and_permit_command_is_closed_to_stations()
    {
        var commands = RequestTypes().Where(t => typeof(IBaseCommand).IsAssignableFrom(t)).ToList();
        var open = commands
            .Where(t => t.Namespace is "Inspections.Core.Features.Cases" or "Inspections.Core.Features.Permits" or "Inspections.Core.Features.Unlicensed")
            .Where(t => NotForStationsAttribute.Of(t) is null)
            .Select(Name).ToList();
        Assert.That(open, Is.Empty, "a station files no case, decides no permit and runs no campaign");
    }
}
