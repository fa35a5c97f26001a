namespace Inspections.Api.Tests.Infrastructure;

/// <summary>Base of the API fixtures: one host and one fresh database per provider.</summary>
public abstract class ApiFixture(string provider)
{
    protected string Provider { get; } = provider;
    private TestDatabase? _database;
    private ApiFactory? _factory;

    protected ApiFactory Api => _factory ?? throw new InvalidOperationException("Fixture not set up.");

    protected virtual bool HangfireServer => false;

    /// <summary>Evidence:Store of the fixture's host ("folder" or "database"); null leaves the configuration's default.</summary>
    protected virtual string? EvidenceStore => null;

    /// <summary>False for the fixtures that break the schema on purpose, where the work cannot be read back.</summary>
    protected virtual bool ChecksStoredClocks => true;

    /// <summary>Users the fixture's tests name (officers, clerks), created through the API once the host runs.</summary>
    protected virtual IEnumerable<TestUser> FixtureUsers => [];

    /// <summary>Replaces services of the host (e.g. the clock) before it starts.</summary>
    protected virtual void ConfigureServices(Microsoft.Extensions.DependencyInjection.IServiceCollection services) { }

    [OneTimeSetUp]
    public async Task StartHost()
    {
        _database = await TestDatabase.CreateAsync(Provider);
        _factory = new ApiFactory(_database.Options, HangfireServer, ConfigureServices, EvidenceStore);
        _ = _factory.Server; // start now: migrations run here, not inside the first test
        await _factory.EnsureUsersAsync(FixtureUsers);
    }

    /// <summary>
    /// After every passing test of every API fixture: the stored deadline clocks are exactly what the features'
    /// clock code computes from their tables now. A command that changed a clock without its rows being stored
    /// again (a feature naming the wrong audit subject, a source missing a kind of entity) fails the test that ran it.
    /// So do the closure rate's day rows, which every step that files, closes, withdraws or decides a case keeps in step,
    /// the clocks' counts by due date, which move with the clocks, and the window's day rows, which move with the applications.
    /// </summary>
    /// <summary>The tables of counts the steps keep in step with the rows they count.</summary>
    public static readonly Inspections.Core.Data.SummaryTable[] SummaryTables =
    [
        Inspections.Core.Features.Cases.CaseFigureDays.Table,
        Inspections.Core.Features.Alerts.ClockDueDays.Table,
        Inspections.Core.Features.Permits.PermitFigureDays.Table,
    ];

    [TearDown]
    public async Task StoredClocksMatchTheWork()
    {
        if (_factory is null || !ChecksStoredClocks || TestContext.CurrentContext.Result.Outcome.Status != NUnit.Framework.Interfaces.TestStatus.Passed) return;
        var clocks = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<Inspections.Core.Features.Alerts.ClockRows>(_factory.Services);
        await using var db = new Inspections.Core.Data.DbSession(new Inspections.Core.Data.DbConnectionFactory(_factory.Database));
        var differences = await clocks.DifferencesAsync(db, CancellationToken.None);
        Assert.That(differences, Is.Empty, "stored deadline clocks differ from those computed from the work now");
        foreach (var table in SummaryTables)
            Assert.That(await table.DifferencesAsync(db, CancellationToken.None), Is.Empty, $"{table.Name} differs from the rows it counts as they now stand");
    }

    [OneTimeTearDown]
    public async Task StopHost()
    {
        if (_factory is not null) await _factory.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }
}
