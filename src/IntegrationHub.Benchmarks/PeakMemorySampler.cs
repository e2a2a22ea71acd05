using System.Diagnostics;

namespace IntegrationHub.Benchmarks;

/// <summary>
/// Samples the process's working set (resident memory), managed heap and the GC's committed memory every 100 ms and keeps the peaks since it was
/// created, so that one phase of a benchmark is measured apart from the ones before it.
/// </summary>
internal sealed class PeakMemorySampler : IDisposable
{
    private readonly Timer _timer;
    private readonly Process _process = Process.GetCurrentProcess();
    private long _peakManaged;
    private long _peakCommitted;
    private long _peakWorkingSet;

    public PeakMemorySampler() => _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(100));

    public double PeakWorkingSetMb => Interlocked.Read(ref _peakWorkingSet) / 1024.0 / 1024.0;

    public double PeakManagedMb => Interlocked.Read(ref _peakManaged) / 1024.0 / 1024.0;

    /// <summary>The most memory the garbage collector held at once (live objects, garbage not yet collected and free space it keeps).</summary>
    public double PeakGcCommittedMb => Interlocked.Read(ref _peakCommitted) / 1024.0 / 1024.0;

    private void Sample()
    {
        _process.Refresh();
        Raise(ref _peakWorkingSet, _process.WorkingSet64);
        Raise(ref _peakManaged, GC.GetTotalMemory(forceFullCollection: false));
        Raise(ref _peakCommitted, GC.GetGCMemoryInfo().TotalCommittedBytes);
    }

    private static void Raise(ref long peak, long value)
    {
        long current;
        while (value > (current = Interlocked.Read(ref peak)) && Interlocked.CompareExchange(ref peak, value, current) != current)
        {
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        _process.Dispose();
    }
}
