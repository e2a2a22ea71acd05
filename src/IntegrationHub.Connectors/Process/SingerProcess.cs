using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace IntegrationHub.Connectors.Process;

/// <summary>
/// One run of a tap: its config (and state) in private temp files (0600, deleted afterwards), its standard output read
/// line by line, the last lines of its standard error kept for the error message. Disposing kills the whole process
/// tree if it still runs (cancellation, timeout, or a reader that stopped early).
/// </summary>
internal sealed class SingerProcess : IAsyncDisposable
{
    private const int StderrLines = 20;
    private const int StderrLineLength = 500;

    private readonly System.Diagnostics.Process _process;
    private readonly string _directory;
    private readonly string _description;
    private readonly IReadOnlyList<string> _secrets;
    private readonly Queue<string> _stderr = new();
    private readonly Task _stderrReader;
    private readonly CancellationTokenSource _timeout;
    private readonly int _timeoutSeconds;
    private readonly BoundedLineReader _output;

    private SingerProcess(System.Diagnostics.Process process, string directory, string description, IReadOnlyList<string> secrets, int timeoutSeconds, int maxLineLength)
    {
        _output = new BoundedLineReader(process.StandardOutput, maxLineLength);
        _process = process;
        _directory = directory;
        _description = description;
        _secrets = secrets;
        _timeoutSeconds = timeoutSeconds;
        _timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        _stderrReader = ReadStderrAsync();
    }

    public static SingerProcess Start(ProcessSourceOptions options, string? state, ConnectorContext context)
    {
        var directory = Directory.CreateTempSubdirectory("hub-tap-").FullName;
        try
        {
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var config = options.Config.DeepClone().AsObject();
            foreach (var (name, value) in options.SecretConfig)
                config[name] = value?.DeepClone();
            var command = context.Expand(options.Command);
            var start = new ProcessStartInfo(command)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
                StandardOutputEncoding = Encoding.UTF8,
                StandardErrorEncoding = Encoding.UTF8,
                WorkingDirectory = options.WorkingDirectory is { } cwd ? context.Expand(cwd) : directory,
            };
            foreach (var arg in options.Args)
                start.ArgumentList.Add(context.Expand(arg));
            start.ArgumentList.Add("--config");
            start.ArgumentList.Add(WritePrivate(directory, "config.json", config.ToJsonString()));
            if (state is not null)
            {
                start.ArgumentList.Add("--state");
                start.ArgumentList.Add(WritePrivate(directory, "state.json", state));
            }

            var secrets = new List<string>();
            foreach (var (name, value) in options.Environment)
                start.Environment[name] = context.Expand(value);
            foreach (var (name, value) in options.SecretEnvironment)
            {
                start.Environment[name] = context.Expand(value);
                secrets.Add(start.Environment[name]!);
            }

            secrets.AddRange(SecretValues(options.SecretConfig));
            var description = $"tap '{Path.GetFileName(command)}'";
            var process = new System.Diagnostics.Process { StartInfo = start };
            try
            {
                process.Start();
            }
            catch (Win32Exception ex)
            {
                process.Dispose();
                throw new SourceAccessException("connect", $"Cannot start {description} ({command}): {ex.Message}. Check source.command and that the tap is installed and executable.");
            }

            process.StandardInput.Close();
            return new SingerProcess(process, directory, description, secrets, options.TimeoutSeconds, context.Limits.MaxRecordLength);
        }
        catch
        {
            DeleteDirectory(directory);
            throw;
        }
    }

    /// <summary>The next line of standard output (cut at the length limit), or null at its end.</summary>
    public async Task<BoundedLine?> ReadLineAsync(CancellationToken ct)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, _timeout.Token);
        try
        {
            return await _output.ReadLineAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_timeout.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            throw TimedOut();
        }
    }

    /// <summary>Waits for the tap to exit; a non-zero exit code fails with the last lines of its standard error.</summary>
    public async Task EnsureSucceededAsync(CancellationToken ct)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, _timeout.Token);
        try
        {
            await _process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_timeout.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            throw TimedOut();
        }

        await _stderrReader.ConfigureAwait(false);
        if (_process.ExitCode != 0)
            throw new SourceAccessException("read", $"{_description} exited with code {_process.ExitCode}.{StderrTail()}");
    }

    private SourceAccessException TimedOut() =>
        new("read", $"{_description} did not finish within source.timeoutSeconds ({_timeoutSeconds} s) and was stopped.{StderrTail()}");

    private string StderrTail()
    {
        string[] lines;
        lock (_stderr)
            lines = [.. _stderr];
        if (lines.Length == 0)
            return "";
        var text = string.Join('\n', lines);
        foreach (var secret in _secrets.Where(s => s.Length > 0))
            text = text.Replace(secret, "********", StringComparison.Ordinal);
        return $" Last lines of its standard error:\n{text}";
    }

    private async Task ReadStderrAsync()
    {
        try
        {
            while (await _process.StandardError.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                lock (_stderr)
                {
                    _stderr.Enqueue(line.Length > StderrLineLength ? line[..StderrLineLength] + "…" : line);
                    if (_stderr.Count > StderrLines)
                        _stderr.Dequeue();
                }
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The process was killed or disposed: what was read is kept.
        }
    }

    private static string WritePrivate(string directory, string name, string content)
    {
        var path = Path.Combine(directory, name);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var stream = new FileStream(path, options);
        stream.Write(Encoding.UTF8.GetBytes(content));
        return path;
    }

    private static IEnumerable<string> SecretValues(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => SecretValues(p.Value)),
        JsonArray a => a.SelectMany(SecretValues),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        JsonValue v => [v.ToJsonString()],
        _ => [],
    };

    private static void DeleteDirectory(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder: best effort.
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException)
        {
            // Exited meanwhile.
        }

        await _stderrReader.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _process.Dispose();
        _timeout.Dispose();
        DeleteDirectory(_directory);
    }
}
