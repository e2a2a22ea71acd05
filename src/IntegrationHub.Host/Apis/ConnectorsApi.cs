using IntegrationHub.Connectors.Definitions;
using IntegrationHub.Contracts;
using IntegrationHub.Host.Apis.Responses;
using IntegrationHub.Host.Security;
using IntegrationHub.Store;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntegrationHub.Host.Apis;

/// <summary>The registered connectors, their runs, and starting a run by hand.</summary>
public static class ConnectorsApi
{
    public const int DefaultRunsLimit = 20;
    public const int MaxRunsLimit = 1000;

    public static IEndpointRouteBuilder MapConnectorsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("connectors")
            .WithTags("Connectors")
            .RequireAuthorization(HubPolicies.Operator);

        api.MapGet("/", ListConnectors)
            .WithName("ListConnectors")
            .WithSummary("List the registered connectors")
            .WithDescription("Every connector the hub knows, with its schedule and mapping version. Source settings are shown without passwords, secrets, tokens or connection strings.");

        api.MapGet("/{id}", GetConnector)
            .WithName("GetConnector")
            .WithSummary("Get one connector")
            .WithDescription("One registered connector; its source settings without secrets.");

        api.MapPost("/{id}/runs", StartRun)
            .WithName("StartConnectorRun")
            .WithSummary("Start a sync run now")
            .WithDescription("Asks a worker to run the connector (trigger \"api\"). The run appears in the connector's runs once it starts; a connector that is already running is not started twice.");

        api.MapGet("/{id}/runs", ListRuns)
            .WithName("ListConnectorRuns")
            .WithSummary("List a connector's recent runs")
            .WithDescription("The connector's runs, newest first, with their conservation counts.");

        return app;
    }

    public static Ok<ConnectorView[]> ListConnectors(IConnectorRegistry registry) =>
        TypedResults.Ok(registry.All.OrderBy(c => c.Id, StringComparer.Ordinal).Select(ToView).ToArray());

    public static Results<Ok<ConnectorView>, ProblemHttpResult> GetConnector(string id, IConnectorRegistry registry) =>
        registry.Find(id) is { } connector
            ? TypedResults.Ok(ToView(connector))
            : ApiProblems.NotFound("connector", "id", id);

    public static async Task<Results<Accepted<RunAccepted>, ProblemHttpResult>> StartRun(
        string id,
        IConnectorRegistry registry,
        IPublishEndpoint publisher,
        CancellationToken ct)
    {
        if (registry.Find(id) is not { } connector)
            return ApiProblems.NotFound("connector", "id", id);

        if (!connector.Enabled)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "The connector is disabled.",
                detail: $"Connector '{connector.Id}' is disabled (\"enabled\": false in {connector.Origin ?? "its definition"}); enable it to run it.",
                extensions: new Dictionary<string, object?> { ["parameter"] = "id", ["value"] = connector.Id, ["rule"] = "connector.enabled" });
        }

        const string trigger = "api";
        await publisher.Publish(new RunConnector { ConnectorId = connector.Id, Trigger = trigger }, ct).ConfigureAwait(false);

        var runs = $"/api/v1/connectors/{Uri.EscapeDataString(connector.Id)}/runs";
        return TypedResults.Accepted(runs, new RunAccepted(connector.Id, trigger, runs));
    }

    public static async Task<Results<Ok<RunView[]>, ProblemHttpResult, ValidationProblem>> ListRuns(
        string id,
        string? limit,
        IConnectorRegistry registry,
        ISupervisionStore store,
        CancellationToken ct)
    {
        if (ApiProblems.ParseLimit(limit, DefaultRunsLimit, MaxRunsLimit, out var take) is { } invalid)
            return invalid;
        if (registry.Find(id) is not { } connector)
            return ApiProblems.NotFound("connector", "id", id);

        var runs = await store.ListRunsAsync(connector.Id, take, ct).ConfigureAwait(false);
        return TypedResults.Ok(runs.Select(RunView.From).ToArray());
    }

    private static ConnectorView ToView(ConnectorDefinition connector) => new()
    {
        Id = connector.Id,
        Name = connector.Name,
        Department = connector.Department,
        Kind = connector.Kind,
        Enabled = connector.Enabled,
        Priority = connector.Priority,
        Schedule = new ScheduleView(connector.Schedule.Every, connector.Schedule.Cron),
        MappingVersion = connector.Mapping.Version,
        SourceVersion = connector.Mapping.SourceVersion,
        Source = SourceRedaction.WithoutSecrets(connector.Source),
    };
}
