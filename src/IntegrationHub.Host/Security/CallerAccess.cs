using System.Security.Claims;
using IntegrationHub.Feeds;
using IntegrationHub.Feeds.Privacy;
using IntegrationHub.Store;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Host.Security;

/// <summary>
/// What the caller of a request may see (invariant 7), from its key: a subscriber key sees its subscription's scope
/// narrowed by the subscription's filter; any other key sees everything. Identifiers are masked unless the key holds
/// <c>pii:read</c> (administrators hold every scope). Every record-level endpoint goes through this one place.
/// </summary>
public sealed class CallerAccess(ISubscriptionStore store, PersonalDataTokens tokens)
{
    /// <summary>The caller's access; null when its key names a subscription that no longer exists.</summary>
    public async Task<FeedAccess?> ForAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var subscriptionId = user.FindFirst(HubClaimTypes.Subscription)?.Value;
        var view = ViewFor(user);
        if (subscriptionId is null)
            return new FeedAccess(FeedScope.Everything, view);

        var subscription = await store.GetSubscriptionAsync(subscriptionId, ct).ConfigureAwait(false);
        return subscription is null
            ? null
            : new FeedAccess(subscription.EffectiveScope, view, subscription.Id, subscription.Kind);
    }

    /// <summary>How personal identifiers appear to the caller: as stored with pii:read, masked with its tokens otherwise.</summary>
    public PersonalDataView ViewFor(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return HasScope(user, HubScopes.PiiRead)
            ? PersonalDataView.Unmasked
            : tokens.MaskedFor(user.FindFirst(HubClaimTypes.Subscription)?.Value);
    }

    public static bool HasScope(ClaimsPrincipal user, string scope)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsInRole(HubRoles.Administrator) || user.HasClaim(HubClaimTypes.Scope, scope);
    }

    /// <summary>
    /// The entry with resident ID numbers masked in its raw payload and its reasons, unless the caller holds pii:read:
    /// the hub does not know a source's field names, so it masks every value shaped like an ID number.
    /// </summary>
    public static QuarantineEntry Masked(QuarantineEntry entry, PersonalDataView view)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(view);
        if (!view.MasksIdentifiers)
            return entry;
        return entry with
        {
            Raw = view.MaskText(entry.Raw),
            Reasons = [.. entry.Reasons.Select(r => r with
            {
                Value = r.Value is null ? null : view.MaskText(r.Value),
                MessageZh = view.MaskText(r.MessageZh),
                MessageEn = view.MaskText(r.MessageEn),
            })],
        };
    }
}
