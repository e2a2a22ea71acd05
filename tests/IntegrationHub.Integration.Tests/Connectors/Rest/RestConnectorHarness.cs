using System.Text.Json.Nodes;
using IntegrationHub.Connectors;
using IntegrationHub.Connectors.Definitions;
using IntegrationHub.Connectors.Rest;
using IntegrationHub.Mapping.Definition;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Integration.Tests.Connectors.Rest;

/// <summary>
/// The rest connector as the hub registers it (<c>AddRestSourceConnector</c>: IHttpClientFactory, resilience), with every
/// log line captured at every level.
/// </summary>
public sealed class RestConnectorHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public RestConnectorHarness()
    {
        _services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs))
            .AddRestSourceConnector()
            .BuildServiceProvider();
        Connector = (RestSourceConnector)_services.GetServices<ISourceConnector>().Single(c => c.Kind == "rest");
    }

    public CapturedLogs Logs { get; } = new();

    public RestSourceConnector Connector { get; }

    public static ConnectorContext Context { get; } = new(Path.GetTempPath()) { CheckTimeout = TimeSpan.FromSeconds(20) };

    /// <summary>Fast retries, so that tests of failures take milliseconds rather than the production defaults.</summary>
    public static JsonObject FastResilience(int maxRetries = 2) => new()
    {
        ["maxRetries"] = maxRetries,
        ["baseDelay"] = "00:00:00.05",
        ["maxDelay"] = "00:00:05",
        ["attemptTimeout"] = "00:00:05",
        ["totalTimeout"] = "00:00:30",
        ["requestsPerSecond"] = 1000,
    };

    public static ConnectorDefinition Definition(JsonObject source, string id = "rest-test") => new()
    {
        Id = id,
        Name = "REST test source",
        Kind = "rest",
        Source = source,
        Mapping = new MappingDefinition { Version = 1, SourceKey = ["id"], Fields = [] },
    };

    public async Task<List<SourcePage>> ReadAllAsync(JsonObject source, string? checkpoint = null, string id = "rest-test")
    {
        var pages = new List<SourcePage>();
        await foreach (var page in Connector.ReadAsync(Definition(source, id), checkpoint, Context, CancellationToken.None))
            pages.Add(page);
        return pages;
    }

    public Task<ConnectionCheck> CheckAsync(JsonObject source, string id = "rest-test") =>
        Connector.CheckAsync(Definition(source, id), Context, CancellationToken.None);

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();
}
