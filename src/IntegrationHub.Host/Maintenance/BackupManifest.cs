using System.Text.Json;

namespace IntegrationHub.Host.Maintenance;

/// <summary>
/// <c>backup.json</c> in a backup folder: what was backed up, the row count of every table of the store at the
/// moment of the snapshot (restore checks the restored store against them), the change log's last sequence, and the
/// SHA-256 of every file (restore refuses a damaged backup).
/// </summary>
public sealed record BackupManifest
{
    public const string FileName = "backup.json";
    public const int CurrentFormat = 1;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public required int Format { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary><c>sqlite</c> or <c>postgres</c>: a backup restores onto a store of the same kind.</summary>
    public required string Provider { get; init; }

    /// <summary>The store's file in the folder: <c>hub.db</c> (SQLite) or <c>hub.dump</c> (pg_dump custom format).</summary>
    public required string StoreFile { get; init; }

    public required IReadOnlyDictionary<string, long> Tables { get; init; }

    public required long ChangeLogSequence { get; init; }

    /// <summary>Every file of the backup but this one, by path relative to the folder, with its SHA-256 (hex).</summary>
    public required IReadOnlyDictionary<string, string> Files { get; init; }

    public async Task WriteAsync(string folder, CancellationToken ct)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        await using var stream = new FileStream(Path.Combine(folder, FileName), options);
        await JsonSerializer.SerializeAsync(stream, this, Json, ct).ConfigureAwait(false);
    }

    public static async Task<BackupManifest> ReadAsync(string folder, CancellationToken ct)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
            throw new MaintenanceException($"{path} does not exist: --from must name a folder written by 'backup --to'.");
        await using var stream = File.OpenRead(path);
        var manifest = await JsonSerializer.DeserializeAsync<BackupManifest>(stream, Json, ct).ConfigureAwait(false)
            ?? throw new MaintenanceException($"{path} is empty.");
        return manifest.Format == CurrentFormat
            ? manifest
            : throw new MaintenanceException($"{path} has format {manifest.Format}; this hub reads format {CurrentFormat}.");
    }
}
