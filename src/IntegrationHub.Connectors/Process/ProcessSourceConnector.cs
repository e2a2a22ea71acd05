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
        var options = ProcessSourceOptions.From(connector.Source, connector.Id);
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
}
