using System.Collections.Frozen;
using System.Text.Json.Nodes;
using Cronos;
using IntegrationHub.Canonical.Validation;
using IntegrationHub.Connectors;
using IntegrationHub.Connectors.Definitions;
using IntegrationHub.Store;

namespace IntegrationHub.Pipeline.Catalog;

/// <summary>
/// Every connector the hub knows: those defined as files in the connectors folder (edited in the file, read at start)
/// and those registered through the API (kept in the store, secrets encrypted). Enable/disable through the API applies
/// to both and overrides the definition. One snapshot is swapped whole on every change, so a reader never sees half of
/// an update; <see cref="RefreshAsync"/> also picks up changes another hub process made to the shared store.
/// </summary>
public sealed class ConnectorCatalog : IConnectorRegistry
{
    private readonly FrozenDictionary<string, ConnectorDefinition> _files;
    private readonly FrozenDictionary<string, ISourceConnector> _kinds;
    private readonly IRegistrationStore _store;
    private readonly ConnectorSecrets _secrets;
    private readonly ConnectorContext _context;
    private readonly SemaphoreSlim _writes = new(1, 1);

    // Loads are serialized, so a periodic reload that read the store before a write cannot replace the newer snapshot
    // the write installed: whichever load runs last read the latest state.
    private readonly SemaphoreSlim _loads = new(1, 1);
    private Snapshot _snapshot;

    public ConnectorCatalog(string connectorsDirectory, IEnumerable<ISourceConnector> kinds, IRegistrationStore store, ConnectorSecrets secrets, ConnectorContext context)
    {
        _kinds = kinds.ToFrozenDictionary(k => k.Kind, StringComparer.Ordinal);
        _store = store;
        _secrets = secrets;
        _context = context;
        var files = new FileConnectorRegistry(connectorsDirectory);
        foreach (var definition in files.All)
        {
            var issues = Validate(definition);
            if (issues.Count > 0)
                throw new ConnectorDefinitionException(definition.Origin ?? definition.Id, issues[0].Field, issues[0].MessageEn);
        }

        _files = files.All.ToFrozenDictionary(d => d.Id, d => d with { Origin = Path.GetFileName(d.Origin) }, StringComparer.Ordinal);
        _snapshot = new Snapshot(_files, FrozenDictionary<string, ConnectorDefinition>.Empty, FrozenDictionary<string, bool>.Empty);
    }

    public IReadOnlyList<ConnectorDefinition> All => _snapshot.All;

    public ConnectorDefinition? Find(string id) => _snapshot.Find(id);

    /// <summary>Whether the connector was registered through the API (else it is defined by a file).</summary>
    public bool IsRegistered(string id) => _snapshot.Registered.ContainsKey(id);

    public IReadOnlyCollection<ISourceConnector> Kinds => _kinds.Values;

    public ISourceConnector? KindOf(ConnectorDefinition connector) => _kinds.GetValueOrDefault(connector.Kind);

