using System.Text.Json.Nodes;
using IntegrationHub.Api.Contracts;
using IntegrationHub.Canonical.Validation;
using IntegrationHub.Connectors;
using IntegrationHub.Connectors.Definitions;
using IntegrationHub.Host.Apis.Responses;
using IntegrationHub.Host.Audit;
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

    public static Ok<ConnectorView[]> ListConnectors(ConnectorCatalog catalog) =>
        TypedResults.Ok(catalog.All.Select(c => ToView(catalog, c, withMapping: false)).ToArray());

    public static Results<Ok<ConnectorView>, ProblemHttpResult> GetConnector(string id, ConnectorCatalog catalog) =>
        catalog.Find(id) is { } connector
            ? TypedResults.Ok(ToView(catalog, connector, withMapping: true))
            : ApiProblems.NotFound("connector", "id", id);

    public static async Task<Results<Created<ConnectorView>, ValidationProblem, ProblemHttpResult>> AddConnector(
        [FromBody] JsonObject definition, ConnectorCatalog catalog, IAuditLog audit, HttpContext http, CancellationToken ct)
    {
        try
        {
            var added = await catalog.AddAsync(definition, ct).ConfigureAwait(false);
            await audit.RecordAsync(http, AuditActions.ConnectorRegister, added.Id, $"kind {added.Kind}, mapping version {added.Mapping.Version}", ct).ConfigureAwait(false);
            return TypedResults.Created($"{HubApis.Prefix}/connectors/{Uri.EscapeDataString(added.Id)}", ToView(catalog, added, withMapping: true));
        }
        catch (ConnectorValidationException ex) when (ex.Issues.Any(i => i.Rule is "connector.defined-by-file" or "connector.unique"))
        {
            return Conflict(ex.Issues[0]);
        }
        catch (ConnectorValidationException ex)
        {
            return Invalid(ex.Issues);
        }
    }

    public static async Task<Results<Ok<ConnectorView>, ValidationProblem, ProblemHttpResult>> UpdateConnector(
        string id, [FromBody] JsonObject definition, ConnectorCatalog catalog, IAuditLog audit, HttpContext http, CancellationToken ct)
    {
        try
        {
            var updated = await catalog.UpdateAsync(id, definition, ct).ConfigureAwait(false);
            await audit.RecordAsync(http, AuditActions.ConnectorChange, updated.Id, $"mapping version {updated.Mapping.Version}", ct).ConfigureAwait(false);
            return TypedResults.Ok(ToView(catalog, updated, withMapping: true));
        }
        catch (KeyNotFoundException)
        {
            return ApiProblems.NotFound("connector", "id", id);
        }
        catch (ConnectorValidationException ex) when (ex.Issues.Any(i => i.Rule == "connector.defined-by-file"))
        {
            return Conflict(ex.Issues[0]);
        }
        catch (ConnectorValidationException ex)
        {
            return Invalid(ex.Issues);
        }
    }

    public static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> RemoveConnector(
        string id, string? replicationSlot, ConnectorCatalog catalog, ConnectorSlots slots, IAuditLog audit, HttpContext http, CancellationToken ct)
    {
        if (ParseSlotChoice(replicationSlot, out var drop) is { } invalid)
            return invalid;
        if (catalog.Find(id) is not { } connector)
            return ApiProblems.NotFound("connector", "id", id);
        if (!catalog.IsRegistered(id))
        {
            return Conflict(ValidationIssue.Error("id", null, id, "connector.defined-by-file",
                $"连接器“{id}”由文件 {connector.Origin} 定义，请删除该文件。",
                $"Connector '{id}' is defined by the file {connector.Origin} in the connectors folder; remove that file (or disable the connector)."));
        }

        string? detail = null;
        if (slots.SlotOf(connector) is { } slot)
        {
            // Never an orphan by default: the slot would keep the source's log with nobody reading it.
            if (drop is null)
            {
                return Conflict(ValidationIssue.Error("replicationSlot", null, null, "connector.replication-slot",
                    $"连接器“{id}”在数据源上持有复制槽 {slot}，数据源会为其保留日志。请说明如何处理：replicationSlot=drop（删除复制槽，释放日志；以同一 id 重新添加时，需将 source.cdc.onSlotLost 设为 resnapshot 以重新做快照）或 replicationSlot=keep（保留复制槽，直到在数据源上执行 SELECT pg_drop_replication_slot('{slot}');）。",
                    $"Connector '{id}' reads its source's log through replication slot {slot}, which makes the source keep its log until it is read. Say what becomes of it: " +
                    $"replicationSlot=drop (the source frees the log; a connector added again under this id needs source.cdc.onSlotLost = resnapshot to start over with a new snapshot) or replicationSlot=keep (the slot keeps log until it is dropped on the source: SELECT pg_drop_replication_slot('{slot}');)."));
            }

            if (drop.Value)
            {
                // Switched off first, so that no run starts again and makes a new slot.
                await catalog.SetEnabledAsync(id, false, ct).ConfigureAwait(false);
                if (await DropSlotAsync(connector, slot, slots, ct).ConfigureAwait(false) is not { } dropped)
                    return SlotNotDropped(connector, slot);
                detail = dropped;
            }
            else
            {
                detail = $"replication slot {slot} kept on the source";
            }
        }

        await catalog.RemoveAsync(id, ct).ConfigureAwait(false);
        await audit.RecordAsync(http, AuditActions.ConnectorRemove, id, detail, ct).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    public static Task<Results<Ok<ConnectorView>, ProblemHttpResult>> EnableConnector(string id, ConnectorCatalog catalog, IAuditLog audit, HttpContext http, CancellationToken ct) =>
        Switch(id, enabled: true, catalog, audit, http, ct);

    public static async Task<Results<Ok<ConnectorView>, ProblemHttpResult, ValidationProblem>> DisableConnector(
        string id, string? replicationSlot, ConnectorCatalog catalog, ConnectorSlots slots, IAuditLog audit, HttpContext http, CancellationToken ct)
    {
        if (ParseSlotChoice(replicationSlot, out var drop) is { } invalid)
            return invalid;
        if (await catalog.SetEnabledAsync(id, false, ct).ConfigureAwait(false) is not { } connector)
            return ApiProblems.NotFound("connector", "id", id);
        string? detail = null;
        if (slots.SlotOf(connector) is { } slot)
        {
            if (drop == true)
            {
                if (await DropSlotAsync(connector, slot, slots, ct).ConfigureAwait(false) is not { } dropped)
                    return SlotNotDropped(connector, slot);
                detail = dropped;
            }
            else
            {
                detail = $"replication slot {slot} kept on the source";
            }
        }

        await audit.RecordAsync(http, AuditActions.ConnectorDisable, connector.Id, detail, ct).ConfigureAwait(false);
        return TypedResults.Ok(ToView(catalog, connector, withMapping: false));
    }

    /// <summary><c>drop</c> or <c>keep</c>; null when not given.</summary>
    private static ValidationProblem? ParseSlotChoice(string? value, out bool? drop)
    {
        drop = value switch
        {
            null or "" => null,
            "drop" => true,
            "keep" => false,
            _ => null,
        };
        return value is null or "" or "drop" or "keep"
            ? null
            : ApiProblems.Invalid("replicationSlot", value, "connector.replication-slot", "must be drop (the source frees its log) or keep (the slot stays on the source).");
    }

    /// <summary>The audit detail of a dropped slot; null when the source could not be reached or refused.</summary>
    private static async Task<string?> DropSlotAsync(ConnectorDefinition connector, string slot, ConnectorSlots slots, CancellationToken ct)
    {
        try
        {
            return await slots.DropAsync(connector, ct).ConfigureAwait(false)
                ? $"replication slot {slot} dropped on the source"
                : $"replication slot {slot} was not on the source";
        }
        catch (Exception ex) when (ex is SourceAccessException or ConnectorConfigurationException)
        {
            return null;
        }
    }

    private static ProblemHttpResult SlotNotDropped(ConnectorDefinition connector, string slot) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status502BadGateway,
            title: "The replication slot could not be dropped.",
            detail: $"Connector '{connector.Id}' is switched off, but its replication slot {slot} could not be dropped on the source (not reachable, or the role may not). " +
                    $"Try again, or drop it on the source: SELECT pg_drop_replication_slot('{slot}');",
            extensions: new Dictionary<string, object?> { ["parameter"] = "replicationSlot", ["value"] = "drop", ["rule"] = "source.replication" });

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

    private static async Task<Results<Ok<ConnectorView>, ProblemHttpResult>> Switch(
        string id, bool enabled, ConnectorCatalog catalog, IAuditLog audit, HttpContext http, CancellationToken ct)
    {
        if (await catalog.SetEnabledAsync(id, enabled, ct).ConfigureAwait(false) is not { } connector)
            return ApiProblems.NotFound("connector", "id", id);
        await audit.RecordAsync(http, enabled ? AuditActions.ConnectorEnable : AuditActions.ConnectorDisable, connector.Id, null, ct).ConfigureAwait(false);
        return TypedResults.Ok(ToView(catalog, connector, withMapping: false));
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

    private static ValidationProblem Invalid(IReadOnlyList<ValidationIssue> issues) =>
        TypedResults.ValidationProblem(
            errors: issues.GroupBy(i => i.Field).ToDictionary(g => g.Key, g => g.Select(i => i.MessageEn).ToArray()),
            detail: string.Join(" ", issues.Select(i => i.MessageEn)),
            title: "The connector definition is invalid.",
            extensions: new Dictionary<string, object?> { ["issues"] = issues });

    private static ProblemHttpResult Conflict(ValidationIssue issue) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: "The connector cannot be changed this way.",
            detail: issue.MessageEn,
            extensions: new Dictionary<string, object?> { ["parameter"] = issue.Field, ["value"] = issue.Value, ["rule"] = issue.Rule, ["messageZh"] = issue.MessageZh });

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
