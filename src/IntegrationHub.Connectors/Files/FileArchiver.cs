using IntegrationHub.Connectors.Definitions;

namespace IntegrationHub.Connectors.Files;

/// <summary>
/// Moves a finished file out of the inbox: report first, then the ledger line, then the marker, then the move. Each step can be repeated,
/// so a crash part-way is finished by the next run (the checkpoint still lists the file while it is in the inbox).
/// </summary>
internal sealed class FileArchiver(FileInbox inbox, FileSourceOptions options, ConnectorDefinition connector, TimeProvider clock, SourceLimits limits)
{
    public async Task ArchiveAsync(FinishedFile file, RunFinished run, CancellationToken ct)
    {
        var folder = file.Outcome == FinishedFile.Failed ? inbox.FailedPath : inbox.ArchivePath;
        Directory.CreateDirectory(folder);
        var target = Target(folder, file);
        var archivedAs = Path.GetRelativePath(inbox.Path, target).Replace('\\', '/');
        var source = inbox.PathOf(file.Name);

        await new FileReport(options, connector, clock, limits).WriteAsync(source, target, archivedAs, file, run, ct).ConfigureAwait(false);
        if (file.Outcome == FinishedFile.Read && !ProcessedFilesLedger.Read(inbox.LedgerPath).ContainsKey(file.Sha256))
            ProcessedFilesLedger.Append(inbox.LedgerPath, file.Sha256, file.Name, archivedAs, file.Records, clock.GetUtcNow());
        // The marker goes before the file: a marker left behind would let a later file of the same name be taken too early.
        if (inbox.MarkerOf(file.Name) is { } marker && File.Exists(marker))
            File.Delete(marker);
        File.Move(source, target, overwrite: true);
    }

    /// <summary>
    /// <c>archive/cases.csv</c>, or <c>archive/cases.1a2b3c4d5e6f.csv</c> (the start of its SHA-256) when an earlier file of
    /// that name is archived already — the same name for the same content, so repeating the step overwrites, never piles up.
    /// </summary>
    private static string Target(string folder, FinishedFile file)
    {
        var plain = Path.Combine(folder, file.Name);
        if (!File.Exists(plain))
            return plain;
        var extension = Path.GetExtension(file.Name);
        return Path.Combine(folder, $"{Path.GetFileNameWithoutExtension(file.Name)}.{file.Sha256[..12]}{extension}");
    }
}
