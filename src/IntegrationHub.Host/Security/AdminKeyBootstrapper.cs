using IntegrationHub.Host.Configuration;
using IntegrationHub.Store;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Host.Security;

/// <summary>
/// On first start, creates the administrator key and writes it to <c>admin.key</c> (mode 0600) in the data directory,
/// so a fresh install can be used at once. Does nothing while any administrator key exists. Must start after the store
/// has been migrated.
/// </summary>
public sealed partial class AdminKeyBootstrapper(
    IApiKeyStore store,
    IOptions<HubOptions> options,
    TimeProvider timeProvider,
    ILogger<AdminKeyBootstrapper> logger) : IHostedService
{
    public const string FileName = "admin.key";
    public const string KeyName = "bootstrap administrator";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await store.AnyApiKeyWithRoleAsync(HubRoles.Administrator, cancellationToken).ConfigureAwait(false))
            return;

        var (record, key) = ApiKeys.Issue(KeyName, HubRoles.Administrator, HubScopes.All, timeProvider.GetUtcNow());
        var path = options.Value.DataPath(FileName);

        // The file first: if storing the key then fails, the next start writes a new one; the other order could leave
        // an administrator key that nobody holds, and no new one would ever be made.
        await WriteOwnerOnlyAsync(path, key + "\n", cancellationToken).ConfigureAwait(false);
        await store.CreateApiKeyAsync(record, ApiKeys.Hash(key), cancellationToken).ConfigureAwait(false);

        LogCreated(logger, record.Id, path);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static async Task WriteOwnerOnlyAsync(string path, string content, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        File.Delete(temporary);

        var streamOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            streamOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

        var writer = new StreamWriter(temporary, System.Text.Encoding.ASCII, streamOptions);
        await using (writer.ConfigureAwait(false))
        {
            await writer.WriteAsync(content.AsMemory(), ct).ConfigureAwait(false);
        }

        // Replacing keeps the 0600 of the new file even when an older admin.key had wider permissions.
        File.Move(temporary, path, overwrite: true);
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Created administrator API key {KeyId} and wrote it to {Path} (readable by this user only).")]
    private static partial void LogCreated(ILogger logger, string keyId, string path);
}
