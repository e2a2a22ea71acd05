namespace IntegrationHub.Connectors.Rest;

/// <summary>
/// The <c>source.auth</c> section of a rest connector, with <c>${ENV}</c> references expanded. The secrets (api key,
/// token, password, client secret) are kept out of <see cref="ToString"/> so that they cannot reach a log by accident.
/// </summary>
public sealed record RestAuthOptions
{
    public RestAuthType Type { get; init; } = RestAuthType.None;

    /// <summary>apiKey: true when the key travels as a query parameter, false for a header.</summary>
    public bool ApiKeyInQuery { get; init; }

    /// <summary>apiKey: the header or query parameter name. Default <c>X-API-Key</c>.</summary>
    public string ApiKeyName { get; init; } = "X-API-Key";

    public string? ApiKey { get; init; }

    public string? Token { get; init; }

    public string? Username { get; init; }

    public string? Password { get; init; }

    public Uri? TokenUrl { get; init; }

    public string? ClientId { get; init; }

    public string? ClientSecret { get; init; }

    public string? Scope { get; init; }

    /// <summary>oauth2ClientCredentials: client credentials as HTTP Basic instead of form fields.</summary>
    public bool ClientCredentialsAsBasic { get; init; }

    /// <summary>Every secret value, for redaction.</summary>
    public IEnumerable<string> Secrets => new[] { ApiKey, Token, Password, ClientSecret }.OfType<string>().Where(s => s.Length > 0);

    public override string ToString() => $"RestAuthOptions {{ Type = {Type} }}";
}
