using System.Diagnostics;
using IntegrationHub.Integration.Tests.Harness;

namespace IntegrationHub.Integration.Tests.Benchmarks;

/// <summary>
/// The benchmark program is the evidence for every throughput figure in docs/benchmarks.md; CI runs it small so that it
/// keeps working, keeps measuring the hub as it ships (its garbage collector) and keeps checking conservation. Its
/// figures are printed, never asserted.
/// </summary>
public sealed class PipelineBenchmarkProgramTests
{
    [Fact]
    public async Task ThePipelineBenchmark_RunSmallOnTheEmbeddedStack_PrintsItsFiguresWithTheHostsCollectorAndConservationHolds()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Release" : "Debug";
        var program = Path.Combine(RepositoryPaths.Root, "src", "IntegrationHub.Benchmarks", "bin", configuration, "net10.0", "IntegrationHub.Benchmarks.dll");
        Assert.True(File.Exists(program), $"{program} is missing: build the solution ({configuration}) first.");

        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { program, "--stack", "embedded", "--cases", "300" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        using var benchmark = Process.Start(start)!;
        var output = benchmark.StandardOutput.ReadToEndAsync();
        var errors = benchmark.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await benchmark.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            benchmark.Kill(entireProcessTree: true);
            throw;
        }

        var printed = await output;
        Assert.True(benchmark.ExitCode == 0, $"The benchmark exited with {benchmark.ExitCode}:\n{printed}\n{await errors}");
        Assert.Contains(" gc=server ", printed, StringComparison.Ordinal);
        Assert.Contains("first load: 600 records in", printed, StringComparison.Ordinal);
        Assert.Contains("pipeline / limit = ", printed, StringComparison.Ordinal);
        Assert.Contains("second sync, source unchanged: 600 records in", printed, StringComparison.Ordinal);
        Assert.Contains("conservation holds in every run", printed, StringComparison.Ordinal);
        Assert.Contains("the assessment projection was ", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("NOT CONSERVED", printed, StringComparison.Ordinal);
    }
}
