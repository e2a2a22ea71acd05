using IntegrationHub.Host.Configuration;
using IntegrationHub.Host.Hosting;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace IntegrationHub.Host.Maintenance;

/// <summary>
/// Restores a backup onto a new machine: the configured store must not exist yet (SQLite) or be an empty database
/// (PostgreSQL), so nothing is ever overwritten. Checks every file's SHA-256 first and every table's row count after;
/// then puts the key ring and <c>admin.key</c> in place. Run it with the hub stopped, then start the hub. docs/backup.md.
/// </summary>
internal sealed class HubRestore(HubOptions hub, PostgresTools postgres, TextWriter output)
{
    public async Task RunAsync(string folder, CancellationToken ct)
    {
        folder = Path.GetFullPath(folder);
        var manifest = await BackupManifest.ReadAsync(folder, ct).ConfigureAwait(false);
        if (manifest.Provider != hub.Store.Provider)
            throw new MaintenanceException($"The backup is of a {manifest.Provider} store and Hub:Store:Provider is {hub.Store.Provider}: restore onto a store of the same kind.");
        var found = BackupFiles.Hashes(folder);
        foreach (var (name, sha) in manifest.Files)
        {
            if (found.GetValueOrDefault(name) != sha)
                throw new MaintenanceException($"{Path.Combine(folder, name)} is {(found.ContainsKey(name) ? "damaged (its SHA-256 differs from backup.json)" : "missing")}: the backup cannot be restored.");
        }

        var tables = manifest.Provider == "sqlite"
            ? await SqliteAsync(Path.Combine(folder, manifest.StoreFile), ct).ConfigureAwait(false)
            : await PostgresAsync(Path.Combine(folder, manifest.StoreFile), ct).ConfigureAwait(false);
        if (StoreTables.Differences(manifest.Tables, tables) is [_, ..] differences)
            throw new MaintenanceException("The restored store differs from the backup: " + string.Join("; ", differences));
        output.WriteLine($"Store ({manifest.Provider}) restored: {tables.Count} tables with the row counts of backup.json, {tables.GetValueOrDefault("golden_records")} golden records, change log at sequence {manifest.ChangeLogSequence}.");

        var keys = hub.KeysPath();
        var copied = BackupFiles.CopyFolder(Path.Combine(folder, BackupFiles.KeysFolder), keys);
        output.WriteLine($"Key ring → {keys}: {copied} file(s).");
        if (File.Exists(Path.Combine(folder, BackupFiles.AdminKeyFile)))
        {
            BackupFiles.CreatePrivateFolder(hub.DataPath());
            BackupFiles.CopyPrivate(Path.Combine(folder, BackupFiles.AdminKeyFile), hub.DataPath(BackupFiles.AdminKeyFile), overwrite: true);
            output.WriteLine($"{BackupFiles.AdminKeyFile} → {hub.DataPath(BackupFiles.AdminKeyFile)}.");
        }

        output.WriteLine($"Restore complete from the backup of {manifest.CreatedAt:yyyy-MM-dd HH:mm:ss} UTC; start the hub.");
    }

    private async Task<SortedDictionary<string, long>> SqliteAsync(string backup, CancellationToken ct)
    {
        var target = new SqliteConnectionStringBuilder(StoreServiceCollectionExtensions.SqliteConnectionString(hub)).DataSource;
        foreach (var existing in new[] { target, target + "-wal", target + "-shm" })
        {
            if (File.Exists(existing))
                throw new MaintenanceException($"{existing} exists: restore onto a data directory without a store (move this one away first), so that nothing is overwritten.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
        // The backup is a closed, self-contained database file (VACUUM INTO, journal mode DELETE): a copy is exact.
        BackupFiles.CopyPrivate(backup, target, overwrite: false);
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ConnectionString);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        return await StoreTables.CountAsync(connection, null, "sqlite", ct).ConfigureAwait(false);
    }

    private async Task<SortedDictionary<string, long>> PostgresAsync(string dump, CancellationToken ct)
    {
        var store = new NpgsqlConnectionStringBuilder(StoreServiceCollectionExtensions.PostgresConnectionString(hub)) { Pooling = false };
        await using var connection = new NpgsqlConnection(store.ConnectionString);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        if (await StoreTables.CountAsync(connection, null, "postgres", ct).ConfigureAwait(false) is { Count: > 0 } present)
            throw new MaintenanceException($"Database '{store.Database}' is not empty ({present.Count} tables, e.g. {present.Keys.First()}): restore into a new, empty database (createdb), so that nothing is overwritten.");
        await postgres.RestoreAsync(store, dump, ct).ConfigureAwait(false);
        // pg_restore brings no planner statistics: until autovacuum gets to the tables, the first queries of a large store
        // would be planned for empty tables (a scan of every golden record where an index range was meant).
        await using (var analyze = new NpgsqlCommand("ANALYZE", connection) { CommandTimeout = 0 })
            await analyze.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        return await StoreTables.CountAsync(connection, null, "postgres", ct).ConfigureAwait(false);
    }
}
