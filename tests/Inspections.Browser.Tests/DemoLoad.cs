using System.Diagnostics;

namespace Inspections.Browser.Tests;

/// <summary>
/// The README's demo step, as a newcomer runs it: `Inspections.Api demo` (the built host beside the tests)
/// loads the demo district into a folder's SQLite file and evidence store; a <see cref="BrowserHost"/> on
/// the same folder then serves it.
/// </summary>
public static class DemoLoad
{
    /// <summary>The password the demo prints for all its people.</summary>
    public const string Password = "Demo@510115";

    public static string ConnectionString(string folder) => $"Data Source={Path.Combine(folder, "inspections.db")}";

    /// <summary>Loads the demo into a new folder and returns it (the load's output goes to the test log).</summary>
    /// <param name="asOf">The evening the story ends (`demo --as-of yyyy-MM-dd`), for a test that runs on a chosen day; today when null.</param>
    public static async Task<string> IntoNewFolderAsync(DateOnly? asOf = null)
    {
        var folder = BrowserHost.NewFolder();
        Directory.CreateDirectory(folder);
        var bin = AppContext.BaseDirectory;
        string[] arguments = asOf is { } day
            ? [Path.Combine(bin, "Inspections.Api.dll"), "demo", "--as-of", day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)]
            : [Path.Combine(bin, "Inspections.Api.dll"), "demo"];
        var start = new ProcessStartInfo(DotnetHost(), arguments)
        {
            WorkingDirectory = bin,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Database__Provider"] = "sqlite";
        start.Environment["Database__ConnectionString"] = ConnectionString(folder);
        start.Environment["Evidence__Root"] = Path.Combine(folder, "evidence");
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await process.WaitForExitAsync(timeout.Token);
        var text = await output + await error;
        TestContext.Progress.WriteLine($"demo loaded in {watch.Elapsed.TotalSeconds:0.0} s:\n{text}");
        Assert.That(process.ExitCode, Is.EqualTo(0), text);
        Assert.That(text, Does.Contain("演示数据已加载"), text);
        return folder;
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path
        : "dotnet";
}
