namespace IntegrationHub.Operations;

/// <summary>One operator webhook: where alerts go, and the <c>whsec_…</c> secret that signs them (Standard Webhooks).</summary>
public sealed class OperatorWebhook
{
    public Uri? Url { get; set; }

    public string? Secret { get; set; }
}
