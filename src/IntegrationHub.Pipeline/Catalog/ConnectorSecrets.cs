using System.Text.Json.Nodes;
using IntegrationHub.Connectors;
using Microsoft.AspNetCore.DataProtection;

namespace IntegrationHub.Pipeline.Catalog;

/// <summary>
/// The secrets of connector configurations (the settings a kind's schema marks <c>writeOnly</c>): encrypted at rest with
/// ASP.NET Core Data Protection (key ring in the data directory), masked in every API answer, kept when an update sends
/// the mask back. A value that is only an environment reference (<c>${DB_PASSWORD}</c>) is not a secret itself: it is
/// stored and shown as written, and resolved when the connector runs.
/// </summary>
public sealed class ConnectorSecrets(IDataProtectionProvider provider)
{
    private const string EncryptedPrefix = "enc:v1:";

    private readonly IDataProtector _protector = provider.CreateProtector("IntegrationHub.ConnectorSecrets.v1");

    /// <summary>A copy of the source whose secret values are encrypted (for the store).</summary>
    public JsonObject Protect(ConnectorSpec spec, JsonObject source)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.MapSecrets(source, value => ConnectorSpec.IsEnvironmentReference(value) || value.StartsWith(EncryptedPrefix, StringComparison.Ordinal)
            ? value
            : EncryptedPrefix + _protector.Protect(value));
    }

    /// <summary>A copy of the source whose encrypted values are decrypted (for the connector, in memory only).</summary>
    public JsonObject Unprotect(ConnectorSpec spec, JsonObject source)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.MapSecrets(source, value => value.StartsWith(EncryptedPrefix, StringComparison.Ordinal)
            ? _protector.Unprotect(value[EncryptedPrefix.Length..])
            : value);
    }
}
