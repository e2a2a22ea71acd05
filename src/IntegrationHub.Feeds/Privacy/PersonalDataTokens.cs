using System.Security.Cryptography;
using System.Text;

namespace IntegrationHub.Feeds.Privacy;

/// <summary>
/// The hub's secret for identifier tokens and the per-caller keys derived from it: one key per subscription (so tokens
/// of two subscribers cannot be joined) and one for callers without a subscription. The secret is 32 random bytes in a
/// file readable by the hub's user only; hub processes that share a store must share it (like the key ring).
/// Replacing the file changes every token.
/// </summary>
public sealed class PersonalDataTokens
{
    public const string FileName = "pii-token.key";

    private readonly byte[] _secret;

    public PersonalDataTokens(byte[] secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (secret.Length < 32)
            throw new ArgumentException("The token secret needs at least 32 bytes.", nameof(secret));
        _secret = secret;
    }

    /// <summary>Reads the secret from <paramref name="path"/>, creating it (mode 0600) on first use.</summary>
    public static PersonalDataTokens FromFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            // Written aside, then moved into place: a concurrent reader never sees a half-written secret.
            var temporary = $"{path}.{Environment.ProcessId}.tmp";
            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (var stream = new FileStream(temporary, options))
                stream.Write(RandomNumberGenerator.GetBytes(32));
            try
            {
                File.Move(temporary, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another hub process created it first: use theirs.
                File.Delete(temporary);
            }
        }

        return new PersonalDataTokens(File.ReadAllBytes(path));
    }

    /// <summary>The masked view for a subscription's keys, or for keys without one (<paramref name="subscriptionId"/> null).</summary>
    public PersonalDataView MaskedFor(string? subscriptionId) =>
        PersonalDataView.Masked(HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes("subscription:" + (subscriptionId ?? ""))));
}
