using Inspections.Core.Common;
using Inspections.Core.Features.Users;
using Inspections.Domain.Access;

namespace Inspections.Api.Demo;

/// <summary>
/// The demo's user accounts, before the story starts. Each place's first administrator is created from
/// the command line, as `create-admin` does on a new installation (the district's 陈静, the city's 孙丽);
/// they enter their people (the district's administrator also its street station's); then each person
/// signs in once and replaces the initial password with the demo password, so everyone can sign in
/// with it straight away.
/// </summary>
internal static class DemoUsers
{
    public static async Task CreateAsync(DemoSender send, DemoTimeline time)
    {
        var administrators = new[] { DemoPeople.ChenJing, DemoPeople.SunLi };
        foreach (var admin in administrators)
        {
            await send.Do(new CommandLine(admin.Jurisdiction), Create(admin));
            time.Tick(120);
        }
        foreach (var person in DemoPeople.All.Except(administrators))
        {
            await send.Do(person.Jurisdiction == DemoDistrict.City ? DemoPeople.SunLi : DemoPeople.ChenJing, Create(person));
            time.Tick(120);
        }
        foreach (var person in DemoPeople.All)
        {
            await send.Do(person, new ChangePassword.Command { CurrentPassword = Initial(person), NewPassword = DemoUser.Password });
            time.Tick(600);
        }
    }

    private static CreateUser.Command Create(DemoUser person) => new()
    {
        Id = person.Id, DisplayName = person.Name, Roles = [person.Role], Jurisdiction = person.Jurisdiction,
        CredentialNumber = person.CredentialNumber, Email = person.Email, WeComUserId = person.WeComUserId, InitialPassword = Initial(person),
    };

    /// <summary>What the administrator hands out; replaced at the first sign-in.</summary>
    private static string Initial(DemoUser person) => $"Initial-{person.Id}-1";

    /// <summary>Who acts when an installation's first administrator is created: recorded as the command line, as `create-admin` records it.</summary>
    private sealed class CommandLine(string jurisdiction) : ICurrentUser
    {
        public bool IsAuthenticated => true;
        public string UserId => "command-line";
        public string DisplayName => "命令行";
        public string Role => Roles.Admin;
        public string Jurisdiction => jurisdiction;
        public string? CredentialNumber => null;
    }
}