    /// <summary>Reloads the registrations and switches from the store.</summary>
    public async Task RefreshAsync(CancellationToken ct)
    {
        await _loads.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            _snapshot = await LoadAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            _loads.Release();
        }
    }

    private async Task<Snapshot> LoadAsync(CancellationToken ct)
    {
        var registrations = await _store.ListConnectorRegistrationsAsync(ct).ConfigureAwait(false);
        var registered = new Dictionary<string, ConnectorDefinition>(StringComparer.Ordinal);
        foreach (var registration in registrations)
        {
            var stored = ConnectorDefinitionParser.Parse(registration.Definition, NoMappingFiles, "api");
            registered[registration.Id] = stored with { Source = SecretsOf(stored) is { } spec ? _secrets.Unprotect(spec, stored.Source) : stored.Source };
        }

        var switches = await _store.GetConnectorSwitchesAsync(ct).ConfigureAwait(false);
        return new Snapshot(_files, registered.ToFrozenDictionary(StringComparer.Ordinal), switches.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>Registers a new connector from its definition (mapping inline).</summary>
    public Task<ConnectorDefinition> AddAsync(JsonObject document, CancellationToken ct) =>
        WriteAsync(document, null, async (definition, json) =>
        {
            if (Find(definition.Id) is { } existing)
                throw Conflict(existing);
            if (!await _store.AddConnectorRegistrationAsync(definition.Id, json, ct).ConfigureAwait(false))
                throw ConnectorValidationException.Single("id", definition.Id, "connector.unique", $"A connector with id '{definition.Id}' exists already.", $"已存在编号为“{definition.Id}”的连接器。");
        }, ct);

    /// <summary>Replaces a registered connector; secrets sent back masked (or left out) keep their value.</summary>
    public Task<ConnectorDefinition> UpdateAsync(string id, JsonObject document, CancellationToken ct) =>
        WriteAsync(document, id, async (definition, json) =>
        {
            if (!await _store.UpdateConnectorRegistrationAsync(id, json, ct).ConfigureAwait(false))
                throw new KeyNotFoundException(id);
        }, ct);

    public async Task<bool> RemoveAsync(string id, CancellationToken ct)
    {
        await _writes.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var removed = await _store.RemoveConnectorRegistrationAsync(id, ct).ConfigureAwait(false);
            await RefreshAsync(ct).ConfigureAwait(false);
            return removed;
        }
        finally
        {
            _writes.Release();
        }
    }

    public async Task<ConnectorDefinition?> SetEnabledAsync(string id, bool enabled, CancellationToken ct)
    {
        if (Find(id) is null)
            return null;
        await _store.SetConnectorSwitchAsync(id, enabled, ct).ConfigureAwait(false);
        await RefreshAsync(ct).ConfigureAwait(false);
        return Find(id);
    }

    /// <summary>
    /// Every problem of a definition: known kind, the configuration stage of the kind's check (its schema and its own
    /// reading of the options, as a run reads them), schedule. What a run would refuse is refused here.
    /// </summary>
    public IReadOnlyList<ValidationIssue> Validate(ConnectorDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var issues = new List<ValidationIssue>();
        if (!_kinds.TryGetValue(definition.Kind, out var kind))
        {
            var known = string.Join(", ", _kinds.Keys.Order(StringComparer.Ordinal));
            issues.Add(ValidationIssue.Error("kind", null, definition.Kind, "connector.kind",
                $"连接器类型“{definition.Kind}”不存在，可用类型：{known}。", $"kind: '{definition.Kind}' is not a connector kind; use one of {known}."));
        }
        else
        {
            issues.AddRange(kind.ValidateConfiguration(definition, _context));
        }

        if (definition.Schedule.Cron is { } cron && !CronExpression.TryParse(cron, out _))
        {
            issues.Add(ValidationIssue.Error("schedule.cron", null, cron, "schedule.cron",
                $"“{cron}”不是有效的 cron 表达式（分 时 日 月 周）。", $"schedule.cron: '{cron}' is not a cron expression (minute hour day month weekday)."));
        }

        if (definition.Schedule.Every is not null && definition.Schedule.Cron is not null)
        {
            issues.Add(ValidationIssue.Error("schedule", null, null, "schedule.one-of",
                "计划只能指定 every 或 cron 之一。", "schedule: give either every or cron, not both."));
        }

        return issues;
    }

    /// <summary>The definition as the API shows it: mapping inline, secrets masked, enabled as in effect.</summary>
    public JsonObject ViewOf(ConnectorDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var document = (JsonObject)(definition.Document ?? new JsonObject()).DeepClone();
        document["enabled"] = definition.Enabled;
        document["source"] = SecretsOf(definition) is { } spec ? spec.Masked(definition.Source) : new JsonObject();
        return document;
    }

    private async Task<ConnectorDefinition> WriteAsync(JsonObject document, string? updating,
        Func<ConnectorDefinition, string, Task> write, CancellationToken ct)
    {
        await _writes.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var incoming = Parse(document);
            if (updating is not null)
            {
                if (!string.Equals(incoming.Id, updating, StringComparison.Ordinal))
                    throw ConnectorValidationException.Single("id", incoming.Id, "connector.id-immutable", $"id: the body says '{incoming.Id}' but the address says '{updating}'; an id cannot change.", $"请求体中的编号“{incoming.Id}”与地址中的“{updating}”不一致，编号不可更改。");
                if (!_snapshot.Registered.TryGetValue(updating, out var current))
                    throw Find(updating) is { } file ? Conflict(file) : new KeyNotFoundException(updating);
                if (SecretsOf(incoming) is { } kindSpec)
                    incoming = incoming with { Source = kindSpec.KeepUnchanged(incoming.Source, current.Source) };
            }

            var issues = Validate(incoming);
            if (issues.Count > 0)
                throw new ConnectorValidationException(issues);

            var stored = (JsonObject)incoming.Document!.DeepClone();
            stored["source"] = _secrets.Protect(_kinds[incoming.Kind].Spec, incoming.Source);
            await write(incoming, stored.ToJsonString()).ConfigureAwait(false);
            await RefreshAsync(ct).ConfigureAwait(false);
            return Find(incoming.Id)!;
        }
        finally
        {
            _writes.Release();
        }
    }

    private static ConnectorDefinition Parse(JsonObject document)
    {
        try
        {
            return ConnectorDefinitionParser.Parse(document.ToJsonString(), NoMappingFiles, "api");
        }
        catch (ConnectorDefinitionException ex)
        {
            throw ConnectorValidationException.Single(ex.Setting, null, "connector.definition", $"{ex.Setting}: {ex.Problem}", $"连接器定义的“{ex.Setting}”有误：{ex.Problem}");
        }
    }

    private static string NoMappingFiles(string name) =>
        throw new ConnectorDefinitionException("api", "mapping", $"'{name}' names a file; through the API the mapping is given inline as an object.");

    private ConnectorSpec? SecretsOf(ConnectorDefinition definition) => _kinds.GetValueOrDefault(definition.Kind)?.Spec;

    private static ConnectorValidationException Conflict(ConnectorDefinition existing) =>
        new([ValidationIssue.Error("id", null, existing.Id, "connector.defined-by-file",
            $"连接器“{existing.Id}”由文件 {existing.Origin} 定义，请修改该文件。",
            $"Connector '{existing.Id}' is defined by the file {existing.Origin} in the connectors folder; edit that file (the API changes only connectors registered through it).")]);

    private sealed class Snapshot
    {
        public Snapshot(FrozenDictionary<string, ConnectorDefinition> files, FrozenDictionary<string, ConnectorDefinition> registered, FrozenDictionary<string, bool> switches)
        {
            Registered = registered;
            var merged = new Dictionary<string, ConnectorDefinition>(registered, StringComparer.Ordinal);
            foreach (var (id, file) in files)
                merged[id] = file; // a file wins over a registration of the same id (it cannot be registered, but a file may appear later)
            foreach (var (id, enabled) in switches)
            {
                if (merged.TryGetValue(id, out var definition))
                    merged[id] = definition with { Enabled = enabled };
            }

            ById = merged.ToFrozenDictionary(StringComparer.Ordinal);
            All = [.. ById.Values.OrderBy(d => d.Id, StringComparer.Ordinal)];
        }

        public FrozenDictionary<string, ConnectorDefinition> Registered { get; }

        public FrozenDictionary<string, ConnectorDefinition> ById { get; }

        public IReadOnlyList<ConnectorDefinition> All { get; }

        public ConnectorDefinition? Find(string id) => ById.GetValueOrDefault(id);
    }
}
