using System.Security.Cryptography;

namespace IntegrationHub.Connectors.Files;

/// <summary>What identifies a dropped file's content: its SHA-256 (lower-case hex) and size.</summary>
public sealed record FileFingerprint(string Sha256, long Length)
{
    public static FileFingerprint Of(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024);
        var hash = SHA256.HashData(stream);
        return new FileFingerprint(Convert.ToHexStringLower(hash), stream.Length);
    }
}
