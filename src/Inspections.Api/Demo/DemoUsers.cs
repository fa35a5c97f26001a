using Inspections.Core.Features.Users;

namespace Inspections.Api.Demo;

/// <summary>
/// The demo's user accounts, before the story starts. The district's administrator enters her
/// district's people and its town station's (herself first, as the first administrator of a new
/// installation does with a development token), the city's administrator the city's; then each person
/// signs in once and replaces the initial password with the demo password, so everyone can sign in
/// with it straight away.
/// </summary>
internal static class DemoUsers
{
    public static async Task CreateAsync(DemoSender send)
    {
        foreach (var person in DemoPeople.All)
        {
            var admin = person.Jurisdiction == DemoDistrict.City ? DemoPeople.SunLi : DemoPeople.ChenJing;
            await send.Do(admin, new CreateUser.Command
            {
                Id = person.Id, DisplayName = person.Name, Roles = [person.Role], Jurisdiction = person.Jurisdiction,
                CredentialNumber = person.CredentialNumber, InitialPassword = Initial(person),
            });
        }
        foreach (var person in DemoPeople.All)
            await send.Do(person, new ChangePassword.Command { CurrentPassword = Initial(person), NewPassword = DemoUser.Password });
    }

    /// <summary>What the administrator hands out; replaced at the first sign-in.</summary>
    private static string Initial(DemoUser person) => $"Initial-{person.Id}-1";
}
