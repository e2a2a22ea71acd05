using System.Runtime.CompilerServices;
using IntegrationHub.Connectors.Definitions;

namespace IntegrationHub.Connectors.Process;

/// <summary>
/// Runs an executable that speaks the Singer protocol (SCHEMA / RECORD / STATE JSON lines on standard output), so
/// existing Singer taps become sources. The stored checkpoint is the tap's last STATE, handed back as <c>--state</c>;
/// the configuration goes in a private temp file as <c>--config</c>. See docs/connectors/process.md.
/// </summary>
public sealed class ProcessSourceConnector() : SourceConnector("process")
{
    public override async IAsyncEnumerable<SourcePage> ReadAsync(ConnectorDefinition connector, string? checkpoint, ConnectorContext context,
        [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(context);
        var options = Options(connector, context);
        await using var tap = SingerProcess.Start(options, checkpoint, context);
        var pager = new SingerPager(options, checkpoint, context.Limits);
        while (await tap.ReadLineAsync(ct).ConfigureAwait(false) is { } line)
        {
            if (pager.Add(line) is { } page)
                yield return page;
        }

        // Records after the last STATE count only when the tap ended well; a failed run keeps the stored state.
        await tap.EnsureSucceededAsync(ct).ConfigureAwait(false);
        if (pager.Finish() is { } last)
            yield return last;
    }

    protected override void Configure(ConnectorDefinition connector, ConnectorContext context) => Options(connector, context);

    /// <summary>The options, once every value the tap's start expands (command, arguments, folder, environment) expands.</summary>
    private static ProcessSourceOptions Options(ConnectorDefinition connector, ConnectorContext context)
    {
        var options = ProcessSourceOptions.From(connector.Source, connector.Id);
        Expands(connector.Id, "source.command", options.Command, context);
        for (var i = 0; i < options.Args.Count; i++)
            Expands(connector.Id, $"source.args[{i}]", options.Args[i], context);
        if (options.WorkingDirectory is { } folder)
            Expands(connector.Id, "source.workingDirectory", folder, context);
        foreach (var (name, value) in options.Environment)
            Expands(connector.Id, $"source.environment.{name}", value, context);
        foreach (var (name, value) in options.SecretEnvironment)
            Expands(connector.Id, $"source.secretEnvironment.{name}", value, context);
        return options;
    }

    private static void Expands(string connectorId, string setting, string value, ConnectorContext context)
    {
        try
        {
            context.Expand(value);
        }
        catch (InvalidOperationException ex)
        {
            throw new ConnectorConfigurationException(connectorId, setting, ex.Message);
        }
    }
}
