using System.CommandLine;
using System.Net.Http.Headers;

namespace IntegrationHub.Cli;

/// <summary>The hub's address and the API key to send, with where the key came from (for error messages).</summary>
internal sealed record HubConnection(Uri Url, string Key, string KeySource)
{
    public const string ApiPrefix = "/api/v1";

    private static readonly TimeSpan RequestTimeout = TimeSpan.FromMinutes(5);

    /// <summary>--url, then HUB_URL, then the default; the key from --key, --key-file, HUB_API_KEY, then data/admin.key.</summary>
    public static HubConnection Resolve(ParseResult parseResult, GlobalOptions options)
    {
        var url = ResolveUrl(parseResult.GetValue(options.Url) ?? Environment.GetEnvironmentVariable(GlobalOptions.UrlVariable));
        var (key, source) = ResolveKey(parseResult.GetValue(options.Key), parseResult.GetValue(options.KeyFile));
        return new HubConnection(url, key, source);
    }

    public HttpClient CreateHttpClient()
    {
        var client = new HttpClient
        {
            BaseAddress = new Uri(Url.AbsoluteUri.TrimEnd('/') + ApiPrefix),
            Timeout = RequestTimeout,
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("hub-cli", "1.0"));
        return client;
    }

    private static Uri ResolveUrl(string? raw)
    {
        var text = string.IsNullOrWhiteSpace(raw) ? GlobalOptions.DefaultUrl : raw.Trim();
        if (Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
            return url;
        throw new CliFailure(ExitCodes.Usage, $"error: '{text}' is not an http:// or https:// address (--url or {GlobalOptions.UrlVariable}).");
    }

    private static (string Key, string Source) ResolveKey(string? key, string? keyFile)
    {
        if (!string.IsNullOrWhiteSpace(key))
            return (key.Trim(), "--key");
        if (!string.IsNullOrWhiteSpace(keyFile))
            return (ReadKeyFile(keyFile, explicitly: true)!, keyFile);
        if (Environment.GetEnvironmentVariable(GlobalOptions.KeyVariable) is { Length: > 0 } variable)
            return (variable.Trim(), GlobalOptions.KeyVariable);
        if (ReadKeyFile(GlobalOptions.DefaultKeyFile, explicitly: false) is { } fromDefault)
            return (fromDefault, GlobalOptions.DefaultKeyFile);

        throw new CliFailure(ExitCodes.Unreachable,
            $"error: no API key. Pass --key-file <file> or --key <key>, or set {GlobalOptions.KeyVariable}; " +
            $"{Path.GetFullPath(GlobalOptions.DefaultKeyFile)} (where the hub writes the administrator key) does not exist.");
    }

    private static string? ReadKeyFile(string path, bool explicitly)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            return explicitly
                ? throw new CliFailure(ExitCodes.Usage, $"error: the key file {full} does not exist (--key-file).")
                : null;
        }

        var key = File.ReadAllText(full).Trim();
        return key.Length > 0
            ? key
            : throw new CliFailure(ExitCodes.Unreachable, $"error: the key file {full} is empty.");
    }
}
