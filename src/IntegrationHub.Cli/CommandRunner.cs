using System.CommandLine;
using System.Net;
using System.Text.Json;
using IntegrationHub.Cli.Api;
using IntegrationHub.Cli.Output;
using Refit;

namespace IntegrationHub.Cli;

/// <summary>
/// Runs one command against the hub and turns every way it can end into an exit code: the hub's problem answers
/// (printed readably), an unreachable hub or a refused key (3), and the command's own failures.
/// </summary>
internal static class CommandRunner
{
    public static async Task<int> RunAsync(
        ParseResult parseResult,
        CliConsole console,
        GlobalOptions options,
        Func<CommandContext, CancellationToken, Task<int>> command,
        CancellationToken cancellationToken)
    {
        var json = parseResult.GetValue(options.Json);
        HubConnection? connection = null;
        try
        {
            connection = HubConnection.Resolve(parseResult, options);
            using var http = connection.CreateHttpClient();
            var api = RestService.ForGenerated<IHubApi>(http, CliJsonContext.Default);
            return await command(new CommandContext(api, console, json, connection), cancellationToken).ConfigureAwait(false);
        }
        catch (CliFailure failure)
        {
            await console.Error.WriteLineAsync(failure.Message).ConfigureAwait(false);
            return failure.ExitCode;
        }
        catch (ApiException problem)
        {
            await ProblemWriter.WriteAsync(console.Error, problem, json).ConfigureAwait(false);
            if (problem.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                await console.Error.WriteLineAsync(
                    $"The hub at {connection!.Url} did not accept the API key from {connection.KeySource}.").ConfigureAwait(false);
                return ExitCodes.Unreachable;
            }

            return ExitCodes.Failed;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await console.Error.WriteLineAsync("Cancelled.").ConfigureAwait(false);
            return ExitCodes.Failed;
        }
        catch (Exception unreachable) when (unreachable is ApiRequestException or HttpRequestException or TaskCanceledException)
        {
            var reason = unreachable.InnerException is { } inner ? inner.Message : unreachable.Message;
            if (unreachable is TaskCanceledException || unreachable.InnerException is TaskCanceledException or TimeoutException)
                reason = "it did not answer in time";
            await console.Error.WriteLineAsync($"error: cannot reach the hub at {connection?.Url}: {reason}").ConfigureAwait(false);
            return ExitCodes.Unreachable;
        }
        catch (JsonException unexpected)
        {
            await console.Error.WriteLineAsync($"error: the hub's answer was not what this tool expects: {unexpected.Message}").ConfigureAwait(false);
            return ExitCodes.Failed;
        }
    }
}
