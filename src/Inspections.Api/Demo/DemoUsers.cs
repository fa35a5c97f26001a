namespace Inspections.Api.Demo;

/// <summary>
/// The demo's user accounts. The user store (users table, passwords, CreateUser.Command) is not in
/// this build yet: until it is, the demo's people exist only as the ids their records carry, and the
/// host's `token` command mints tokens for them (e.g. `-- token --user 张伟 --id zhangwei --role officer
/// --jurisdiction 510115 --credential 51011520001`). This step creates the accounts once it can.
/// </summary>
internal static class DemoUsers
{
    public static Task CreateAsync(DemoSender send, DemoClock clock)
    {
        _ = send;
        _ = clock;
        return Task.CompletedTask;
    }
}
