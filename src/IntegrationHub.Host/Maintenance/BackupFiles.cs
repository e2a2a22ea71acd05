using System.Security.Cryptography;

namespace IntegrationHub.Host.Maintenance;

/// <summary>The files of a backup: private to the hub's user (they hold the key ring and the administrator key).</summary>
internal static class BackupFiles
{
    public const string KeysFolder = "keys";
    public const string AdminKeyFile = "admin.key";

    public static void CreatePrivateFolder(string path)
    {
        Directory.CreateDirectory(path);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>Copies a file, readable and writable by this user only.</summary>
    public static void CopyPrivate(string from, string to, bool overwrite)
    {
        File.Copy(from, to, overwrite);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(to, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    /// <summary>Copies every file below <paramref name="from"/>; a file that exists already with other content is an error.</summary>
    public static int CopyFolder(string from, string to)
    {
        var copied = 0;
        CreatePrivateFolder(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            CreatePrivateFolder(Path.GetDirectoryName(target)!);
            if (File.Exists(target))
            {
                if (Sha256(target) != Sha256(file))
                    throw new MaintenanceException($"{target} exists already with other content; restore onto a key ring folder without it.");
                continue;
            }

            CopyPrivate(file, target, overwrite: false);
            copied++;
        }

        return copied;
    }

    /// <summary>Every file of a backup folder but its manifest, with its SHA-256.</summary>
    public static SortedDictionary<string, string> Hashes(string folder) =>
        new(Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(folder, file).Replace('\\', '/'))
            .Where(name => name != BackupManifest.FileName)
            .ToDictionary(name => name, name => Sha256(Path.Combine(folder, name)), StringComparer.Ordinal), StringComparer.Ordinal);

    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
