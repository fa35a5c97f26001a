namespace Inspections.Api.Tests.Infrastructure;

/// <summary>Base of the API fixtures: one host and one fresh database per provider.</summary>
public abstract class ApiFixture(string provider)
{
    protected string Provider { get; } = provider;
    private TestDatabase? _database;
    private ApiFactory? _factory;

    protected ApiFactory Api => _factory ?? throw new InvalidOperationException("Fixture not set up.");

    protected virtual bool HangfireServer => false;

    /// <summary>Users the fixture's tests name (officers, clerks), created through the API once the host runs.</summary>
    protected virtual IEnumerable<TestUser> FixtureUsers => [];

    /// <summary>Replaces services of the host (e.g. the clock) before it starts.</summary>
    protected virtual void ConfigureServices(Microsoft.Extensions.DependencyInjection.IServiceCollection services) { }

    [OneTimeSetUp]
    public async Task StartHost()
    {
        _database = await TestDatabase.CreateAsync(Provider);
        _factory = new ApiFactory(_database.Options, HangfireServer, ConfigureServices);
        _ = _factory.Server; // start now: migrations run here, not inside the first test
        await _factory.EnsureUsersAsync(FixtureUsers);
    }

    [OneTimeTearDown]
    public async Task StopHost()
    {
        if (_factory is not null) await _factory.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }
}
