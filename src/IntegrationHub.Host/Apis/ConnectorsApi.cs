using System.Text.Json.Nodes;
using IntegrationHub.Api.Contracts;
using IntegrationHub.Connectors;
using IntegrationHub.Connectors.Definitions;
using IntegrationHub.Host.Apis.Responses;
using IntegrationHub.Host.Security;
using IntegrationHub.Host.UseCases;
using IntegrationHub.Pipeline.Catalog;
using IntegrationHub.Store;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationHub.Host.Apis;

/// <summary>
/// Connectors: the kinds the hub has, registering and changing connectors, checking and previewing them, their runs.
/// Connectors defined by files in the connectors folder are read-only here except for enable/disable.
/// </summary>
public static class ConnectorsApi
{
    public const int DefaultRunsLimit = 20;
    public const int MaxRunsLimit = 1000;
    public const int DefaultSample = 20;
    public const int MaxSample = 500;

    public static IEndpointRouteBuilder MapConnectorsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("connector-kinds", ListKinds)
            .WithTags("Connectors")
            .RequireAuthorization(HubPolicies.ConnectorManager)
            .WithName("ListConnectorKinds")
            .WithSummary("List the connector kinds and their configuration schemas")
            .WithDescription("Each kind (sql, rest, file, process …) with the JSON Schema of a connector's \"source\" section and the settings that are secrets (write-only).");

        // Department keys too, each within its own department's connectors (DepartmentBoundary).
        var api = app.MapGroup("connectors")
            .WithTags("Connectors")
            .RequireAuthorization(HubPolicies.ConnectorManager)
            .AddEndpointFilter<DepartmentBoundary>();

        api.MapGet("/", ListConnectors)
            .WithName("ListConnectors")
            .WithSummary("List the connectors")
            .WithDescription("Every connector the hub knows, from files and from the API, with its schedule and mapping version. Secrets show as ********.");

        api.MapPost("/", AddConnector)
            .WithName("AddConnector")
            .WithSummary("Register a connector")
            .WithDescription("Registers a connector from its definition (the format of a *.connector.json file, with the mapping inline as an object). The source configuration is validated against its kind's schema; secrets are encrypted at rest and never returned.");

        api.MapGet("/{id}", GetConnector)
            .WithName("GetConnector")
            .WithSummary("Get one connector")
            .WithDescription("One connector with its mapping; secrets show as ********.");

        api.MapPut("/{id}", UpdateConnector)
            .WithName("UpdateConnector")
            .WithSummary("Replace a registered connector")
            .WithDescription("Replaces the definition of a connector registered through the API. A secret sent as ******** or left out keeps its stored value. Connectors defined by files are changed in their file (409).");

        api.MapDelete("/{id}", RemoveConnector)
            .WithName("RemoveConnector")
            .WithSummary("Remove a registered connector")
            .WithDescription("Removes a connector registered through the API. Its records, runs and quarantine stay in the store. A connector in cdc mode holds a replication slot on its source: say what becomes of it with replicationSlot=drop (the source frees its log) or replicationSlot=keep (the slot keeps log until dropped); without it the answer is 409.");

        api.MapPost("/{id}/enable", EnableConnector)
            .WithName("EnableConnector")
            .WithSummary("Switch a connector on")
            .WithDescription("The connector runs on its schedule again. Applies to file-defined connectors too and overrides their \"enabled\".");

        api.MapPost("/{id}/disable", DisableConnector)
            .WithName("DisableConnector")
            .WithSummary("Switch a connector off")
            .WithDescription("The connector no longer runs on its schedule or by hand until it is enabled again; a run under way finishes. A connector in cdc mode keeps its replication slot (replicationSlot=keep, the default: the source keeps its log, and health alerts when it grows too large) unless replicationSlot=drop (the source frees its log; the next run then needs a new snapshot, see source.cdc.onSlotLost).");

