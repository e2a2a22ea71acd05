using System.CommandLine;

namespace IntegrationHub.Cli;

/// <summary>The options every command takes: where the hub is, the API key, and the output format.</summary>
internal sealed class GlobalOptions
{
    public const string DefaultUrl = "http://127.0.0.1:5080";
    public const string DefaultKeyFile = "data/admin.key";
    public const string UrlVariable = "HUB_URL";
    public const string KeyVariable = "HUB_API_KEY";

    public Option<string?> Url { get; } = new("--url")
    {
        Description = $"The hub's address (env {UrlVariable}; default {DefaultUrl}).",
        Recursive = true,
    };

    public Option<string?> Key { get; } = new("--key")
    {
        Description = $"An API key, hub_… (env {KeyVariable}). Prefer --key-file or the variable: a key on the command line ends up in shell history.",
        Recursive = true,
    };

    public Option<string?> KeyFile { get; } = new("--key-file")
    {
        Description = $"A file holding the API key (default {DefaultKeyFile}, where the hub writes the administrator key on first start).",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print the hub's answer as JSON instead of tables.",
        Recursive = true,
    };

    public void AddTo(Command root)
    {
        root.Options.Add(Url);
        root.Options.Add(Key);
        root.Options.Add(KeyFile);
        root.Options.Add(Json);
    }
}
