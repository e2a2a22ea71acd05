using System.Data;
using IntegrationHub.Host.Configuration;
using IntegrationHub.Host.Hosting;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace IntegrationHub.Host.Maintenance;

/// <summary>
/// An online, consistent backup of a hub into a new folder, while the hub runs: the store as one snapshot (SQLite:
/// <c>VACUUM INTO</c>, a read transaction, never a copy of the live file and its WAL; PostgreSQL: pg_dump of an exported
/// snapshot, whose table counts are read in that same snapshot), then the Data Protection key ring that encrypts the
/// connector secrets (after the snapshot, so every key the store's secrets need is in it), then <c>admin.key</c>, then
/// <c>backup.json</c>. docs/backup.md.
/// </summary>
internal sealed class HubBackup(HubOptions hub, PostgresTools postgres, TextWriter output)
{
    public async Task<BackupManifest> RunAsync(string folder, CancellationToken ct)
    {
        folder = Path.GetFullPath(folder);
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
            throw new MaintenanceException($"{folder} is not empty: give a new folder for each backup (e.g. named after the date).");
        BackupFiles.CreatePrivateFolder(folder);

        var (storeFile, tables, sequence) = hub.Store.Provider switch
        {
            "sqlite" => await SqliteAsync(folder, ct).ConfigureAwait(false),
            "postgres" => await PostgresAsync(folder, ct).ConfigureAwait(false),
            var other => throw new MaintenanceException($"Hub:Store:Provider is '{other}'; use sqlite or postgres."),
        };
        output.WriteLine($"Store ({hub.Store.Provider}) → {storeFile}: {tables.Count} tables, {tables.GetValueOrDefault("golden_records")} golden records, change log at sequence {sequence}.");

        var keys = hub.KeysPath();
        var copied = Directory.Exists(keys) ? BackupFiles.CopyFolder(keys, Path.Combine(folder, BackupFiles.KeysFolder)) : 0;
        if (copied == 0)
            throw new MaintenanceException($"The key ring folder {keys} holds no key: without it no encrypted connector secret can be read. Is Hub:KeysDirectory (or Hub:DataDirectory) the running hub's?");
        output.WriteLine($"Key ring {keys} → {BackupFiles.KeysFolder}/: {copied} file(s).");
        var adminKey = hub.DataPath(BackupFiles.AdminKeyFile);
        if (File.Exists(adminKey))
        {
            BackupFiles.CopyPrivate(adminKey, Path.Combine(folder, BackupFiles.AdminKeyFile), overwrite: false);
            output.WriteLine($"{adminKey} → {BackupFiles.AdminKeyFile}.");
        }

        var manifest = new BackupManifest
        {
            Format = BackupManifest.CurrentFormat,
            CreatedAt = DateTimeOffset.UtcNow,
            Provider = hub.Store.Provider,
            StoreFile = storeFile,
            Tables = tables,
            ChangeLogSequence = sequence,
            Files = BackupFiles.Hashes(folder),
        };
        await manifest.WriteAsync(folder, ct).ConfigureAwait(false);
        output.WriteLine($"Backup complete: {folder} ({BackupManifest.FileName} lists every file with its SHA-256). It holds the key ring: keep it as safe as the data directory.");
        return manifest;
    }

    private async Task<(string File, SortedDictionary<string, long> Tables, long Sequence)> SqliteAsync(string folder, CancellationToken ct)
    {
        const string file = "hub.db";
        var store = new SqliteConnectionStringBuilder(StoreServiceCollectionExtensions.SqliteConnectionString(hub)) { Mode = SqliteOpenMode.ReadWrite, Pooling = false };
        if (!File.Exists(store.DataSource))
            throw new MaintenanceException($"There is no store at {store.DataSource}: is Hub:DataDirectory (or Hub:Store:ConnectionString) the running hub's?");
        var target = Path.Combine(folder, file);
        await using (var connection = new SqliteConnection(store.ConnectionString))
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
            await using var vacuum = connection.CreateCommand();
            // One read transaction writes a compact copy of the database as of its start, whatever the hub writes meanwhile.
            vacuum.CommandText = "VACUUM INTO $target";
            vacuum.Parameters.AddWithValue("$target", target);
            await vacuum.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        await using var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ConnectionString);
        await copy.OpenAsync(ct).ConfigureAwait(false);
        // A single file with no -wal beside it (the hub turns WAL on again when it opens the restored store).
        await using (var journal = copy.CreateCommand())
        {
            journal.CommandText = "PRAGMA journal_mode=DELETE";
            await journal.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return (file, await StoreTables.CountAsync(copy, null, "sqlite", ct).ConfigureAwait(false), await StoreTables.ChangeLogSequenceAsync(copy, null, ct).ConfigureAwait(false));
    }

    private async Task<(string File, SortedDictionary<string, long> Tables, long Sequence)> PostgresAsync(string folder, CancellationToken ct)
    {
        const string file = "hub.dump";
        var store = new NpgsqlConnectionStringBuilder(StoreServiceCollectionExtensions.PostgresConnectionString(hub));
        await using var connection = new NpgsqlConnection(store.ConnectionString);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        // The snapshot stays valid while this transaction is open: pg_dump reads exactly what the counts below read.
        await using var snapshot = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct).ConfigureAwait(false);
        await using var export = new NpgsqlCommand("SELECT pg_export_snapshot()", connection, snapshot);
        var name = (string)(await export.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
        var tables = await StoreTables.CountAsync(connection, snapshot, "postgres", ct).ConfigureAwait(false);
        var sequence = await StoreTables.ChangeLogSequenceAsync(connection, snapshot, ct).ConfigureAwait(false);
        await postgres.DumpAsync(store, name, Path.Combine(folder, file), ct).ConfigureAwait(false);
        await snapshot.CommitAsync(ct).ConfigureAwait(false);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(Path.Combine(folder, file), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return (file, tables, sequence);
    }
}
