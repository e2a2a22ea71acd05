using System.Diagnostics;

namespace IntegrationHub.Integration.Tests.Faults;

/// <summary>
/// A folder on a small file system of its own, so that a test can fill it to the last byte and free it again: an ext4
/// image file loop-mounted (a real block file system, with a journal; no blocks reserved for root, who runs the hub
/// here), or, where loop devices are not available, a size-limited tmpfs. Both need root (the tests run as root: the
/// services script needs it too). Without either, the test fails naming why.
/// </summary>
public sealed class SizeLimitedDirectory : IDisposable
{
    private readonly string? _image;

    private SizeLimitedDirectory(string path, string? image, string kind)
    {
        Path = path;
        _image = image;
        Kind = kind;
    }

    public string Path { get; }

    /// <summary>"ext4 image (loop)" or "tmpfs".</summary>
    public string Kind { get; }

    public string Ballast => System.IO.Path.Combine(Path, "ballast.bin");

    /// <summary>The bulk of the ballast: blocks reserved at once (fallocate), so that the disk is full within milliseconds.</summary>
    private string ReservedBallast => System.IO.Path.Combine(Path, "ballast-reserved.bin");

    public static SizeLimitedDirectory Mount(int megabytes)
    {
        var mountPoint = Directory.CreateTempSubdirectory("hub-small-fs-").FullName;
        var image = mountPoint + ".img";
        var loop = Try("truncate", "-s", $"{megabytes}M", image)
            ?? Try("mkfs.ext4", "-q", "-m", "0", "-F", image)
            ?? Try("mount", "-o", "loop", image, mountPoint);
        if (loop is null)
            return new SizeLimitedDirectory(mountPoint, image, "ext4 image (loop)");
        File.Delete(image);
        var tmpfs = Try("mount", "-t", "tmpfs", "-o", $"size={megabytes}m,mode=0755", "tmpfs", mountPoint);
        if (tmpfs is null)
            return new SizeLimitedDirectory(mountPoint, null, "tmpfs");
        Directory.Delete(mountPoint);
        throw new InvalidOperationException(
            $"No small file system could be mounted for the disk-full test (it needs root and loop devices or tmpfs): loop: {loop}; tmpfs: {tmpfs}");
    }

    /// <summary>
    /// Fills the file system with ballast until the disk is full; returns the bytes taken. All but the last few MiB are
    /// reserved in one call (fallocate), so that the disk is full at once rather than after writing it out, which took
    /// longer than the rest of a short sync.
    /// </summary>
    public long Fill()
    {
        var reserve = 0L;
        for (var attempt = 0; attempt < 3 && reserve == 0; attempt++)
        {
            reserve = Math.Max(new DriveInfo(Path).AvailableFreeSpace - (4L << 20), 0);
            try
            {
                using var reserved = File.OpenHandle(ReservedBallast, FileMode.Create, FileAccess.Write, FileShare.None, FileOptions.None, preallocationSize: reserve);
            }
            catch (IOException)
            {
                reserve = 0; // the hub took more than the margin meanwhile: measure again
            }
        }

        var chunk = new byte[1 << 20];
        long written = Math.Max(reserve, 0);
        using var ballast = new FileStream(Ballast, FileMode.Append, FileAccess.Write, FileShare.None, bufferSize: 1);
        try
        {
            while (true)
            {
                ballast.Write(chunk);
                written += chunk.Length;
            }
        }
        catch (IOException)
        {
            // ENOSPC: full. Smaller writes take the last blocks.
        }

        for (var size = chunk.Length / 2; size >= 512; size /= 2)
        {
            try
            {
                while (true)
                {
                    ballast.Write(chunk, 0, size);
                    written += size;
                }
            }
            catch (IOException)
            {
                // full at this size
            }
        }

        return written;
    }

    /// <summary>Space returns: the ballast goes.</summary>
    public void Free()
    {
        File.Delete(ReservedBallast);
        File.Delete(Ballast);
    }

    public void Dispose()
    {
        Try("umount", "-l", Path);
        try
        {
            Directory.Delete(Path, recursive: true);
            if (_image is not null)
                File.Delete(_image);
        }
        catch (IOException)
        {
            // a temp folder
        }
    }

    /// <summary>Runs a command; null when it succeeded, else what it said.</summary>
    private static string? Try(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        try
        {
            using var process = Process.Start(start)!;
            var errors = process.StandardError.ReadToEnd();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? null : $"{command} exited with {process.ExitCode}: {errors.Trim()}";
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return $"{command}: {ex.Message}";
        }
    }
}
