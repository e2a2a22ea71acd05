namespace IntegrationHub.Connectors.Rest;

/// <summary>How a rest connector authenticates to its source.</summary>
public enum RestAuthType
{
    None,
    ApiKey,
    Bearer,
    Basic,
    OAuth2ClientCredentials,
}
