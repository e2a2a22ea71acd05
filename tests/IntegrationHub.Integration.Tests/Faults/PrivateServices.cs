using System.Diagnostics;
using System.Globalization;
using IntegrationHub.Integration.Tests.Harness;
using Npgsql;

namespace IntegrationHub.Integration.Tests.Faults;

/// <summary>
/// A PostgreSQL or RabbitMQ of a fault test's own, started by deploy/scripts/services.sh in a base folder of its own, so
/// that the test can take it down and bring it up again (<c>services.sh down|up</c>, same ports, same data) while a hub
/// uses it, without disturbing the shared servers other tests use. The other service of the production stack stays
/// the shared one.
/// </summary>
public sealed class PrivateServices : IAsyncDisposable
{
    private readonly string _base;

    private PrivateServices(string @base, ServiceEndpoints endpoints)
    {
        _base = @base;
        Endpoints = endpoints;
    }

    public ServiceEndpoints Endpoints { get; }

    /// <param name="service"><c>postgres</c> or <c>rabbitmq</c>.</param>
    public static async Task<PrivateServices> StartAsync(string service)
    {
        var @base = Directory.CreateTempSubdirectory("hub-fault-svc-").FullName;
        string envFile;
        try
        {
            envFile = (await RunAsync(new Dictionary<string, string> { ["HUB_SERVICES"] = service }, "start", @base)).Trim().Split('\n')[^1];
        }
        catch
        {
            await RunAsync([], "stop", @base).ContinueWith(_ => { }, TaskScheduler.Default);
            throw;
        }

        var env = File.ReadAllLines(envFile)
            .Where(l => l.StartsWith("export ", StringComparison.Ordinal))
            .Select(l => l["export ".Length..].Split('=', 2))
            .ToDictionary(p => p[0], p => p[1].Trim('\''), StringComparer.Ordinal);
        var shared = ServiceEndpoints.Shared;
        var endpoints = service == "postgres"
            ? shared with { PostgresAdmin = env["HUB_TEST_POSTGRES"] }
            : shared with
            {
                RabbitHost = env["HUB_TEST_RABBITMQ_HOST"],
                RabbitPort = ushort.Parse(env["HUB_TEST_RABBITMQ_PORT"], CultureInfo.InvariantCulture),
                RabbitManagementPort = ushort.Parse(env["HUB_TEST_RABBITMQ_MANAGEMENT_PORT"], CultureInfo.InvariantCulture),
            };
        return new PrivateServices(@base, endpoints);
    }

    /// <summary>Takes the service down: <paramref name="mode"/> fast|immediate (postgres) or stop|kill (rabbitmq).</summary>
    public Task DownAsync(string service, string mode) =>
        RunAsync(new Dictionary<string, string> { ["HUB_STOP_MODE"] = mode }, "down", service, _base);

    /// <summary>Brings the service up again; the test process's own pooled connections to the old server are dropped.</summary>
    public async Task UpAsync(string service)
    {
        await RunAsync([], "up", service, _base);
        // Idle pooled connections died with the server: each would fail once on its next use.
        NpgsqlConnection.ClearAllPools();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await RunAsync([], "stop", _base);
    }

    private static async Task<string> RunAsync(Dictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(RepositoryPaths.Root, "deploy", "scripts", "services.sh"));
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment)
            start.Environment[key] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"services.sh {string.Join(' ', arguments)} failed ({process.ExitCode}): {await errors}");
        return await output;
    }
}
