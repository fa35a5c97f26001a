using System.Diagnostics;
using Inspections.Core.Data;

namespace Inspections.Api.Tests.Demo;

/// <summary>Runs `Inspections.Api demo` (the built host beside the tests) in its own process, against a database and evidence folder.</summary>
internal static class DemoRun
{
    public static async Task<(int Exit, string Output, TimeSpan Took)> RunAsync(DatabaseOptions database, string evidenceRoot,
        Dictionary<string, string>? environment = null, params string[] args)
    {
        var folder = AppContext.BaseDirectory;
        var start = new ProcessStartInfo(DotnetHost(), [Path.Combine(folder, "Inspections.Api.dll"), "demo", .. args])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Database__Provider"] = database.Provider;
        start.Environment["Database__ConnectionString"] = database.ConnectionString;
        start.Environment["Evidence__Root"] = evidenceRoot;
        foreach (var (name, value) in environment ?? []) start.Environment[name] = value;
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error, watch.Elapsed);
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path
        : "dotnet";
}
