using IntegrationHub.Feeds.Webhooks;
using IntegrationHub.Store.Model;
using Microsoft.AspNetCore.DataProtection;

namespace IntegrationHub.Feeds.Delivery.Webhooks;

/// <summary>
/// Webhook signing secrets at rest: protected with ASP.NET Core Data Protection (the key ring of the connector secrets),
/// shown to the subscriber once when generated, and rotated with an overlap during which the old secret still signs.
/// </summary>
public sealed class WebhookSecrets(IDataProtectionProvider provider, TimeProvider clock)
{
    private readonly IDataProtector _protector = provider.CreateProtector("IntegrationHub.WebhookSecrets.v1");

    /// <summary>A new secret and its stored entry; export the secret to the subscriber once.</summary>
    public (WebhookSecretEntry Entry, WebhookSecret Secret) Generate()
    {
        var secret = WebhookSecret.Generate();
        var entry = new WebhookSecretEntry
        {
            Id = "whs_" + Guid.NewGuid().ToString("N")[..12],
            Protected = _protector.Protect(secret.Export()),
            CreatedAt = clock.GetUtcNow(),
        };
        return (entry, secret);
    }

    /// <summary>
    /// The channel with a new secret in front; older secrets that still sign expire after <paramref name="overlap"/>
    /// (an earlier expiry is kept) and secrets already expired are dropped.
    /// </summary>
    public (WebhookChannel Channel, WebhookSecret Secret) Rotate(WebhookChannel channel, TimeSpan overlap)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var now = clock.GetUtcNow();
        var (entry, secret) = Generate();
        var kept = channel.Secrets
            .Where(s => s.ExpiresAt is null || s.ExpiresAt > now)
            .Select(s => s with { ExpiresAt = s.ExpiresAt is { } at && at < now + overlap ? at : now + overlap });
        return (channel with { Secrets = [entry, .. kept] }, secret);
    }

    /// <summary>
    /// The secrets that sign at this moment, oldest first: a subscriber still on the old secret with a verifier that
    /// skips the last signature (NuGet StandardWebhooks 1.1.2, FEEDS.md §1) keeps working through the rotation.
    /// </summary>
    public IReadOnlyList<WebhookSecret> Signing(WebhookChannel channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var now = clock.GetUtcNow();
        return [.. channel.Secrets
            .Where(s => s.ExpiresAt is null || s.ExpiresAt > now)
            .Reverse()
            .Select(s => WebhookSecret.Parse(_protector.Unprotect(s.Protected)))];
    }
}
