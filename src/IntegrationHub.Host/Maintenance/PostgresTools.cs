using System.Diagnostics;
using Npgsql;

namespace IntegrationHub.Host.Maintenance;

/// <summary>
/// pg_dump and pg_restore, given the store's Npgsql connection string: host, port, user and database as arguments, the
/// password in <c>PGPASSWORD</c> (never on a command line, which <c>ps</c> shows), never a prompt.
/// </summary>
internal sealed class PostgresTools(string? folder)
{
    /// <summary>A custom-format dump of the database as the exported snapshot sees it.</summary>
    public Task DumpAsync(NpgsqlConnectionStringBuilder store, string snapshot, string file, CancellationToken ct) =>
        RunAsync("pg_dump", store, ["--format=custom", "--no-owner", "--no-privileges", $"--snapshot={snapshot}", "--file", file], ct);

    /// <summary>Restores a dump into the (empty) database, all or nothing.</summary>
    public Task RestoreAsync(NpgsqlConnectionStringBuilder store, string file, CancellationToken ct) =>
        RunAsync("pg_restore", store, ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", file], ct);

    private async Task RunAsync(string tool, NpgsqlConnectionStringBuilder store, string[] arguments, CancellationToken ct)
    {
        var start = new ProcessStartInfo(folder is null ? tool : Path.Combine(folder, tool))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.ArgumentList.Add("--no-password");
        start.ArgumentList.Add($"--host={store.Host}");
        start.ArgumentList.Add($"--port={store.Port}");
        if (store.Username is { Length: > 0 } user)
            start.ArgumentList.Add($"--username={user}");
        start.ArgumentList.Add($"--dbname={store.Database}");
        if (store.Password is { Length: > 0 } password)
            start.Environment["PGPASSWORD"] = password;
        start.Environment["PGSSLMODE"] = store.SslMode switch
        {
            SslMode.Disable => "disable",
            SslMode.Allow => "allow",
            SslMode.Require => "require",
            SslMode.VerifyCA => "verify-ca",
            SslMode.VerifyFull => "verify-full",
            _ => "prefer",
        };

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new MaintenanceException($"{tool} did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new MaintenanceException($"{start.FileName} cannot be started ({ex.Message}): install the PostgreSQL client tools of the server's version or newer (Debian: postgresql-client), or name their folder with --pg-tools.");
        }

        using (process)
        {
            var errors = process.StandardError.ReadToEndAsync(ct);
            await process.StandardOutput.ReadToEndAsync(ct).ConfigureAwait(false);
            await process.WaitForExitAsync(ct).ConfigureAwait(false);
            if (process.ExitCode != 0)
                throw new MaintenanceException($"{tool} of database '{store.Database}' on {store.Host}:{store.Port} failed (exit code {process.ExitCode}): {(await errors.ConfigureAwait(false)).Trim()}");
        }
    }
}
