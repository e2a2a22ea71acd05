namespace IntegrationHub.Feeds.Webhooks;

/// <summary>Why <see cref="WebhookVerifier.Verify(ReadOnlySpan{byte}, WebhookHeaders, IReadOnlyList{WebhookSecret}, TimeProvider)"/> accepted or rejected a delivery.</summary>
public enum WebhookVerificationResult
{
    Valid,

    /// <summary>webhook-id, webhook-timestamp or webhook-signature is absent or empty.</summary>
    MissingHeader,

    /// <summary>The id or timestamp contains '.', or the timestamp is not whole Unix seconds.</summary>
    MalformedHeader,

    /// <summary>The timestamp is further in the past than the tolerance: possibly a replay.</summary>
    TimestampTooOld,

    /// <summary>The timestamp is further in the future than the tolerance.</summary>
    TimestampTooNew,

    /// <summary>No <c>v1,</c> signature in the header matches any of the secrets.</summary>
    NoMatchingSignature,
}
