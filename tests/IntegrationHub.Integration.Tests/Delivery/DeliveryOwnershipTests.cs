using IntegrationHub.Feeds.Channels;
using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Samples;
using IntegrationHub.Store;
using IntegrationHub.Store.Model;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Integration.Tests.Delivery;

/// <summary>
/// The seam for several workers (issue 16): the hub's delivery service asks <see cref="IDeliveryOwnership"/> before every
/// step, so a worker delivers only the (subscription, channel) pairs it owns.
/// </summary>
public sealed class DeliveryOwnershipTests
{
    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task AWorker_DeliversOnlyTheSubscriptionsItOwns(HubStack stack)
    {
        await using var sources = await SampleSources.CreateAsync(stack, 20);
        await using var owned = await WebhookReceiver.StartAsync();
        await using var foreign = await WebhookReceiver.StartAsync();
        await using var hub = await TestHub.StartAsync(stack, sources.ConnectorsDirectory, WebhookTesting.Settings(),
            services: s => s.AddSingleton<IDeliveryOwnership>(new OwnsOnly("mine")));
        await hub.CreateSubscriptionAsync("theirs");
        await hub.SetWebhookAsync("theirs", foreign.Url);
        await hub.CreateSubscriptionAsync("mine");
        await hub.SetWebhookAsync("mine", owned.Url);

        await hub.RunAsync(SampleDepartment.MarketRegulation.Id);
        var events = await hub.ReadFeedAsync();
        await owned.WaitForDistinctAsync(events.Count);

        Assert.Empty(foreign.Received);
        // Its cursor stays where the endpoint was set: nothing was delivered, nothing was passed over.
        var cursors = hub.Services.GetRequiredService<IDeliveryCursors>();
        Assert.Equal(0, (await cursors.GetAsync("theirs", DeliveryChannels.Webhook, CancellationToken.None))!.Position);
    }

    private sealed class OwnsOnly(string subscriptionId) : IDeliveryOwnership
    {
        public ValueTask<bool> IsMineAsync(string subscription, string channel, CancellationToken ct) =>
            ValueTask.FromResult(subscription == subscriptionId);
    }
}
