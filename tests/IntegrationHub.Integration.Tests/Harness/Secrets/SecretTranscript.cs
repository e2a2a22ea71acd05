using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Integration.Tests.Harness.Secrets;

/// <summary>
/// Issue 12.4, the evidence that no secret leaks: every secret value the tests give a hub is registered here, and every
/// log line and every HTTP answer of every hub the suite runs is written here as one transcript line;
/// <c>tests/scripts/scan-secrets.sh</c> (run by deploy/scripts/test.sh after the tests) then searches all transcripts
/// for all secrets. Files, per test process, in <c>$HUB_TEST_ARTIFACTS/secret-scan/</c>:
/// <c>secrets-PID.txt</c> (the search patterns: each secret and its JSON-, HTML- and URL-encoded forms, one a line),
/// <c>secrets-PID.tsv</c> (SHA-256 of each pattern → where it was registered) and <c>transcript-PID.log</c>.
/// </summary>
public sealed class SecretTranscript : IDisposable
{
    /// <summary>Shorter values ("guest", "hub") also occur innocently in text; they are not searched for.</summary>
    public const int MinimumLength = 8;

    public const string FolderName = "secret-scan";

    private static readonly JavaScriptEncoder[] JsonEncoders = [JavaScriptEncoder.Default, JavaScriptEncoder.UnsafeRelaxedJsonEscaping];

    private readonly Lock _lock = new();
    private readonly HashSet<string> _registered = new(StringComparer.Ordinal);
    private readonly StreamWriter _patterns;
    private readonly StreamWriter _origins;
    private readonly StreamWriter _transcript;
    private bool _disposed;

    public SecretTranscript(string folder)
    {
        Directory.CreateDirectory(folder);
        Folder = folder;
        var id = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
        _patterns = Writer(Path.Combine(folder, $"secrets-{id}.txt"));
        _origins = Writer(Path.Combine(folder, $"secrets-{id}.tsv"));
        _transcript = Writer(Path.Combine(folder, $"transcript-{id}.log"));
        TranscriptPath = Path.Combine(folder, $"transcript-{id}.log");
    }

    /// <summary>The suite's transcript: on when the tests run under deploy/scripts/test.sh (HUB_TEST_ARTIFACTS is set).</summary>
    public static SecretTranscript? Suite { get; } = Open();

    public string Folder { get; }

    public string TranscriptPath { get; }

    /// <summary>Registers a secret (and the forms it takes inside JSON, HTML and URLs) with where it came from.</summary>
    public void Register(string? secret, string origin)
    {
        if (secret is null || secret.Length < MinimumLength)
            return;
        foreach (var line in secret.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length < MinimumLength)
                continue;
            IEnumerable<string> forms = [line, .. JsonEncoders.Select(e => e.Encode(line)), HtmlEncoder.Default.Encode(line), Uri.EscapeDataString(line)];
            lock (_lock)
            {
                if (_disposed)
                    return;
                foreach (var form in forms.Distinct(StringComparer.Ordinal).Where(_registered.Add))
                {
                    _patterns.WriteLine(form);
                    _origins.WriteLine($"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(form)))}\t{origin.Replace('\t', ' ').Replace('\n', ' ')}");
                }

                // The registry must outlive a crash of the test process: it is small.
                _patterns.Flush();
                _origins.Flush();
            }
        }
    }

    /// <summary>Registers the password parts of a connection string, and the string itself.</summary>
    public void RegisterConnectionString(string? connectionString, string origin)
    {
        if (connectionString is null)
            return;
        Register(connectionString, origin);
        foreach (var part in connectionString.Split(';', StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && part[..equals].Trim().ToLowerInvariant() is "password" or "pwd" or "passwd")
                Register(part[(equals + 1)..], origin + " (password)");
        }
    }

    /// <summary>Writes one record of the transcript as one line (line breaks inside become ⏎).</summary>
    public void Write(string record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var line = record.Replace("\r", "", StringComparison.Ordinal).Replace("\n", " ⏎ ", StringComparison.Ordinal);
        lock (_lock)
        {
            // A hub still logging while the test process exits: the transcript is already closed.
            if (!_disposed)
                _transcript.WriteLine(line);
        }
    }

    /// <summary>Every log line of the hub into the transcript, at least at the levels a production hub writes.</summary>
    public void AddTo(ILoggingBuilder logging)
    {
        ArgumentNullException.ThrowIfNull(logging);
        logging.AddProvider(new TranscriptLoggerProvider(this));
        // appsettings.json's levels, and the hub's own Debug lines (they describe requests and sources).
        logging.AddFilter<TranscriptLoggerProvider>(null, LogLevel.Information);
        logging.AddFilter<TranscriptLoggerProvider>("IntegrationHub", LogLevel.Debug);
        logging.AddFilter<TranscriptLoggerProvider>("Microsoft.AspNetCore", LogLevel.Warning);
        logging.AddFilter<TranscriptLoggerProvider>("MassTransit", LogLevel.Warning);
    }

    /// <summary>Every HTTP answer of the hub into the transcript, and the secrets of what is sent to it registered.</summary>
    public void AddTo(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter>(new AnswerRecorder(this));
    }

    public void Flush()
    {
        lock (_lock)
        {
            if (_disposed)
                return;
            _transcript.Flush();
            _patterns.Flush();
            _origins.Flush();
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
                return;
            _disposed = true;
            _transcript.Dispose();
            _patterns.Dispose();
            _origins.Dispose();
        }
    }

    private static SecretTranscript? Open()
    {
        if (Environment.GetEnvironmentVariable("HUB_TEST_ARTIFACTS") is not { Length: > 0 } artifacts)
            return null;
        var transcript = new SecretTranscript(Path.Combine(artifacts, FolderName));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => transcript.Dispose();
        return transcript;
    }

    private static StreamWriter Writer(string path) => new(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, 1 << 16), new UTF8Encoding(false), 1 << 16);
}
