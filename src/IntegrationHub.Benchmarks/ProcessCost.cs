namespace IntegrationHub.Benchmarks;

/// <summary>
/// What one phase cost this process: CPU time (user and kernel), time paused for garbage collection, collections and bytes
/// allocated, from when it was created. CPU per record is steadier than records/s on a host whose speed varies, so runs
/// compared by it need fewer repetitions. The process is the hub and the benchmark's own parts (in change capture, its
/// source writers and receivers): say so beside the figure.
/// </summary>
internal sealed class ProcessCost
{
    private readonly Environment.ProcessCpuUsage _cpu = Environment.CpuUsage;
    private readonly TimeSpan _paused = GC.GetTotalPauseDuration();
    private readonly long _allocated = GC.GetTotalAllocatedBytes(precise: true);
    private readonly int[] _collections = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
    private readonly (long Read, long Written) _disk = Disk();

    /// <summary>"CPU 41.2 s (user 36.0, kernel 5.2) = 412 µs a record; GC paused 2.1 s, collections 310/40/2, allocated 61.0 GB = 610 KB a record".</summary>
    public string Describe(long records, TimeSpan elapsed)
    {
        var cpu = Environment.CpuUsage;
        var user = (cpu.UserTime - _cpu.UserTime).TotalSeconds;
        var kernel = (cpu.PrivilegedTime - _cpu.PrivilegedTime).TotalSeconds;
        var paused = (GC.GetTotalPauseDuration() - _paused).TotalSeconds;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - _allocated;
        var disk = Disk();
        var per = Math.Max(1, records);
        return $"CPU {user + kernel:F1} s (user {user:F1}, kernel {kernel:F1}; {(user + kernel) / elapsed.TotalSeconds:P0} of one core) = " +
               $"{(user + kernel) * 1e6 / per:N0} µs a record; GC paused {paused:F1} s, collections " +
               $"{GC.CollectionCount(0) - _collections[0]}/{GC.CollectionCount(1) - _collections[1]}/{GC.CollectionCount(2) - _collections[2]}, " +
               $"allocated {allocated / 1e9:F1} GB = {allocated / 1024.0 / per:N0} KiB a record; " +
               $"read from the disk {(disk.Read - _disk.Read) / 1e6:N0} MB, written {(disk.Written - _disk.Written) / 1e6:N0} MB";
    }

    /// <summary>
    /// Bytes this process caused to be read from and written to the storage device (/proc/self/io): a read the page cache
    /// answered does not count, so on a store larger than what stays cached this shows the reads that waited for the disk.
    /// </summary>
    private static (long Read, long Written) Disk()
    {
        long read = 0, written = 0;
        if (!File.Exists("/proc/self/io"))
            return (0, 0);
        foreach (var line in File.ReadLines("/proc/self/io"))
        {
            if (line.StartsWith("read_bytes:", StringComparison.Ordinal))
                read = long.Parse(line.AsSpan("read_bytes:".Length).Trim(), System.Globalization.CultureInfo.InvariantCulture);
            else if (line.StartsWith("write_bytes:", StringComparison.Ordinal))
                written = long.Parse(line.AsSpan("write_bytes:".Length).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        }

        return (read, written);
    }
}
