using IntegrationHub.Integration.Tests.Harness;

namespace IntegrationHub.Integration.Tests.Faults;

/// <summary>A PostgreSQL of one test class's own (<see cref="PrivateServices"/>), shared by its tests, which take it down and up.</summary>
public sealed class PrivatePostgres : IAsyncLifetime
{
    private PrivateServices? _services;

    public PrivateServices Services => _services ?? throw new InvalidOperationException("The private PostgreSQL did not start.");

    public ServiceEndpoints Endpoints => Services.Endpoints;

    public async Task InitializeAsync() => _services = await PrivateServices.StartAsync("postgres");

    public async Task DisposeAsync()
    {
        if (_services is not null)
            await _services.DisposeAsync();
    }
}
