using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Inspections.Api.Tests.Infrastructure;

namespace Inspections.Api.Tests;

/// <summary>
/// The served OpenAPI document is committed as docs/openapi.json, so an API change shows in the diff of the
/// change that made it, and the linters and the client generator read a file. The served document must equal it.
/// </summary>
public sealed class OpenApiSnapshotTests
{
    public const string UpdateVariable = "INSPECTIONS_UPDATE_OPENAPI";

    [Test]
    public async Task Served_document_equals_the_committed_snapshot()
    {
        await using var database = await TestDatabase.CreateAsync("sqlite");
        await using var api = new ApiFactory(database.Options);
        var served = Normalize(await api.CreateClient().GetStringAsync("/openapi/v1.json"));

        var file = SnapshotPath();
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            await File.WriteAllTextAsync(file, served);
            Assert.Pass($"{file} rewritten from the served document.");
        }

        var committed = File.Exists(file) ? (await File.ReadAllTextAsync(file)).ReplaceLineEndings("\n") : "";
        if (committed == served) return;
        var (line, was, now) = FirstDifference(committed, served);
        Assert.Fail($"""
            The served OpenAPI document differs from the committed docs/openapi.json (first at line {line}):
              committed: {was}
              served:    {now}
            If the API change is intended, refresh the snapshot and commit it with the change:
              {UpdateVariable}=1 dotnet test tests/Inspections.Api.Tests --filter "FullyQualifiedName~OpenApiSnapshot"
            """);
    }

    [Test]
    public void Snapshot_compiles_into_a_contract_for_every_operation()
    {
        var contract = OpenApiContract.Parse(File.ReadAllText(SnapshotPath()));
        Assert.That(contract.OperationCount, Is.GreaterThan(50));
    }

    /// <summary>Indented, with readable Chinese, "\n" line ends and a final newline: stable text for diffs.</summary>
    public static string Normalize(string json) =>
        JsonNode.Parse(json)!.ToJsonString(new JsonSerializerOptions
        {
            WriteIndented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }).ReplaceLineEndings("\n") + "\n";

    public static string SnapshotPath()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Inspections.sln"))) dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? throw new DirectoryNotFoundException("Inspections.sln not found above the test binaries"),
            "docs", "openapi.json");
    }

    private static (int Line, string Was, string Now) FirstDifference(string a, string b)
    {
        var x = a.Split('\n');
        var y = b.Split('\n');
        for (var i = 0; i < Math.Max(x.Length, y.Length); i++)
        {
            var was = i < x.Length ? x[i] : "(end of file)";
            var now = i < y.Length ? y[i] : "(end of file)";
            if (was != now) return (i + 1, was.Trim(), now.Trim());
        }
        return (0, "", "");
    }
}