        api.MapPost("/{id}/check", CheckConnector)
            .WithName("CheckConnector")
            .WithSummary("Check a connector's configuration and connection")
            .WithDescription("Validates the configuration, reaches the source, authenticates and reads one page. Always 200: \"succeeded\" and \"stage\" say what worked.");

        api.MapPost("/{id}/discover", DiscoverConnector)
            .WithName("DiscoverConnectorFields")
            .WithSummary("Describe the fields of a sample")
            .WithDescription("Reads up to \"sample\" records from the start of the source and lists each field with its JSON types, presence and examples — what a mapping can use.");

        api.MapPost("/{id}/preview", PreviewConnector)
            .WithName("PreviewConnector")
            .WithSummary("Preview normalized records")
            .WithDescription("Pulls up to \"limit\" records (from the start, or after the stored checkpoint with from=checkpoint), maps and validates them exactly as a run would, and returns each with its status and every validation message. Stores nothing.");

        api.MapPost("/{id}/runs", StartRun)
            .WithName("StartConnectorRun")
            .WithSummary("Start a sync run now")
            .WithDescription("Asks a worker to run the connector (trigger \"api\"). The run appears in the connector's runs once it starts; a connector that is already running is not started twice.");

        api.MapPost("/{id}/backfill", StartBackfill)
            .WithName("StartConnectorBackfill")
            .WithSummary("Re-normalize the stored records with the current mapping")
            .WithDescription("After a mapping change: every stored raw payload of the connector goes through its current mapping again, through the normal path, as a run with trigger \"backfill\" (progress: its pulled count against the connector's source records). Changed records get a new version and feed event; the source is not read and no checkpoint moves.");

        api.MapGet("/{id}/runs", ListRuns)
            .WithName("ListConnectorRuns")
            .WithSummary("List a connector's recent runs")
            .WithDescription("The connector's runs, newest first, with their conservation counts (pulled = inserted + updated + unchanged + quarantined + deleted), duration and error.");

