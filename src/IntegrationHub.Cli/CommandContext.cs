using System.Text.Json.Serialization.Metadata;
using IntegrationHub.Cli.Api;
using IntegrationHub.Cli.Output;

namespace IntegrationHub.Cli;

/// <summary>What a command needs while it runs: the hub client, the console, and the chosen output format.</summary>
internal sealed class CommandContext(IHubApi api, CliConsole console, bool json, HubConnection connection)
{
    public IHubApi Api { get; } = api;

    public TextWriter Out => console.Out;

    public TextWriter Error => console.Error;

    public bool Json { get; } = json;

    /// <summary>A person watches stdout, and it is not JSON: progress lines make sense.</summary>
    public bool Interactive => console.IsTerminal && !Json;

    public HubConnection Connection { get; } = connection;

    public Task WriteJsonAsync<T>(T value, JsonTypeInfo<T> typeInfo) => JsonOutput.WriteAsync(Out, value, typeInfo);
}
