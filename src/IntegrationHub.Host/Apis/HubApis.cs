using IntegrationHub.Host.Apis.Subscriptions;
using IntegrationHub.Host.Security;

namespace IntegrationHub.Host.Apis;

public static class HubApis
{
    public const string Prefix = "/api/v1";

    /// <summary>Every resource under <see cref="Prefix"/>; each needs an API key (<see cref="HubPolicies.Reader"/> at least).</summary>
    public static WebApplication MapHubApis(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup(Prefix).RequireAuthorization(HubPolicies.Reader);

        api.MapConnectorsApi();
        api.MapSyncApi();
        api.MapRecordsApi();
        api.MapQuarantineApi();
        api.MapFeedApi();
        api.MapIndicatorsApi();
        api.MapCreditPublicityApi();
        api.MapSubscriptionsApi();
        api.MapSubscriptionKeysApi();
        api.MapKeysApi();
        api.MapHealthApi();
        api.MapAlertsApi();
        api.MapWebhooksApi();
        api.MapAuditApi();
        return app;
    }
}
