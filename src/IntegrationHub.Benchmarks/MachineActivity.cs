using System.Diagnostics;

namespace IntegrationHub.Benchmarks;

/// <summary>What else runs on the machine: the load average and the busiest processes now (top over half a second).</summary>
internal static class MachineActivity
{
    public static string Describe()
    {
        var load = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
        try
        {
            // top's second sample covers the half second between the two; its first counts from each process's start.
            using var top = Process.Start(new ProcessStartInfo("top", "-b -n 2 -d 0.5 -o %CPU -w 200") { RedirectStandardOutput = true })!;
            var lines = top.StandardOutput.ReadToEnd().Split('\n');
            top.WaitForExit();
            var header = Array.FindLastIndex(lines, l => l.TrimStart().StartsWith("PID", StringComparison.Ordinal));
            var busiest = lines.Skip(header + 1).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Where(f => f.Length >= 12).Take(5).Select(f => $"{string.Join(' ', f[11..])} {f[8]}%");
            return $"load {load}; busiest now: {string.Join(", ", busiest)}";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return $"load {load}";
        }
    }
}
