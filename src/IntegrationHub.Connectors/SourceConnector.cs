using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using IntegrationHub.Canonical.Validation;
using IntegrationHub.Connectors.Definitions;

namespace IntegrationHub.Connectors;

/// <summary>
/// The base of every connector kind: the spec comes from the kind's embedded schema, <see cref="CheckAsync"/> validates the
/// configuration and reads the first page, <see cref="DiscoverAsync"/> reads a sample and describes its fields. A kind
/// implements <see cref="ReadAsync"/> and <see cref="Configure"/> (the reading of its options that <see cref="ReadAsync"/>
/// uses too), and <see cref="OnRunFinishedAsync"/> when it acts on its source after a run.
/// </summary>
public abstract class SourceConnector(string kind) : ISourceConnector
{
    private const int ExamplesPerField = 3;

    public string Kind => kind;

    public ConnectorSpec Spec { get; } = ConnectorSpec.Load<SourceConnector>(kind);

    public abstract IAsyncEnumerable<SourcePage> ReadAsync(ConnectorDefinition connector, string? checkpoint, ConnectorContext context, CancellationToken ct);

    public virtual Task OnRunFinishedAsync(ConnectorDefinition connector, RunFinished run, ConnectorContext context, CancellationToken ct) => Task.CompletedTask;

    /// <summary>
    /// The configuration stage of <see cref="CheckAsync"/>, which registration runs too (API, CLI, files at start): the
    /// source section against the kind's schema, then the kind's own reading of its options exactly as a run reads them.
    /// Nothing is read from the source. Every issue names the setting, its value (secrets masked) and the rule.
    /// </summary>
    public IReadOnlyList<ValidationIssue> ValidateConfiguration(ConnectorDefinition connector, ConnectorContext context)
    {
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(context);
        var issues = Spec.Validate(connector.Source);
        if (issues.Count > 0)
            return issues;
        try
        {
            Configure(connector, context);
            return [];
        }
        catch (ConnectorConfigurationException ex)
        {
            return [ex.ToIssue(Spec.Masked(connector.Source))];
        }
    }

    /// <summary>
    /// Reads the kind's options from the connector's source section as <see cref="ReadAsync"/> does (same code), with
    /// <c>${ENV}</c> references expanded, and throws <see cref="ConnectorConfigurationException"/> for the first problem.
    /// Reaches nothing outside the process.
    /// </summary>
    protected abstract void Configure(ConnectorDefinition connector, ConnectorContext context);

    public virtual async Task<ConnectionCheck> CheckAsync(ConnectorDefinition connector, ConnectorContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(context);
        var watch = Stopwatch.StartNew();
        var issues = ValidateConfiguration(connector, context);
        if (issues.Count > 0)
            return ConnectionCheck.Failed("configuration", string.Join(" ", issues.Select(i => i.MessageEn)), watch.Elapsed, issues);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(context.CheckTimeout);
        try
        {
            await using var pages = ReadAsync(connector, checkpoint: null, context with { Sampling = true }, timeout.Token).GetAsyncEnumerator(timeout.Token);
            var read = await pages.MoveNextAsync().ConfigureAwait(false) ? pages.Current.Records.Count : 0;
            return new ConnectionCheck
            {
                Succeeded = true,
                Stage = "read",
                Message = read == 0
                    ? "Connected and authenticated; the source has no records yet."
                    : $"Connected and authenticated; the first page has {read} record(s).",
                RecordsRead = read,
                Elapsed = watch.Elapsed,
            };
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            return ConnectionCheck.Failed("connect", $"No first page within {context.CheckTimeout.TotalSeconds:0} s.", watch.Elapsed);
        }
        catch (SourceAccessException ex)
        {
            return ConnectionCheck.Failed(ex.Stage, ex.Message, watch.Elapsed);
        }
        catch (ConnectorConfigurationException ex)
        {
            return ConnectionCheck.Failed("configuration", ex.Message, watch.Elapsed, [ex.ToIssue(Spec.Masked(connector.Source))]);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return ConnectionCheck.Failed("read", ex.Message, watch.Elapsed);
        }
    }

    public virtual async Task<DiscoveredFields> DiscoverAsync(ConnectorDefinition connector, ConnectorContext context, int sampleSize, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleSize, 1);
        var fields = new Dictionary<string, FieldTally>(StringComparer.Ordinal);
        var order = new List<string>();
        var sampled = 0;
        ArgumentNullException.ThrowIfNull(context);
        await foreach (var page in ReadAsync(connector, checkpoint: null, context with { Sampling = true }, ct).WithCancellation(ct).ConfigureAwait(false))
        {
            foreach (var record in page.Records.Where(r => !r.Deleted))
            {
                foreach (var (name, value) in record.Data)
                {
                    if (!fields.TryGetValue(name, out var tally))
                    {
                        fields[name] = tally = new FieldTally();
                        order.Add(name);
                    }

                    tally.Add(value);
                }

                if (++sampled >= sampleSize)
                    return Describe(sampled, order, fields);
            }
        }

        return Describe(sampled, order, fields);
    }

    private static DiscoveredFields Describe(int sampled, List<string> order, Dictionary<string, FieldTally> fields) =>
        new(sampled, [.. order.Select(name => fields[name].Describe(name))]);

    private sealed class FieldTally
    {
        private readonly SortedSet<string> _types = new(StringComparer.Ordinal);
        private readonly List<string> _examples = [];
        private int _present;
        private int _null;

        public void Add(JsonNode? value)
        {
            _present++;
            var type = value?.GetValueKind() switch
            {
                null or System.Text.Json.JsonValueKind.Null => "null",
                System.Text.Json.JsonValueKind.String => "string",
                System.Text.Json.JsonValueKind.Number => "number",
                System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => "boolean",
                System.Text.Json.JsonValueKind.Array => "array",
                _ => "object",
            };
            _types.Add(type);
            if (type == "null")
            {
                _null++;
                return;
            }

            var text = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value!.ToJsonString();
            if (text.Length > 80)
                text = string.Create(CultureInfo.InvariantCulture, $"{text[..77]}...");
            if (_examples.Count < ExamplesPerField && !_examples.Contains(text))
                _examples.Add(text);
        }

        public DiscoveredField Describe(string name) => new(name, [.. _types], _present, _null, [.. _examples]);
    }
}
