using Microsoft.Extensions.Logging;

namespace IntegrationHub.Integration.Tests.Harness.Secrets;

/// <summary>Writes every log line (with its exception) to a <see cref="SecretTranscript"/>.</summary>
[ProviderAlias("SecretTranscript")]
public sealed class TranscriptLoggerProvider(SecretTranscript transcript) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(transcript, categoryName);

    public void Dispose() => transcript.Flush();

    private sealed class Logger(SecretTranscript transcript, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            transcript.Write($"log {logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : " " + exception)}");
    }
}
