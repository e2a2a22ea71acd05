using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using IntegrationHub.Integration.Tests.Harness.Secrets;

namespace IntegrationHub.Integration.Tests.Harness;

/// <summary>The hub as a separate operating-system process, so that a test can kill it with SIGKILL mid-flight.</summary>
public sealed class HubProcess : IAsyncDisposable
{
    private readonly Process _process;

    private HubProcess(Process process, HttpClient client)
    {
        _process = process;
        Client = client;
    }

    public HttpClient Client { get; }

    public static async Task<HubProcess> StartAsync(HubSettings settings)
    {
        var port = FreePort();
        var start = StartInfo(settings);
        start.Environment["Hub__Urls"] = $"http://127.0.0.1:{port}";

        var log = Path.Combine(settings.DataDirectory, "hub-process.log");
        var process = Process.Start(start) ?? throw new InvalidOperationException("The hub process did not start.");
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var transcript = SecretTranscript.Suite;
        var client = new HttpClient(transcript is null ? new HttpClientHandler() : new AnswerRecordingHandler(transcript))
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
            Timeout = TimeSpan.FromSeconds(30),
        };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"The hub process exited with {process.ExitCode}: {ReadLog(log)}");
            try
            {
                if ((await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK)
                    break;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The hub process did not become ready: {ReadLog(log)}");
            await Task.Delay(200);
        }

        var adminKey = await settings.ReadAdminKeyAsync();
        transcript?.Register(adminKey, "admin.key of a hub process");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
        return new HubProcess(process, client);
    }

    /// <summary>
    /// Runs the hub's executable with a command (<c>backup --to DIR</c>) on the settings, as an operator would on the
    /// hub's machine, and returns its exit code and output.
    /// </summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunCommandAsync(HubSettings settings, params string[] args)
    {
        var start = StartInfo(settings);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("The hub's executable did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        var (written, failed) = (await output, await error);
        SecretTranscript.Suite?.Write($"command {string.Join(' ', args)}: {written} {failed}");
        return (process.ExitCode, written, failed);
    }

    /// <summary>The hub's executable with the settings as <c>Hub__…</c> environment variables, in the data folder.</summary>
    private static ProcessStartInfo StartInfo(HubSettings settings)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "IntegrationHub.Host.dll") },
            WorkingDirectory = settings.DataDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in settings.Values)
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        return start;
    }

    /// <summary>SIGKILL: no shutdown hook runs, nothing is flushed, in-flight messages of the in-memory bus are lost.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static readonly Lock LogLock = new();

    private static void Append(string path, string? line)
    {
        if (line is null)
            return;
        SecretTranscript.Suite?.Write("process " + line);
        lock (LogLock)
            File.AppendAllText(path, line + Environment.NewLine);
    }

    private static string ReadLog(string path) => File.Exists(path) ? string.Join('\n', File.ReadLines(path).TakeLast(40)) : "(no output)";
}
