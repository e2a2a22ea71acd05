using System.Globalization;

namespace IntegrationHub.Benchmarks;

/// <summary>
/// What one phase cost this process: CPU time (user and kernel), time paused for garbage collection, collections and bytes
/// allocated, and bytes read from and written to the disk, from when it was created. CPU per record moves less than
/// records/s on a host whose speed varies, and bytes allocated per record much less, so runs compared by them need fewer
/// repetitions. The process is the hub and the benchmark's own parts (in change capture, its source writers and
/// receivers): say so beside the figures.
/// </summary>
internal sealed class ProcessCost
{
    private readonly Environment.ProcessCpuUsage _cpu = Environment.CpuUsage;
    private readonly TimeSpan _paused = GC.GetTotalPauseDuration();
    private readonly long _allocated = GC.GetTotalAllocatedBytes(precise: true);
    private readonly int[] _collections = Collections();
    private readonly (long Read, long Written)? _disk = ProcessCpu.DiskBytes();

    /// <summary>
    /// "CPU 41.2 s (user 36.0, kernel 5.2; 175 % of one core) = 412 µs a record; GC paused 2.1 s, collections of
    /// generation 0/1/2 only: 120/40/60; allocated 11.3 GiB = 118 KiB a record; disk read 0 MiB, written 1,950 MiB".
    /// </summary>
    public string Describe(long records, TimeSpan elapsed)
    {
        var cpu = Environment.CpuUsage;
        var user = (cpu.UserTime - _cpu.UserTime).TotalSeconds;
        var kernel = (cpu.PrivilegedTime - _cpu.PrivilegedTime).TotalSeconds;
        var paused = (GC.GetTotalPauseDuration() - _paused).TotalSeconds;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - _allocated;
        var collections = Collections();
        // CollectionCount(n) counts every collection of generation n or higher: each generation alone is the difference.
        int Only(int generation) => collections[generation] - _collections[generation]
                                    - (generation < 2 ? collections[generation + 1] - _collections[generation + 1] : 0);
        var disk = ProcessCpu.DiskBytes() is { } now && _disk is { } then
            ? $"disk read {(now.Read - then.Read) / Mib:N0} MiB, written {(now.Written - then.Written) / Mib:N0} MiB"
            : "disk n/a";
        var per = Math.Max(1, records);
        return string.Create(CultureInfo.InvariantCulture,
            $"CPU {user + kernel:F1} s (user {user:F1}, kernel {kernel:F1}; {(user + kernel) / elapsed.TotalSeconds * 100:F0} % of one core) = " +
            $"{(user + kernel) * 1e6 / per:N0} µs a record; GC paused {paused:F1} s, collections of generation 0/1/2 only: " +
            $"{Only(0)}/{Only(1)}/{Only(2)}; {Allocated(allocated, per)}; {disk}");
    }

    /// <summary>
    /// Bytes allocated over the phase. Under server GC's dynamic adaptation (DATAS) this runtime (10.0.x) sums the counter
    /// over the heaps in use only (fixed upstream by dotnet/runtime#131069), so it drops when the collector gives heaps up
    /// and jumps back when it takes them again: a phase whose heap count changed reads low or high, and one that ends
    /// below where it began is said, not printed as a negative figure.
    /// </summary>
    private static string Allocated(long bytes, long records) => bytes < 0
        ? "allocated n/a (the runtime's counter fell: the GC gave up heaps during the phase, dotnet/runtime#131069)"
        : string.Create(CultureInfo.InvariantCulture, $"allocated {bytes / Mib / 1024:F1} GiB = {bytes / 1024.0 / records:N0} KiB a record");

    private const double Mib = 1024.0 * 1024.0;

    private static int[] Collections() => [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
}
