using System.IO.Enumeration;

namespace IntegrationHub.Connectors.Files;

/// <summary>
/// The folder files are dropped into, and the folders the hub keeps inside it: <c>archive/</c> (files read, each with
/// its report, and the ledger of processed files) and <c>failed/</c> (files that could not be read as a whole).
/// </summary>
public sealed class FileInbox(string path, FileSourceOptions options, TimeProvider clock)
{
    public const string ArchiveFolder = "archive";
    public const string FailedFolder = "failed";
    public const string LedgerFile = "processed-files.jsonl";

    public string Path { get; } = path;

    public string ArchivePath => System.IO.Path.Combine(Path, ArchiveFolder);

    public string FailedPath => System.IO.Path.Combine(Path, FailedFolder);

    public string LedgerPath => System.IO.Path.Combine(ArchivePath, LedgerFile);

    public string PathOf(string name) => System.IO.Path.Combine(Path, name);

    public string? MarkerOf(string name) => options.Readiness.MarkerSuffix is { } suffix ? PathOf(name + suffix) : null;

    /// <summary>The files matching the pattern, directly in the inbox, in ordinal name order (marker files excluded).</summary>
    public IReadOnlyList<string> List()
    {
        if (!Directory.Exists(Path))
            throw new SourceAccessException("connect", $"The inbox folder '{Path}' does not exist; create it or correct source.path.");
        var suffix = options.Readiness.MarkerSuffix;
        return [.. Directory.EnumerateFiles(Path)
            .Select(file => System.IO.Path.GetFileName(file))
            .Where(name => FileSystemName.MatchesSimpleExpression(options.Pattern, name, ignoreCase: true))
            .Where(name => suffix is null || !name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// Complete: its marker exists (when markers are configured), or it has not been written to for the settle time. A
    /// file still being copied keeps a recent modification time, so it waits.
    /// </summary>
    public bool IsComplete(string name)
    {
        if (MarkerOf(name) is { } marker)
            return File.Exists(marker);
        var written = File.GetLastWriteTimeUtc(PathOf(name));
        return clock.GetUtcNow().UtcDateTime - written >= options.Readiness.Settle;
    }
}
