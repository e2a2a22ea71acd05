using System.Globalization;

namespace IntegrationHub.Benchmarks;

/// <summary>
/// CPU time of a process from /proc (user + system), with the time of its children that have exited (PostgreSQL's
/// backends end with their connections; their time is added to the postmaster's "children" counters).
/// </summary>
internal static class ProcessCpu
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    public static double SecondsOf(int pid, bool withChildren = false)
    {
        var fields = Stat(pid);
        if (fields is null)
            return 0;
        var seconds = (Field(fields, 14) + Field(fields, 15)) / TicksPerSecond;
        if (!withChildren)
            return seconds;
        seconds += (Field(fields, 16) + Field(fields, 17)) / TicksPerSecond;
        return seconds + ChildrenOf(pid).Sum(child => SecondsOf(child, withChildren: true));
    }

    /// <summary>Peak resident memory (VmHWM) of a live process, in MiB.</summary>
    public static double PeakResidentMb(int pid)
    {
        var path = $"/proc/{pid}/status";
        if (!File.Exists(path))
            return 0;
        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    /// <summary>
    /// Bytes this process caused to be read from and written to the storage device (/proc/self/io; a write cancelled by
    /// truncating or deleting the file before it reached the disk is taken off). A read the page cache answered does not
    /// count, so on a store larger than what stays cached this shows the reads that waited for the disk. Null where the
    /// kernel does not account I/O or the file cannot be read.
    /// </summary>
    public static (long Read, long Written)? DiskBytes()
    {
        try
        {
            var values = File.ReadLines("/proc/self/io")
                .Select(line => line.Split(':', 2))
                .Where(parts => parts.Length == 2)
                .ToDictionary(parts => parts[0], parts => long.Parse(parts[1].Trim(), CultureInfo.InvariantCulture), StringComparer.Ordinal);
            return values.TryGetValue("read_bytes", out var read) && values.TryGetValue("write_bytes", out var written)
                ? (read, written - values.GetValueOrDefault("cancelled_write_bytes"))
                : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    /// <summary>The first line of a pid file (PostgreSQL's postmaster.pid, RabbitMQ's pid file); null when absent.</summary>
    public static int? FromPidFile(string path) =>
        File.Exists(path) && int.TryParse(File.ReadLines(path).FirstOrDefault()?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid) ? pid : null;

    private static IEnumerable<int> ChildrenOf(int pid) =>
        Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => name is not null && name.All(char.IsAsciiDigit))
            .Select(name => int.Parse(name!, CultureInfo.InvariantCulture))
            .Where(child => Stat(child) is { } fields && (int)Field(fields, 4) == pid)
            .ToList();

    /// <summary>The fields of /proc/pid/stat, numbered from 1 as in proc(5); the command name may hold spaces.</summary>
    private static string[]? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var close = text.LastIndexOf(')');
            return ["", text[..text.IndexOf(' ', StringComparison.Ordinal)], "comm", .. text[(close + 2)..].Split(' ')];
        }
        catch (IOException)
        {
            return null; // the process ended
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static double Field(string[] fields, int number) => double.Parse(fields[number], CultureInfo.InvariantCulture);
}
