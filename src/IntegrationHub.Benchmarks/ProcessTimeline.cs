using System.Diagnostics;
using System.Globalization;

namespace IntegrationHub.Benchmarks;

/// <summary>
/// What this process and the machine did in each window of a measured phase, sampled every 250 ms from its start: the
/// process's CPU and the whole machine's (from /proc/stat, so that load from outside the process shows; time the
/// hypervisor stole is not counted as busy), generation-2 collections and the time paused for collections, and the
/// thread pool's threads and the most work items it had waiting. Printed beside a latency timeline whose windows start
/// at the same moment, it says what coincided with a window where the changes fell behind.
/// </summary>
internal sealed class ProcessTimeline : IDisposable
{
    private readonly Timer _timer;
    private readonly long _start = Stopwatch.GetTimestamp();
    private readonly List<Sample> _samples = [];
    private readonly Lock _gate = new();

    private ProcessTimeline()
    {
        _samples.Add(Take());
        _timer = new Timer(_ => Add(), null, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(250));
    }

    /// <summary>Starts sampling now; windows are counted from this moment.</summary>
    public static ProcessTimeline Start() => new();

    /// <summary>
    /// "0s cpu 135/190 % gen2 3 paused 40 ms pool 18 (waiting ≤ 12), 6s …": per window, the process's and the machine's CPU
    /// in % of one core, collections of generation 2, pause time, the pool's threads at the window's end and the most work
    /// items seen waiting in it.
    /// </summary>
    public string Describe(TimeSpan window)
    {
        List<Sample> samples;
        lock (_gate)
            samples = [.. _samples];
        var windows = new List<string>();
        for (var w = 0; ; w++)
        {
            var from = w * window;
            var to = from + window;
            if (samples[^1].At <= from)
                break;
            // The first sample is taken a moment after the start: it opens the first window.
            var first = Math.Max(0, samples.FindLastIndex(s => s.At <= from));
            var last = samples.FindLastIndex(s => s.At <= to);
            var a = samples[first];
            var b = samples[last];
            var seconds = (b.At - a.At).TotalSeconds;
            if (last <= first || seconds <= 0)
            {
                // The sampler itself did not run in this window (a stalled process): say so rather than skip it.
                windows.Add(string.Create(CultureInfo.InvariantCulture, $"{from.TotalSeconds:F0}s no sample"));
                continue;
            }

            var waiting = samples.Skip(first + 1).Take(last - first).Max(s => s.PoolWaiting);
            windows.Add(string.Create(CultureInfo.InvariantCulture,
                $"{from.TotalSeconds:F0}s cpu {(b.ProcessCpu - a.ProcessCpu) / seconds * 100:F0}/{Machine(a, b):F0} % gen2 {b.Gen2 - a.Gen2} " +
                $"paused {(b.Paused - a.Paused).TotalMilliseconds:F0} ms pool {b.PoolThreads} (waiting ≤ {waiting})"));
        }

        return string.Join(", ", windows);
    }

    /// <summary>
    /// The machine's busy time in % of one core, from the all-CPU line of /proc/stat and its count of CPUs (not the
    /// process's, which a container's limit lowers); NaN where it cannot be read.
    /// </summary>
    private static double Machine(Sample a, Sample b) =>
        a.MachineTotal is { } t0 && b.MachineTotal is { } t1 && a.MachineIdle is { } i0 && b.MachineIdle is { } i1 && t1 > t0
            ? (double)((t1 - t0) - (i1 - i0)) / (t1 - t0) * 100 * MachineCpus
            : double.NaN;

    private static readonly int MachineCpus = CountCpus();

    private static int CountCpus()
    {
        try
        {
            return Math.Max(1, File.ReadLines("/proc/stat").Count(l => l.StartsWith("cpu", StringComparison.Ordinal) && l.Length > 3 && char.IsAsciiDigit(l[3])));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Environment.ProcessorCount;
        }
    }

    /// <summary>Under the lock, so that samples stay in time order when a late timer callback overlaps the next.</summary>
    private void Add()
    {
        lock (_gate)
            _samples.Add(Take());
    }

    private Sample Take()
    {
        var cpu = Environment.CpuUsage;
        var (total, idle) = MachineTicks();
        return new Sample(
            Stopwatch.GetElapsedTime(_start),
            (cpu.UserTime + cpu.PrivilegedTime).TotalSeconds,
            total,
            idle,
            GC.CollectionCount(2),
            GC.GetTotalPauseDuration(),
            ThreadPool.ThreadCount,
            ThreadPool.PendingWorkItemCount);
    }

    /// <summary>All CPUs' ticks and the ticks not busy for this machine (idle, iowait, stolen) from the first line of /proc/stat.</summary>
    private static (long? Total, long? Idle) MachineTicks()
    {
        try
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var ticks = fields.Skip(1).Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            return (ticks.Sum(), ticks[3] + ticks[4] + ticks[7]);
        }
        // A sampler on a timer must not end the process: a figure it cannot read is printed as NaN.
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or OverflowException
                                       or IndexOutOfRangeException or InvalidOperationException)
        {
            return (null, null);
        }
    }

    public void Dispose() => _timer.Dispose();

    private sealed record Sample(TimeSpan At, double ProcessCpu, long? MachineTotal, long? MachineIdle, int Gen2, TimeSpan Paused, int PoolThreads, long PoolWaiting);
}
