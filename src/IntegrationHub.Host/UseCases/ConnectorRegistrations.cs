using System.Text.Json.Nodes;
using IntegrationHub.Canonical.Validation;
using IntegrationHub.Connectors;
using IntegrationHub.Connectors.Definitions;
using IntegrationHub.Host.Audit;
using IntegrationHub.Host.Security;
using IntegrationHub.Pipeline.Catalog;

namespace IntegrationHub.Host.UseCases;

/// <summary>
/// Registering, changing, removing and switching connectors. A department key sees and manages its own department's
/// connectors only (and registers connectors of its own department only); a connector defined by a file is changed in
/// its file; a connector holding a replication slot is removed or switched off only with the operator's word on the
/// slot (drop or keep), never leaving an orphan silently. Every change is audited once it succeeded.
/// </summary>
public sealed class ConnectorRegistrations(ConnectorCatalog catalog, ConnectorSlots slots, IAuditLog audit)
{
    private const string ConflictTitle = "The connector cannot be changed this way.";

    /// <summary>The connectors the caller may see, in the catalog's order.</summary>
    public IReadOnlyList<ConnectorDefinition> List(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.IsConfinedToDepartment(out var department)
            ? [.. catalog.All.Where(c => c.Department == department)]
            : catalog.All;
    }

    public Outcome<ConnectorDefinition> Get(Caller caller, string connectorId) => DepartmentBoundary.FindFor(catalog, caller, connectorId);

