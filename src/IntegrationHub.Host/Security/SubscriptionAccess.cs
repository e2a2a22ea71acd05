using System.Security.Claims;

namespace IntegrationHub.Host.Security;

/// <summary>Who may read and who may manage a subscription: its own key, operators (read), administrators (both).</summary>
public static class SubscriptionAccess
{
    /// <summary>Administrators and operators read any subscription; a subscriber key only its own.</summary>
    public static bool MayRead(ClaimsPrincipal user, string id) =>
        user.IsInRole(HubRoles.Administrator) || user.IsInRole(HubRoles.Operator) || OwnSubscription(user, id);

    /// <summary>Administrators manage any subscription; a subscriber key its own (filter, keys, webhook).</summary>
    public static bool MayManage(ClaimsPrincipal user, string id) =>
        user.IsInRole(HubRoles.Administrator) || OwnSubscription(user, id);

    private static bool OwnSubscription(ClaimsPrincipal user, string id) =>
        user.FindFirst(HubClaimTypes.Subscription)?.Value == id;
}
