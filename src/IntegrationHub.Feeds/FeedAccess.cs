using IntegrationHub.Feeds.Privacy;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Feeds;

/// <summary>
/// What one caller may see, worked out once per request or delivery from its key and subscription: the scope (null when
/// its scope and filter exclude each other, so nothing matches), how personal identifiers appear, and the kind of
/// events it receives.
/// </summary>
public sealed record FeedAccess(FeedScope? Scope, PersonalDataView View, string? SubscriptionId = null, string Kind = SubscriptionKinds.Records)
{
    /// <summary>Everything, unmasked: administrators, and the hub's own operations.</summary>
    public static FeedAccess Unrestricted { get; } = new(FeedScope.Everything, PersonalDataView.Unmasked);

    /// <summary>
    /// What a channel the hub pushes (webhook, AMQP) carries for the subscription: its effective scope and kind, and —
    /// since no key is involved, so never <c>pii:read</c> — identifiers masked with the subscription's own tokens (the
    /// same tokens its pull-feed keys without <c>pii:read</c> see).
    /// </summary>
    public static FeedAccess Pushed(Subscription subscription, PersonalDataTokens tokens)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(tokens);
        return new FeedAccess(subscription.EffectiveScope, tokens.MaskedFor(subscription.Id), subscription.Id, subscription.Kind);
    }

    /// <summary>This access narrowed further by the caller's own query filter (never widened).</summary>
    public FeedAccess Narrow(FeedScope? filter) => this with { Scope = Scope?.Narrow(filter) };
}
