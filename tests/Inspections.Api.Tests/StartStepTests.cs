using Inspections.Api.Tests.Infrastructure;
using Inspections.Core.Data;
using Inspections.Core.Features.Alerts;
using Inspections.Core.Features.Calendar;
using Inspections.Core.Features.Reports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Inspections.Api.Tests;

/// <summary>
/// What a start does to the stored work (start_steps): the clocks are computed again when the configured due-soon
/// threshold differs from the one they were stored with, and only then; the figure facts' one-time fill is recorded and
/// not searched for again. Hosts started one after another on one database, as a restart or a changed setting would.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class StartStepTests(string provider) : ApiFixture(provider)
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly string Clock = new FixedDeadlineSource().ClockType;

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(Monday));
        services.AddSingleton<IDeadlineSource, FixedDeadlineSource>();
    }

    private static Action<IServiceCollection> WithThreshold(int days) => services =>
    {
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(Monday));
        services.AddSingleton<IDeadlineSource, FixedDeadlineSource>();
        services.AddSingleton(new ClockOptions { DueSoonDays = new(StringComparer.OrdinalIgnoreCase) { [Clock] = days } });
    };

    private async Task<List<long>> ThresholdsAsync()
    {
        await using var db = new DbSession(new DbConnectionFactory(Api.Database));
        return (await db.QueryAsync<long>(new Sql("SELECT due_soon_days FROM deadline_clocks WHERE clock = @Clock"), new { Clock }, CancellationToken.None))
            .Distinct().Order().ToList();
    }

    private async Task<string?> RecordedAsync(string step) =>
        await StartSteps.OutcomeAsync(new DbConnectionFactory(Api.Database), step, CancellationToken.None);

    [Test]
    public async Task A_start_computes_the_clocks_again_only_when_their_due_soon_threshold_changed()
    {
        var standard = new ClockOptions().DueSoonFor(Clock);
        Assert.That(await ThresholdsAsync(), Is.EqualTo(new[] { (long)standard }), "the first start stored the clocks with the configured threshold");
        Assert.That(await RecordedAsync(ClockRows.ThresholdStep(Clock)), Is.EqualTo($"{standard}"));
        Assert.That(await RecordedAsync(FigureFacts.Step), Is.EqualTo("done"));

        var changed = standard + 3;
        await using (var restarted = new ApiFactory(Api.Database, services: WithThreshold(changed))) _ = restarted.Server;
        Assert.That(await ThresholdsAsync(), Is.EqualTo(new[] { (long)changed }), "a changed threshold: every clock of the kind computed again");
        Assert.That(await RecordedAsync(ClockRows.ThresholdStep(Clock)), Is.EqualTo($"{changed}"));

        // A start with the threshold already in place does not read the clocks: a row altered by hand stays as it is.
        await using (var db = new DbSession(new DbConnectionFactory(Api.Database)))
            await db.ExecuteAsync(new Sql("UPDATE deadline_clocks SET due_soon_days = 99 WHERE clock = @Clock"), new { Clock }, CancellationToken.None);
        await using (var again = new ApiFactory(Api.Database, services: WithThreshold(changed))) _ = again.Server;
        Assert.That(await ThresholdsAsync(), Is.EqualTo(new[] { 99L }));

        await using (var back = new ApiFactory(Api.Database, services: ConfigureServices)) _ = back.Server;
        Assert.That(await ThresholdsAsync(), Is.EqualTo(new[] { (long)standard }), "back to the standard threshold: computed again");
        Assert.That(await RecordedAsync(ClockRows.ThresholdStep(Clock)), Is.EqualTo($"{standard}"));
    }
}
