using IntegrationHub.Host.Configuration;

namespace IntegrationHub.Host.Maintenance;

/// <summary>
/// The host's own commands for operators, run on the hub's machine with the hub's configuration (appsettings.json,
/// <c>Hub__…</c> variables, <c>--Hub:…=</c> arguments):
/// <c>IntegrationHub.Host backup --to DIR [--pg-tools DIR]</c> while the hub runs, and
/// <c>IntegrationHub.Host restore --from DIR [--pg-tools DIR]</c> onto a new machine before its hub first starts.
/// They are not API calls on purpose: a backup holds the key ring, which should never travel over the API.
/// </summary>
public static class MaintenanceCommand
{
    public static bool Handles(IReadOnlyList<string> args) => args is ["backup" or "restore", ..];

    /// <returns>0 when done, 1 when it failed (the reason on <paramref name="error"/>), 2 for a wrong command line.</returns>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var verb = args[0];
        var folderOption = verb == "backup" ? "--to" : "--from";
        string? folder = null, tools = null;
        var configuration = new List<string>();
        for (var i = 1; i < args.Count; i++)
        {
            if (args[i] == folderOption && i + 1 < args.Count)
                folder = args[++i];
            else if (args[i] == "--pg-tools" && i + 1 < args.Count)
                tools = args[++i];
            else
                configuration.Add(args[i]);
        }

        if (folder is null)
        {
            await error.WriteLineAsync($"Usage: IntegrationHub.Host {verb} {folderOption} DIR [--pg-tools DIR] [--Hub:Setting=value …] (docs/backup.md)").ConfigureAwait(false);
            return 2;
        }

        // The very configuration the hub itself reads.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [.. configuration], ContentRootPath = AppContext.BaseDirectory });
        var hub = builder.Configuration.GetSection(HubOptions.Section).Get<HubOptions>() ?? new HubOptions();
        var postgres = new PostgresTools(tools);
        try
        {
            if (verb == "backup")
                await new HubBackup(hub, postgres, output).RunAsync(folder, ct).ConfigureAwait(false);
            else
                await new HubRestore(hub, postgres, output).RunAsync(folder, ct).ConfigureAwait(false);
            return 0;
        }
        catch (Exception ex) when (ex is MaintenanceException or IOException or UnauthorizedAccessException or Microsoft.Extensions.Options.OptionsValidationException
                                       or Npgsql.NpgsqlException or Microsoft.Data.Sqlite.SqliteException)
        {
            await error.WriteLineAsync($"{verb} failed: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
    }
}
