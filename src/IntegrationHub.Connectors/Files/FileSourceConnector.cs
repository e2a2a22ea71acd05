using System.Runtime.CompilerServices;
using IntegrationHub.Connectors.Definitions;

namespace IntegrationHub.Connectors.Files;

/// <summary>
/// Reads files dropped into a folder (CSV, XLSX, JSON, JSON Lines, XML), one file after another in name order, each only
/// once it is complete. The checkpoint names the file and how many of its records are stored, so a crash resumes after
/// the last stored page. Reading never touches the folder; after each run the files read to their end are moved to
/// <c>archive/</c> (or <c>failed/</c>) with a report of what became of every row.
/// </summary>
public sealed class FileSourceConnector(TimeProvider clock) : SourceConnector("file")
{
    public override async IAsyncEnumerable<SourcePage> ReadAsync(ConnectorDefinition connector, string? checkpoint, ConnectorContext context,
        [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(context);
        var options = FileSourceOptions.From(connector.Source, connector.Id);
        var inbox = new FileInbox(context.Expand(options.Path), options, clock);
        var state = FileCheckpoint.Parse(checkpoint);
        var names = inbox.List();
        var present = names.ToHashSet(StringComparer.Ordinal);
        // Files archived since the checkpoint was stored drop out of it here.
        var finished = state.Finished.Where(f => present.Contains(f.Name)).ToList();
        var ledger = ProcessedFilesLedger.Read(inbox.LedgerPath);
        await Task.Yield();

        foreach (var name in names)
        {
            ct.ThrowIfCancellationRequested();
            var listed = finished.Any(f => f.Name == name);
            // Name order is kept strictly: a file still arriving holds back the files after it. A file already read to
            // its end is complete whatever its marker says (the marker goes first when it is archived).
            if (!listed && !inbox.IsComplete(name))
                yield break;
            var sha = FileFingerprint.Of(inbox.PathOf(name)).Sha256;
            if (listed && finished.Any(f => f.Name == name && f.Sha256 == sha))
                continue;
            if (listed && !inbox.IsComplete(name))
                yield break;
            finished.RemoveAll(f => f.Name == name);

            var earlier = ledger.GetValueOrDefault(sha) ?? finished.FirstOrDefault(f => f.Sha256 == sha && f.Outcome == FinishedFile.Read)?.Name;
            if (earlier is not null)
            {
                finished.Add(new FinishedFile(name, sha, FinishedFile.Duplicate, 0, DuplicateOf: earlier));
                yield return new SourcePage([], Checkpoint(null, finished));
                continue;
            }

            var resumeAfter = state.Current is { } current && current.Name == name && current.Sha256 == sha ? current.Records : 0;
            var rows = SafeRows.Open(inbox.PathOf(name), options, context.Limits);
            using (rows)
            {
                var page = new List<SourceRecord>(options.PageSize);
                long index = 0;
                while (rows.MoveNext())
                {
                    index++;
                    if (index <= resumeAfter)
                        continue;
                    var row = rows.Current;
                    page.Add(new SourceRecord(row.Data, Origin: $"{name} {row.Position}", Problem: row.Problem));
                    if (page.Count == options.PageSize)
                    {
                        yield return new SourcePage(page, Checkpoint(new FilePosition(name, sha, index), finished));
                        page = new List<SourceRecord>(options.PageSize);
                    }
                }

                finished.Add(rows.Failure is null
                    ? new FinishedFile(name, sha, FinishedFile.Read, index)
                    : new FinishedFile(name, sha, FinishedFile.Failed, index, Problem: rows.Failure));
                yield return new SourcePage(page, Checkpoint(null, finished));
            }
        }
    }

    /// <summary>Moves every file the stored checkpoint lists as finished (and still in the inbox) to its folder, with its report.</summary>
    public override async Task OnRunFinishedAsync(ConnectorDefinition connector, RunFinished run, ConnectorContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(context);
        var options = FileSourceOptions.From(connector.Source, connector.Id);
        var inbox = new FileInbox(context.Expand(options.Path), options, clock);
        var archiver = new FileArchiver(inbox, options, connector, clock, context.Limits);
        foreach (var file in FileCheckpoint.Parse(run.StoredCheckpoint).Finished)
        {
            var path = inbox.PathOf(file.Name);
            // Gone: archived after an earlier run. Other content: a new file under the same name, which is new work.
            if (!File.Exists(path) || FileFingerprint.Of(path).Sha256 != file.Sha256)
                continue;
            await archiver.ArchiveAsync(file, run, ct).ConfigureAwait(false);
        }
    }

    protected override void Configure(ConnectorDefinition connector, ConnectorContext context)
    {
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(context);
        var options = FileSourceOptions.From(connector.Source, connector.Id);
        try
        {
            context.Expand(options.Path);
        }
        catch (InvalidOperationException ex)
        {
            throw new ConnectorConfigurationException(connector.Id, "source.path", ex.Message);
        }
    }

    private static string Checkpoint(FilePosition? current, List<FinishedFile> finished) =>
        new FileCheckpoint { Current = current, Finished = [.. finished] }.Serialize();
}
