using System.Net;
using System.Net.Sockets;
using IntegrationHub.Cli;
using IntegrationHub.Integration.Tests.Harness;

namespace IntegrationHub.Integration.Tests.Cli;

/// <summary>Runs the <c>hub</c> tool in this process, as a shell would, against a test hub (or no hub at all).</summary>
public static class HubCommandLine
{
    public static async Task<CliResult> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await HubCli.InvokeAsync(args, output, error);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>The command line with --url and --key-file of the test hub (its administrator key).</summary>
    public static Task<CliResult> RunAsync(TestHub hub, params string[] args) =>
        RunAsync([.. args, .. HubOptions(hub)]);

    /// <summary>As if stdout were a terminal a person watches.</summary>
    public static async Task<CliResult> RunOnTerminalAsync(TestHub hub, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await HubCli.InvokeAsync([.. args, .. HubOptions(hub)], new CliConsole(output, error, IsTerminal: true), CancellationToken.None);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    private static string[] HubOptions(TestHub hub) =>
        ["--url", hub.Address.ToString(), "--key-file", Path.Combine(hub.DataDirectory, "admin.key")];

    /// <summary>An address on loopback where nothing listens.</summary>
    public static string UnusedAddress()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}";
    }
}