        return app;
    }

    public static Ok<ConnectorKindView[]> ListKinds(ConnectorCatalog catalog) =>
        TypedResults.Ok(catalog.Kinds.OrderBy(k => k.Kind, StringComparer.Ordinal)
            .Select(k => new ConnectorKindView(k.Kind, (JsonObject)k.Spec.Document.DeepClone(), k.Spec.SecretPaths))
            .ToArray());

    public static Ok<ConnectorView[]> ListConnectors(ConnectorCatalog catalog, ConnectorRegistrations registrations, HttpContext http) =>
        TypedResults.Ok(registrations.List(Caller.Of(http)).Select(c => ToView(catalog, c, withMapping: false)).ToArray());

    public static Results<Ok<ConnectorView>, ProblemHttpResult> GetConnector(string id, ConnectorCatalog catalog, ConnectorRegistrations registrations, HttpContext http)
    {
        var outcome = registrations.Get(Caller.Of(http), id);
        return outcome.Value is { } connector ? TypedResults.Ok(ToView(catalog, connector, withMapping: true)) : ApiProblems.Problem(outcome.Problem!);
    }

    public static async Task<Results<Created<ConnectorView>, ValidationProblem, ProblemHttpResult>> AddConnector(
        [FromBody] JsonObject definition, ConnectorCatalog catalog, ConnectorRegistrations registrations, HttpContext http, CancellationToken ct)
    {
        var outcome = await registrations.RegisterAsync(Caller.Of(http), definition, ct).ConfigureAwait(false);
        if (outcome.Value is not { } added)
            return outcome.Problem!.IsInvalidInput ? ApiProblems.Validation(outcome.Problem) : ApiProblems.Problem(outcome.Problem);
        return TypedResults.Created($"{HubApis.Prefix}/connectors/{Uri.EscapeDataString(added.Id)}", ToView(catalog, added, withMapping: true));
    }

    public static async Task<Results<Ok<ConnectorView>, ValidationProblem, ProblemHttpResult>> UpdateConnector(
        string id, [FromBody] JsonObject definition, ConnectorCatalog catalog, ConnectorRegistrations registrations, HttpContext http, CancellationToken ct) =>
        Answer(catalog, await registrations.ChangeAsync(Caller.Of(http), id, definition, ct).ConfigureAwait(false), withMapping: true);

    public static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> RemoveConnector(
        string id, string? replicationSlot, ConnectorRegistrations registrations, HttpContext http, CancellationToken ct)
    {
        var outcome = await registrations.RemoveAsync(Caller.Of(http), id, replicationSlot, ct).ConfigureAwait(false);
        if (outcome.Problem is { } problem)
            return problem.IsInvalidInput ? ApiProblems.Validation(problem) : ApiProblems.Problem(problem);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<ConnectorView>, ProblemHttpResult>> EnableConnector(
        string id, ConnectorCatalog catalog, ConnectorRegistrations registrations, HttpContext http, CancellationToken ct)
    {
        var outcome = await registrations.EnableAsync(Caller.Of(http), id, ct).ConfigureAwait(false);
        return outcome.Value is { } connector ? TypedResults.Ok(ToView(catalog, connector, withMapping: false)) : ApiProblems.Problem(outcome.Problem!);
    }

    public static async Task<Results<Ok<ConnectorView>, ValidationProblem, ProblemHttpResult>> DisableConnector(
        string id, string? replicationSlot, ConnectorCatalog catalog, ConnectorRegistrations registrations, HttpContext http, CancellationToken ct) =>
        Answer(catalog, await registrations.DisableAsync(Caller.Of(http), id, replicationSlot, ct).ConfigureAwait(false), withMapping: false);

    private static Results<Ok<ConnectorView>, ValidationProblem, ProblemHttpResult> Answer(ConnectorCatalog catalog, Outcome<ConnectorDefinition> outcome, bool withMapping)
    {
        if (outcome.Value is { } connector)
            return TypedResults.Ok(ToView(catalog, connector, withMapping));
        return outcome.Problem!.IsInvalidInput ? ApiProblems.Validation(outcome.Problem) : ApiProblems.Problem(outcome.Problem);
    }

    public static async Task<Results<Ok<ConnectionCheckView>, ProblemHttpResult>> CheckConnector(
        string id, ConnectorCatalog catalog, ConnectorContext context, CancellationToken ct)
    {
        if (catalog.Find(id) is not { } connector)
            return ApiProblems.NotFound("connector", "id", id);
        if (catalog.KindOf(connector) is not { } kind)
            return UnknownKind(connector);
        return TypedResults.Ok(ConnectionCheckView.From(await kind.CheckAsync(connector, context, ct).ConfigureAwait(false)));
    }

    public static async Task<Results<Ok<DiscoveredFieldsView>, ProblemHttpResult, ValidationProblem>> DiscoverConnector(
        string id, string? sample, ConnectorCatalog catalog, ConnectorContext context, CancellationToken ct)
    {
        if (ApiProblems.ParseLimit(sample, DefaultSample, MaxSample, out var take, "sample") is { } invalid)
            return invalid;
        if (catalog.Find(id) is not { } connector)
            return ApiProblems.NotFound("connector", "id", id);
        if (catalog.KindOf(connector) is not { } kind)
            return UnknownKind(connector);
        try
        {
            var fields = await kind.DiscoverAsync(connector, context, take, ct).ConfigureAwait(false);
            return TypedResults.Ok(DiscoveredFieldsView.From(fields));
        }
        catch (Exception ex) when (ex is SourceAccessException or ConnectorConfigurationException)
        {
            return SourceFailed(connector, ex);
        }
    }

    public static async Task<Results<Ok<PreviewView>, ProblemHttpResult, ValidationProblem>> PreviewConnector(
        string id, string? limit, string? from, ConnectorCatalog catalog, ConnectorPreview preview, CancellationToken ct)
    {
        if (ApiProblems.ParseLimit(limit, DefaultSample, MaxSample, out var take) is { } invalid)
            return invalid;
        if (from is not (null or "start" or "checkpoint"))
            return ApiProblems.Invalid("from", from, "preview.from", "must be start (the default: the beginning of the source) or checkpoint (what the next run would read).");
        if (catalog.Find(id) is not { } connector)
            return ApiProblems.NotFound("connector", "id", id);
        if (catalog.KindOf(connector) is not { } kind)
            return UnknownKind(connector);
        try
        {
            return TypedResults.Ok(await preview.RunAsync(connector, kind, take, from == "checkpoint", ct).ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is SourceAccessException or ConnectorConfigurationException)
        {
            return SourceFailed(connector, ex);
        }
    }

    public static async Task<Results<Accepted<RunAccepted>, ProblemHttpResult>> StartRun(
        string id, ConnectorRuns runs, HttpContext http, CancellationToken ct) =>
        Answer(await runs.StartAsync(Caller.Of(http), id, ct).ConfigureAwait(false));

    public static async Task<Results<Accepted<RunAccepted>, ProblemHttpResult>> StartBackfill(
        string id, ConnectorRuns runs, HttpContext http, CancellationToken ct) =>
        Answer(await runs.BackfillAsync(Caller.Of(http), id, ct).ConfigureAwait(false));

    private static Results<Accepted<RunAccepted>, ProblemHttpResult> Answer(Outcome<RunAccepted> outcome) =>
        outcome.Value is { } accepted ? TypedResults.Accepted(accepted.Runs, accepted) : ApiProblems.Problem(outcome.Problem!);

    public static async Task<Results<Ok<RunView[]>, ProblemHttpResult, ValidationProblem>> ListRuns(
        string id,
        string? limit,
        IConnectorRegistry registry,
        IRunStore store,
        TimeProvider clock,
        CancellationToken ct)
    {
        if (ApiProblems.ParseLimit(limit, DefaultRunsLimit, MaxRunsLimit, out var take) is { } invalid)
            return invalid;
        if (registry.Find(id) is not { } connector)
            return ApiProblems.NotFound("connector", "id", id);

        var runs = await store.ListRunsAsync(connector.Id, take, ct).ConfigureAwait(false);
        return TypedResults.Ok(runs.Select(run => RunView.From(run, clock.GetUtcNow())).ToArray());
    }

    private static ConnectorView ToView(ConnectorCatalog catalog, ConnectorDefinition connector, bool withMapping)
    {
        var document = catalog.ViewOf(connector);
        var registered = catalog.IsRegistered(connector.Id);
        return new ConnectorView
        {
            Id = connector.Id,
            Name = connector.Name,
            Department = connector.Department,
            Kind = connector.Kind,
            Enabled = connector.Enabled,
            Priority = connector.Priority,
            Schedule = new ScheduleView(connector.Schedule.Every, connector.Schedule.Cron, connector.Schedule.Continuous),
            MappingVersion = connector.Mapping.Version,
            SourceVersion = connector.Mapping.SourceVersion,
            Origin = registered ? "api" : "file",
            File = registered ? null : connector.Origin,
            Source = document["source"] as JsonObject ?? [],
            Mapping = withMapping ? document["mapping"] as JsonObject : null,
        };
    }

    private static ProblemHttpResult UnknownKind(ConnectorDefinition connector) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: "The connector's kind is not available.",
            detail: $"Connector '{connector.Id}' has kind '{connector.Kind}', which this hub does not have.",
            extensions: new Dictionary<string, object?> { ["parameter"] = "kind", ["value"] = connector.Kind, ["rule"] = "connector.kind" });

    private static ProblemHttpResult SourceFailed(ConnectorDefinition connector, Exception ex) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status502BadGateway,
            title: "The connector's source could not be read.",
            detail: $"Connector '{connector.Id}': {ex.Message}",
            extensions: new Dictionary<string, object?>
            {
                ["parameter"] = "id",
                ["value"] = connector.Id,
                ["rule"] = ex is SourceAccessException access ? $"source.{access.Stage}" : "source.configuration",
            });
}
