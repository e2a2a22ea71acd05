using System.Diagnostics;
using IntegrationHub.Host.Hosting;
using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Integration.Tests.Harness.Secrets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Integration.Tests.Security;

/// <summary>
/// Issue 12.4: the secret scan that deploy/scripts/test.sh runs over the whole suite's transcripts really fails on a
/// leak — planted here into a transcript written by the same harness a test hub uses (logger, answer recorder,
/// registry) — and names the file and line without printing the secret.
/// </summary>
public sealed class SecretScanTests
{
    // '+' is written \u002B in JSON: the scan must find the secret in that form too.
    private const string Secret = "planted+Zt81/secret-value";

    [Fact]
    public async Task ASecretInAnAnswerAndInALogLine_FailsTheScan_NamingFileAndLine_WithoutShowingTheSecret()
    {
        var folder = await TranscribeAsync(Secret, async client => Assert.Contains("\\u002B", await client.GetStringAsync("/leak"), StringComparison.Ordinal));

        var (exitCode, output) = await ScanAsync(folder);

        Assert.True(exitCode == 1, output);
        var transcriptFile = Path.GetFileName(Directory.GetFiles(folder, "transcript-*.log").Single());
        var lines = File.ReadAllLines(Path.Combine(folder, transcriptFile));
        var logLine = Array.FindIndex(lines, l => l.StartsWith("log Information IntegrationHub.Planted", StringComparison.Ordinal)) + 1;
        var answerLine = Array.FindIndex(lines, l => l.StartsWith("answer GET /leak 200", StringComparison.Ordinal)) + 1;
        Assert.Contains($"{transcriptFile}:{logLine}: ", output, StringComparison.Ordinal);
        Assert.Contains($"{transcriptFile}:{answerLine}: ", output, StringComparison.Ordinal);
        Assert.Contains("SecretScanTests planted secret", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Zt81", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnApiKeyOutsideTheAnswerThatIssuedIt_FailsTheScan_ThoughNobodyRegisteredIt()
    {
        var folder = await TranscribeAsync("an unrelated secret", client => client.GetStringAsync("/key"));

        var (exitCode, output) = await ScanAsync(folder);

        Assert.True(exitCode == 1, output);
        Assert.Contains("not registered", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transcripts_WithoutAnyRegisteredSecret_PassTheScan_AndNoTranscriptAtAllFailsWhenRequired()
    {
        var folder = await TranscribeAsync(Secret, async client => Assert.Equal("nothing here", await client.GetStringAsync("/clean")));

        var (cleanExit, cleanOutput) = await ScanAsync(folder);
        var (emptyExit, emptyOutput) = await ScanAsync(Directory.CreateTempSubdirectory("hub-secret-scan-").FullName, "--require");

        Assert.True(cleanExit == 0, cleanOutput);
        Assert.Contains("no leak", cleanOutput, StringComparison.Ordinal);
        Assert.True(emptyExit == 1, emptyOutput);
    }

    /// <summary>Registers <paramref name="secret"/>, runs the calls against the app, and returns the transcript folder.</summary>
    private static async Task<string> TranscribeAsync(string secret, Func<HttpClient, Task> calls)
    {
        var folder = Directory.CreateTempSubdirectory("hub-secret-scan-").FullName;
        using var transcript = new SecretTranscript(folder);
        transcript.Register(secret, "SecretScanTests planted secret");
        await using var app = await LeakyAppAsync(transcript);
        using var client = new HttpClient { BaseAddress = app.Address() };
        await calls(client);
        return folder;
    }

    /// <summary>A web app wired to the transcript as a test hub is: /leak answers and logs the secret, /clean does neither.</summary>
    private static async Task<WebApplication> LeakyAppAsync(SecretTranscript transcript)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        transcript.AddTo(builder.Logging);
        transcript.AddTo(builder.Services);
        var app = builder.Build();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("IntegrationHub.Planted");
        app.MapGet("/leak", () =>
        {
            logger.LogInformation("Connecting with password {Password}", Secret);
            // System.Text.Json's default encoder, as the hub's own serializer options may use: '+' becomes \u002B.
            return Results.Text(System.Text.Json.JsonSerializer.Serialize(new { note = Secret }), "application/json");
        });
        app.MapGet("/key", () => Results.Text("hub_" + new string('K', 43)));
        app.MapGet("/clean", () => Results.Text("nothing here"));
        await app.StartAsync();
        return app;
    }

    private static async Task<(int ExitCode, string Output)> ScanAsync(string folder, string? option = null)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(RepositoryPaths.Root, "tests", "scripts", "scan-secrets.sh"));
        start.ArgumentList.Add(folder);
        if (option is not null)
            start.ArgumentList.Add(option);
        using var scan = Process.Start(start)!;
        var output = await scan.StandardOutput.ReadToEndAsync() + await scan.StandardError.ReadToEndAsync();
        await scan.WaitForExitAsync();
        return (scan.ExitCode, output);
    }
}
