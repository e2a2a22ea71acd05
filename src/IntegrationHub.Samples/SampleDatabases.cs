using System.Globalization;
using Microsoft.Data.Sqlite;

namespace IntegrationHub.Samples;

/// <summary>The bundled sample departments as SQLite files, as the sample connector definitions expect them.</summary>
public static class SampleDatabases
{
    /// <summary>
    /// Creates <c>{directory}/{department.Id}.db</c> for each department that has no file yet. A database is written
    /// to a temporary file and renamed when complete, so a half-written database is never picked up; an existing
    /// file is reused as it is (whatever count and seed made it). Missing databases are filled from one generator
    /// run, so the cases shared by both departments match.
    /// </summary>
    public static async Task<SampleSummary> EnsureSqliteAsync(string directory, int casesPerDepartment, int seed, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentOutOfRangeException.ThrowIfNegative(casesPerDepartment);
        Directory.CreateDirectory(directory);

        var paths = SampleDepartment.All.ToDictionary(d => d, d => Path.GetFullPath(Path.Combine(directory, d.Id + ".db")));
        var missing = SampleDepartment.All.Where(d => !File.Exists(paths[d])).ToList();
        var created = missing.Count == 0
            ? []
            : await CreateAsync(missing, paths, casesPerDepartment, seed, ct).ConfigureAwait(false);

        var files = new List<SampleDatabaseFile>();
        foreach (var department in SampleDepartment.All)
        {
            files.Add(created.TryGetValue(department, out var rows)
                ? new SampleDatabaseFile(department.Id, paths[department], rows, Created: true)
                : new SampleDatabaseFile(department.Id, paths[department], await CountAsync(paths[department], department, ct).ConfigureAwait(false), Created: false));
        }

        return new SampleSummary(files);
    }

    private static async Task<Dictionary<SampleDepartment, long>> CreateAsync(
        IReadOnlyList<SampleDepartment> departments, Dictionary<SampleDepartment, string> paths, int count, int seed, CancellationToken ct)
    {
        var temporaries = departments.ToDictionary(d => d, d => $"{paths[d]}.{Guid.NewGuid():N}.tmp");
        var connections = new Dictionary<SampleDepartment, SqliteConnection>();
        var inserters = new Dictionary<SampleDepartment, SampleRowInserter>();
        try
        {
            foreach (var department in departments)
            {
                var connection = Open(temporaries[department], SqliteOpenMode.ReadWriteCreate);
                connections.Add(department, connection);
                await connection.OpenAsync(ct).ConfigureAwait(false);
                await using (var pragma = connection.CreateCommand())
                {
                    // A temporary file that is thrown away on failure needs no journal and no fsync per commit.
                    pragma.CommandText = "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;";
                    await pragma.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                await SampleSourceWriter.CreateAsync(connection, department, ct).ConfigureAwait(false);
                inserters.Add(department, new SampleRowInserter(connection, department));
            }

            foreach (var (department, row) in new SampleGenerator(seed).Generate(count))
            {
                ct.ThrowIfCancellationRequested();
                if (inserters.TryGetValue(department, out var inserter))
                {
                    await inserter.AddAsync(row, ct).ConfigureAwait(false);
                }
            }

            var rows = new Dictionary<SampleDepartment, long>();
            foreach (var (department, inserter) in inserters)
            {
                await inserter.CompleteAsync(ct).ConfigureAwait(false);
                rows[department] = inserter.Inserted;
            }

            await DisposeAllAsync(inserters, connections).ConfigureAwait(false);

            var result = new Dictionary<SampleDepartment, long>();
            foreach (var department in departments)
            {
                try
                {
                    File.Move(temporaries[department], paths[department], overwrite: false);
                    result[department] = rows[department];
                }
                catch (IOException) when (File.Exists(paths[department]))
                {
                    // Another process finished the same database first: keep theirs (counted by the caller).
                }
            }

            return result;
        }
        finally
        {
            await DisposeAllAsync(inserters, connections).ConfigureAwait(false);
            foreach (var temporary in temporaries.Values)
            {
                File.Delete(temporary);
            }
        }
    }

    private static async Task DisposeAllAsync(
        Dictionary<SampleDepartment, SampleRowInserter> inserters, Dictionary<SampleDepartment, SqliteConnection> connections)
    {
        foreach (var inserter in inserters.Values)
        {
            await inserter.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var connection in connections.Values)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }

        inserters.Clear();
        connections.Clear();
    }

    private static SqliteConnection Open(string path, SqliteOpenMode mode) =>
        new(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString());

    private static async Task<long> CountAsync(string path, SampleDepartment department, CancellationToken ct)
    {
        await using var connection = Open(path, SqliteOpenMode.ReadOnly);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {SampleSourceWriter.Quote(department.Table)}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }
}