    public async Task<Outcome<ConnectorDefinition>> RegisterAsync(Caller caller, JsonObject definition, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (DepartmentBoundary.RefusesDefinition(caller, definition) is { } refused)
            return refused;
        try
        {
            var added = await catalog.AddAsync(definition, ct).ConfigureAwait(false);
            await audit.RecordAsync(caller, AuditActions.ConnectorRegister, added.Id, $"kind {added.Kind}, mapping version {added.Mapping.Version}", ct).ConfigureAwait(false);
            return added;
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

    public async Task<Outcome<ConnectorDefinition>> ChangeAsync(Caller caller, string connectorId, JsonObject definition, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        // Another department's connector is refused first; one that does not exist is the update's 404 below.
        if (Get(caller, connectorId).Problem is { Status: StatusCodes.Status403Forbidden } notIts)
            return notIts;
        if (DepartmentBoundary.RefusesDefinition(caller, definition) is { } refused)
            return refused;
        try
        {
            var updated = await catalog.UpdateAsync(connectorId, definition, ct).ConfigureAwait(false);
            await audit.RecordAsync(caller, AuditActions.ConnectorChange, updated.Id, $"mapping version {updated.Mapping.Version}", ct).ConfigureAwait(false);
            return updated;
        }
        catch (KeyNotFoundException)
        {
            return UseCaseProblem.NotFound("connector", "id", connectorId);
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

    /// <param name="replicationSlot"><c>drop</c> or <c>keep</c>: what becomes of the slot a cdc connector holds; required when it holds one.</param>
    public async Task<Outcome<ConnectorDefinition>> RemoveAsync(Caller caller, string connectorId, string? replicationSlot, CancellationToken ct)
    {
        if (ParseSlotChoice(replicationSlot, out var drop) is { } invalid)
            return invalid;
        var found = Get(caller, connectorId);
        if (found.Value is not { } connector)
            return found.Problem!;
        if (!catalog.IsRegistered(connectorId))
        {
            return Conflict(ValidationIssue.Error("id", null, connectorId, "connector.defined-by-file",
                $"连接器“{connectorId}”由文件 {connector.Origin} 定义，请删除该文件。",
                $"Connector '{connectorId}' is defined by the file {connector.Origin} in the connectors folder; remove that file (or disable the connector)."));
        }

        string? detail = null;
        if (slots.SlotOf(connector) is { } slot)
        {
            // Never an orphan by default: the slot would keep the source's log with nobody reading it.
            if (drop is null)
            {
                return Conflict(ValidationIssue.Error("replicationSlot", null, null, "connector.replication-slot",
                    $"连接器“{connectorId}”在数据源上持有复制槽 {slot}，数据源会为其保留日志。请说明如何处理：replicationSlot=drop（删除复制槽，释放日志；以同一 id 重新添加时，需将 source.cdc.onSlotLost 设为 resnapshot 以重新做快照）或 replicationSlot=keep（保留复制槽，直到在数据源上执行 SELECT pg_drop_replication_slot('{slot}');）。",
                    $"Connector '{connectorId}' reads its source's log through replication slot {slot}, which makes the source keep its log until it is read. Say what becomes of it: " +
                    $"replicationSlot=drop (the source frees the log; a connector added again under this id needs source.cdc.onSlotLost = resnapshot to start over with a new snapshot) or replicationSlot=keep (the slot keeps log until it is dropped on the source: SELECT pg_drop_replication_slot('{slot}');)."));
            }

            // Switched off first, so that no run starts again and makes a new slot.
            if (drop.Value)
                await catalog.SetEnabledAsync(connectorId, false, ct).ConfigureAwait(false);
            var settled = await SettleSlotAsync(connector, slot, drop.Value, ct).ConfigureAwait(false);
            if (settled.Value is not { } what)
                return settled.Problem!;
            detail = what;
        }

        await catalog.RemoveAsync(connectorId, ct).ConfigureAwait(false);
        await audit.RecordAsync(caller, AuditActions.ConnectorRemove, connectorId, detail, ct).ConfigureAwait(false);
        return connector;
    }

    public async Task<Outcome<ConnectorDefinition>> EnableAsync(Caller caller, string connectorId, CancellationToken ct)
    {
        if (Get(caller, connectorId).Problem is { } problem)
            return problem;
        if (await catalog.SetEnabledAsync(connectorId, true, ct).ConfigureAwait(false) is not { } connector)
            return UseCaseProblem.NotFound("connector", "id", connectorId);
        await audit.RecordAsync(caller, AuditActions.ConnectorEnable, connector.Id, null, ct).ConfigureAwait(false);
        return connector;
    }

    /// <param name="replicationSlot"><c>keep</c> (the default) or <c>drop</c>: what becomes of the slot a cdc connector holds.</param>
    public async Task<Outcome<ConnectorDefinition>> DisableAsync(Caller caller, string connectorId, string? replicationSlot, CancellationToken ct)
    {
        if (ParseSlotChoice(replicationSlot, out var drop) is { } invalid)
            return invalid;
        if (Get(caller, connectorId).Problem is { } problem)
            return problem;
        if (await catalog.SetEnabledAsync(connectorId, false, ct).ConfigureAwait(false) is not { } connector)
            return UseCaseProblem.NotFound("connector", "id", connectorId);
        string? detail = null;
        if (slots.SlotOf(connector) is { } slot)
        {
            var settled = await SettleSlotAsync(connector, slot, drop == true, ct).ConfigureAwait(false);
            if (settled.Value is not { } what)
                return settled.Problem!;
            detail = what;
        }

        await audit.RecordAsync(caller, AuditActions.ConnectorDisable, connector.Id, detail, ct).ConfigureAwait(false);
        return connector;
    }

    /// <summary><c>drop</c> or <c>keep</c>; null when not given.</summary>
    private static UseCaseProblem? ParseSlotChoice(string? value, out bool? drop)
    {
        drop = value switch
        {
            "drop" => true,
            "keep" => false,
            _ => null,
        };
        return value is null or "" or "drop" or "keep"
            ? null
            : UseCaseProblem.Invalid("replicationSlot", value, "connector.replication-slot", "must be drop (the source frees its log) or keep (the slot stays on the source).");
    }

    /// <summary>
    /// Drops the connector's slot or keeps it, as the operator said; the audit detail of what became of it, or the
    /// problem when the source could not be reached or refused the drop.
    /// </summary>
    private async Task<Outcome<string>> SettleSlotAsync(ConnectorDefinition connector, string slot, bool drop, CancellationToken ct)
    {
        if (!drop)
            return $"replication slot {slot} kept on the source";
        try
        {
            return await slots.DropAsync(connector, ct).ConfigureAwait(false)
                ? $"replication slot {slot} dropped on the source"
                : $"replication slot {slot} was not on the source";
        }
        catch (Exception ex) when (ex is SourceAccessException or ConnectorConfigurationException)
        {
            return SlotNotDropped(connector, slot);
        }
    }

    private static UseCaseProblem SlotNotDropped(ConnectorDefinition connector, string slot) =>
        new(StatusCodes.Status502BadGateway, "The replication slot could not be dropped.",
            $"Connector '{connector.Id}' is switched off, but its replication slot {slot} could not be dropped on the source (not reachable, or the role may not). " +
            $"Try again, or drop it on the source: SELECT pg_drop_replication_slot('{slot}');",
            "replicationSlot", "drop", "source.replication");

    private static UseCaseProblem Conflict(ValidationIssue issue) =>
        UseCaseProblem.Conflict(issue.Field, issue.Value, issue.Rule, ConflictTitle, issue.MessageEn) with { Issues = [issue] };

    private static UseCaseProblem Invalid(IReadOnlyList<ValidationIssue> issues) =>
        UseCaseProblem.Invalid(issues[0].Field, issues[0].Value, issues[0].Rule, issues[0].MessageEn) with
        {
            Title = "The connector definition is invalid.",
            Detail = string.Join(" ", issues.Select(i => i.MessageEn)),
            Issues = issues,
        };
}
