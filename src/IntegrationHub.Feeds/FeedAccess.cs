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

    /// <summary>This access narrowed further by the caller's own query filter (never widened).</summary>
    public FeedAccess Narrow(FeedScope? filter) => this with { Scope = Scope?.Narrow(filter) };
}
