using Inspections.Api.Auth;
using Inspections.Api.Tests.Infrastructure;
using Inspections.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Inspections.Client.Tests;

/// <summary>
/// One day's work through a client generated from docs/openapi.json, against the real host on each database:
/// an admin adds two officers, one signs in and changes the initial password, then registers a venue,
/// inspects it, opens a case from the inspection; a clerk receives a permit application.
/// Every answer also goes through the host's check against the served document.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class GeneratedClientFlowTests(string provider)
{
    private TestDatabase? _database;
    private ApiFactory? _api;

    private ApiFactory Api => _api ?? throw new InvalidOperationException("Fixture not set up.");

    [OneTimeSetUp]
    public async Task StartHost()
    {
        _database = await TestDatabase.CreateAsync(provider);
        _api = new ApiFactory(_database.Options);
        _ = _api.Server;
    }

    [OneTimeTearDown]
    public async Task StopHost()
    {
        if (_api is not null) await _api.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }

    /// <summary>The generated client over the test host's HttpClient, as an officer or clerk of district 510115.</summary>
    private InspectionsClient As(string userId, string name, string role, string? credential = null) =>
        WithToken(Api.Services.GetRequiredService<TokenIssuer>().Mint(userId, name, role, "510115", credential));

    private InspectionsClient WithToken(string? token)
    {
        var http = Api.CreateClient();
        if (token is not null) http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return new InspectionsClient(http);
    }

    [Test]
    public async Task An_admin_adds_the_officers_and_one_signs_in_changes_the_initial_password_and_works()
    {
        var admin = As("admin-510115", "管理员", "admin");
        foreach (var (id, name, number) in new[] { ("zhangsan", "张三", "51011500123"), ("lisi", "李四", "51011500124") })
        {
            var created = await admin.CreateUserAsync(new CreateUserCommand
            {
                Id = id, DisplayName = name, Roles = [Roles.Officer], Jurisdiction = "510115", CredentialNumber = number, InitialPassword = "Chushi2026",
            });
            Assert.That(created.MustChangePassword, Is.True);
        }

        var first = await WithToken(null).SignInAsync(new SignInCommand { LoginName = "zhangsan", Password = "Chushi2026" });
        Assert.That(first.MustChangePassword, Is.True);
        await WithToken(first.Token).ChangePasswordAsync(new ChangePasswordCommand { CurrentPassword = "Chushi2026", NewPassword = "Xinmima2027" });
        var signedIn = await WithToken(null).SignInAsync(new SignInCommand { LoginName = "zhangsan", Password = "Xinmima2027" });
        Assert.That(signedIn.MustChangePassword, Is.False);
        var me = await WithToken(signedIn.Token).GetAccountAsync();
        Assert.That((me.Id, me.DisplayName, me.CredentialNumber), Is.EqualTo(("zhangsan", "张三", "51011500123")));

        var wrong = Assert.ThrowsAsync<ApiException<ProblemDetails>>(() =>
            WithToken(null).SignInAsync(new SignInCommand { LoginName = "zhangsan", Password = "Cuowu2026" }));
        Assert.That(wrong!.StatusCode, Is.EqualTo(401));

        await Register_inspect_open_a_case_and_receive_a_permit_application(WithToken(signedIn.Token));
    }

    /// <summary>The day's work, as 张三 signed in (the officers must exist: the test above adds them first).</summary>
    private async Task Register_inspect_open_a_case_and_receive_a_permit_application(InspectionsClient officer)
    {
        var clerk = As("liwindow", "李窗口", "clerk");

        var venue = await officer.RegisterVenueAsync(null, new RegisterVenueCommand
        {
            Name = "星空网吧",
            Address = "温江区柳城大道 88 号",
            Type = RegisterVenueCommandType.InternetCafe,
            LicenseStatus = RegisterVenueCommandLicenseStatus.Licensed,
            LicenseNumber = "川网文 0115 号",
            OperatorName = "王某",
            Terminals = 120,
        });
        Assert.That(venue.Id, Is.Not.EqualTo(Guid.Empty));
        Assert.That(venue.Type, Is.EqualTo("internetCafe"));

        var checklist = await officer.GetChecklistAsync(VenueType2.InternetCafe, null);
        Assert.That(checklist.Items, Is.Not.Empty);
        var minors = checklist.Items.Single(i => i.Code == "IC-MINOR");

        var startedAt = new DateTimeOffset(2026, 3, 1, 22, 0, 0, TimeSpan.FromHours(8));
        var inspection = await officer.RecordInspectionAsync(null, new RecordInspectionCommand
        {
            VenueId = venue.Id,
            Kind = RecordInspectionCommandKind.Routine,
            StartedAt = startedAt,
            EndedAt = startedAt.AddMinutes(40),
            Officers =
            [
                new RecordInspectionOfficer { UserId = "zhangsan", Name = "张三", CredentialNumber = "51011500123" },
                new RecordInspectionOfficer { UserId = "lisi", Name = "李四", CredentialNumber = "51011500124" },
            ],
            Location = "温江区柳城大道 88 号",
            Results = checklist.Items.Select(item => item == minors
                ? new RecordInspectionAnswer { ItemCode = item.Code, Result = RecordInspectionAnswerResult.Violation, Note = "接纳未成年人 3 名" }
                : new RecordInspectionAnswer { ItemCode = item.Code, Result = RecordInspectionAnswerResult.Compliant }).ToList(),
            Outcome = RecordInspectionCommandOutcome.CaseLead,
            CaseLeadDescription = "涉嫌接纳未成年人",
        });
        Assert.That(inspection.Outcome, Is.EqualTo("caseLead"));
        Assert.That(inspection.Violations, Is.EqualTo(1));

        var lead = await officer.OpenLeadAsync(null, new OpenLeadCommand
        {
            Source = OpenLeadCommandSource.Inspection,
            InspectionId = inspection.Id,
            VenueId = venue.Id,
            Party = new OpenLeadPartyInput { Kind = OpenLeadPartyInputKind.Venue },
            ViolationCode = "cafe-minors-admitted",
            Facts = "3 月 1 日 22 时日常检查发现接纳未成年人 3 名上网。",
            OccurredOn = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero),
        });
        Assert.That(lead.Stage, Is.EqualTo("lead"));
        Assert.That(lead.InspectionId, Is.EqualTo(inspection.Id));
        Assert.That(lead.Party.Name, Is.EqualTo("王某"), "a venue party defaults to the venue's operator");

        var items = await clerk.ListPermitItemsAsync();
        var item = items.First(i => i.Kinds.Contains("establish"));
        var permit = await clerk.ReceivePermitAsync(null, new ReceivePermitCommand
        {
            ItemCode = item.Code,
            Kind = ReceivePermitCommandKind.Establish,
            Applicant = new ReceivePermitApplicantInput { Name = "成都星空网络会所", Phone = "028-82711234" },
            VenueId = venue.Id,
            Materials = [.. item.Materials.Take(1).Select(m => m.Code)],
        });
        Assert.That(permit.ItemCode, Is.EqualTo(item.Code));
        Assert.That(permit.Stage, Is.Not.Empty);
        Assert.That(permit.MissingMaterials.Select(m => m.Code), Is.EquivalentTo(item.Materials.Skip(1).Select(m => m.Code)));

        // A refusal comes back as the documented problem type, not as an untyped failure.
        var refused = Assert.ThrowsAsync<ApiException<ProblemDetails>>(() => clerk.RegisterVenueAsync(null, new RegisterVenueCommand
        {
            Name = "书店", Address = "温江区", Type = RegisterVenueCommandType.Bookshop, LicenseStatus = RegisterVenueCommandLicenseStatus.Licensed,
        }));
        Assert.That(refused!.StatusCode, Is.EqualTo(403));
    }
}
