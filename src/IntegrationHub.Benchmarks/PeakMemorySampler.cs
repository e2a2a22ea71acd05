using System.Diagnostics;

namespace IntegrationHub.Benchmarks;

/// <summary>Samples the process's working set and managed heap every 100 ms and keeps the peaks.</summary>
internal sealed class PeakMemorySampler : IDisposable
{
    private readonly Timer _timer;
    private long _peakManaged;

    public PeakMemorySampler() => _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(100));

    public double PeakWorkingSetMb
    {
        get
        {
            using var process = Process.GetCurrentProcess();
            return process.PeakWorkingSet64 / 1024.0 / 1024.0;
        }
    }

    public double PeakManagedMb => Interlocked.Read(ref _peakManaged) / 1024.0 / 1024.0;

    private void Sample()
    {
        var managed = GC.GetTotalMemory(forceFullCollection: false);
        long current;
        while (managed > (current = Interlocked.Read(ref _peakManaged)) && Interlocked.CompareExchange(ref _peakManaged, managed, current) != current)
        {
        }
    }

    public void Dispose() => _timer.Dispose();
}
