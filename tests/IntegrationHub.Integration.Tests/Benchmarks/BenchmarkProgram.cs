using System.Diagnostics;
using IntegrationHub.Integration.Tests.Harness;

namespace IntegrationHub.Integration.Tests.Benchmarks;

/// <summary>
/// Runs the benchmark program as it was built with the tests (same configuration) from the repository root, and returns
/// what it printed once it exited with 0; a run that fails or outlasts its time fails the test with what it printed.
/// </summary>
internal static class BenchmarkProgram
{
    public static async Task<string> RunAsync(TimeSpan timeout, params string[] arguments)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Release" : "Debug";
        var program = Path.Combine(RepositoryPaths.Root, "src", "IntegrationHub.Benchmarks", "bin", configuration, "net10.0", "IntegrationHub.Benchmarks.dll");
        Assert.True(File.Exists(program), $"{program} is missing: build the solution ({configuration}) first.");

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        // Its figures are formatted in the current culture: the tests read them as the C locale's (invariant) culture
        // writes them, whatever the machine's locale.
        start.Environment["LC_ALL"] = "C.UTF-8";
        start.ArgumentList.Add(program);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var benchmark = Process.Start(start)!;
        var output = benchmark.StandardOutput.ReadToEndAsync();
        var errors = benchmark.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await benchmark.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            benchmark.Kill(entireProcessTree: true);
            await benchmark.WaitForExitAsync();
            Assert.Fail($"The benchmark did not end within {timeout}; what it printed:\n{await output}\n{await errors}");
        }

        var printed = await output;
        Assert.True(benchmark.ExitCode == 0, $"The benchmark exited with {benchmark.ExitCode}:\n{printed}\n{await errors}");
        return printed;
    }
}
