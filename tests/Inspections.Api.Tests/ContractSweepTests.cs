using System.Globalization;
using System.Text;
using System.Text.Json;
using Inspections.Api.Tests.Infrastructure;
using Inspections.Api.Tests.Sweep;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Inspections.Api.Tests;

/// <summary>
/// The bad-input sweep, generated from the published contract at test time: the host's
/// <c>/openapi/v1.json</c> gives the operations, parameters and body schemas; every operation gets
/// a valid request from every role of the home district and of another, then every class of bad
/// input that applies to it, then requests FsCheck draws at random. Nothing may answer 5xx.
/// <para>
/// Replay a sweep with <c>INSPECTIONS_SWEEP_SEED</c> (printed; <c>random</c> for a new one) and
/// make it longer with <c>INSPECTIONS_SWEEP_COUNT</c> (random requests after the fixed ones);
/// <c>INSPECTIONS_SWEEP_ONLY</c> sends only the requests whose number (<c>#123</c>) or operation
/// (<c>POST /api/venues</c>) it lists, comma-separated.
/// </para>
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class ContractSweepTests(string provider) : ApiFixture(provider)
{
    public const ulong DefaultSeed = 20261125;
    public const int DefaultCount = 300;

    private static readonly User[] Users =
    [
        new("officer", SweepSetup.Home), new("clerk", SweepSetup.Home), new("supervisor", SweepSetup.Home), new("admin", SweepSetup.Home),
        // a user of another district, on data of the home district
        new("officer", "510104"), new("clerk", "510104"), new("supervisor", "510104"), new("admin", "510104"),
    ];

    private readonly ErrorCapture _errors = new();
    private Task<(SweepResult Result, Contract Contract, World World, bool Filtered)>? _sweep;

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<ILoggerProvider>(_errors);

    [Test]
    public async Task Every_operation_of_the_contract_survives_every_class_of_bad_input_from_every_role()
    {
        var (result, contract, world, filtered) = await Sweep();
        Assert.That(BadInputs.All, Has.Count.GreaterThanOrEqualTo(20), "classes of bad input");
        Assert.That(world.Ids.Keys, Is.SupersetOf(new[] { "venue", "inspection", "case", "permit", "campaign", "unlicensedCampaign", "draw" }),
            "setup made real rows: " + string.Join("; ", world.SetupNotes));
        if (!filtered)
        {
            Assert.That(result.OperationsCovered, Is.EquivalentTo(contract.Operations.Select(o => o.ToString())), "every operation covered");
            Assert.That(BadInputs.All.Select(c => c.Name).Where(c => !result.ClassesUsed.ContainsKey(c)), Is.Empty, "every class used at least once");
        }
        Assert.That(result.ServerErrors, Is.Empty, Summary(result, 3));
    }

    [Test]
    public async Task Refusals_asked_for_in_english_carry_no_chinese()
    {
        var (result, _, _, filtered) = await Sweep();
        if (!filtered) Assert.That(result.EnglishRefusalsChecked, Is.GreaterThan(300), "refusals checked for English");
        Assert.That(result.ChineseInEnglish, Is.Empty,
            string.Join("\n", result.ChineseInEnglish.Take(20).Select(s => s.Replay(200))));
    }

    private Task<(SweepResult, Contract, World, bool)> Sweep() => _sweep ??= RunAsync();

    private async Task<(SweepResult, Contract, World, bool)> RunAsync()
    {
        var seedText = Environment.GetEnvironmentVariable("INSPECTIONS_SWEEP_SEED");
        var seed = seedText switch
        {
            null or "" => DefaultSeed,
            "random" => (ulong)Random.Shared.NextInt64(long.MaxValue),
            _ => ulong.Parse(seedText, CultureInfo.InvariantCulture),
        };
        var countText = Environment.GetEnvironmentVariable("INSPECTIONS_SWEEP_COUNT");
        var count = string.IsNullOrEmpty(countText) ? DefaultCount : int.Parse(countText, CultureInfo.InvariantCulture);
        var only = Environment.GetEnvironmentVariable("INSPECTIONS_SWEEP_ONLY") is { Length: > 0 } o
            ? o.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : null;

        var anonymous = Api.CreateClient();
        var document = JsonDocument.Parse(await anonymous.GetStringAsync("/openapi/v1.json"));
        var contract = new Contract(document);
        Assert.That(contract.Operations, Has.Count.GreaterThan(20), "operations in the published document");
        var world = await SweepSetup.RunAsync(Api);
        var client = Api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.Timeout = TimeSpan.FromMinutes(2);
        var sweeper = new Sweeper(contract, world, Users, u => Api.Token(u.Role, u.Jurisdiction), client, _errors);
        var result = await sweeper.RunAsync(seed, count, only is null ? null
            : p => only.Any(x => x == "#" + p.Index.ToString(CultureInfo.InvariantCulture) || x == p.Operation.ToString() || x == p.Operation.Id));
        TestContext.Out.WriteLine(Summary(result, int.MaxValue, contract, world));
        return (result, contract, world, only is not null);
    }

    private string Summary(SweepResult r, int examplesPerGroup, Contract? contract = null, World? world = null)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Contract sweep on {Provider}: seed {r.Seed}, {r.RandomCount} random requests (replay: INSPECTIONS_SWEEP_SEED={r.Seed} INSPECTIONS_SWEEP_COUNT={r.RandomCount})");
        if (contract is not null)
            sb.AppendLine(CultureInfo.InvariantCulture, $"operations covered: {r.OperationsCovered.Count}/{contract.Operations.Count}");
        var classes = string.Join(", ", r.ClassesUsed.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}×{c.Value}"));
        sb.AppendLine(CultureInfo.InvariantCulture, $"classes covered: {r.ClassesUsed.Count(c => c.Key != "valid")}/{BadInputs.All.Count}: {classes}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"requests sent: {r.Requests} in {r.Elapsed.TotalSeconds:F1} s; English refusals checked: {r.EnglishRefusalsChecked}");
        sb.AppendLine("status histogram: " + string.Join(", ", r.Statuses.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}×{s.Value}")));
        sb.AppendLine("valid requests by users the operation allows, home district: " + string.Join(", ", r.ValidByPermittedUsers.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}×{s.Value}")));
        if (world is not null)
        {
            sb.AppendLine("real rows: " + string.Join(", ", world.Ids.Select(i => $"{i.Key}={i.Value}")));
            foreach (var note in world.SetupNotes) sb.AppendLine("setup step refused: " + note);
        }
        sb.AppendLine(CultureInfo.InvariantCulture, $"5xx found: {r.ServerErrors.Count}");
        foreach (var group in r.ServerErrors.GroupBy(s => s.Cause ?? "").OrderByDescending(g => g.Count()))
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"== {group.Count()} × {group.Key}");
            sb.AppendLine("   operations: " + string.Join(", ", group.GroupBy(s => s.Plan.Operation.ToString()).Select(g => $"{g.Key} ×{g.Count()}")));
            sb.AppendLine("   classes: " + string.Join(", ", group.GroupBy(s => s.Plan.Class?.Name ?? "valid").Select(g => $"{g.Key} ×{g.Count()}")));
            foreach (var sent in group.Take(examplesPerGroup)) sb.AppendLine(sent.Replay());
        }
        if (r.ChineseInEnglish.Count > 0) sb.AppendLine(CultureInfo.InvariantCulture, $"Chinese in English refusals: {r.ChineseInEnglish.Count}");
        return sb.ToString();
    }
}
