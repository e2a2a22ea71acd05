using System.Text.Json.Nodes;
using IntegrationHub.Canonical.Serialization;
using IntegrationHub.CreditPublicity;
using IntegrationHub.Feeds;
using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Samples;

namespace IntegrationHub.Integration.Tests.Feeds;

/// <summary>Issue 7: the credit-publication system subscribes to 双公示 records instead of canonical ones.</summary>
public sealed class CreditPublicitySubscriptionTests
{
    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task PullFeed_OfACreditPublicitySubscription_HoldsOnlyTheCfAndXkRecordsThatPassTheCheck_WithIdNumbersMasked(HubStack stack)
    {
        await using var sources = await SampleSources.CreateAsync(stack, 200);
        await using var hub = await TestHub.StartAsync(stack, sources.ConnectorsDirectory);
        foreach (var department in SampleDepartment.All)
            await hub.RunAsync(department.Id);
        await hub.CreateSubscriptionAsync("credit-system", kind: "credit-publicity");
        using var subscriber = await hub.SubscriberClientAsync("credit-system", "feed:read");

        var everything = await hub.ReadFeedAsync();
        var credit = await subscriber.ReadWholeFeedAsync();

        // What the export would publish, worked out here from the unmasked canonical events with the export's own check.
        var expected = everything.Where(Publishes).Select(e => (string)e["id"]!).ToList();
        Assert.Contains(everything, e => !Publishes(e));
        Assert.NotEmpty(expected);
        Assert.Equal(expected, credit.Select(e => (string)e["id"]!).ToList());
        Assert.All(credit, e => Assert.Contains((string)e["type"]!, CreditPublicityEnvelope.EventTypes));
        var idNumbers = credit.SelectMany(e => e["data"]!["rows"]?.AsArray() ?? [])
            .SelectMany(row => row!["fields"]!.AsObject().Where(f => f.Key.EndsWith("_ZJHM", StringComparison.Ordinal) && f.Value is not null))
            .Select(f => (string)f.Value!).ToList();
        Assert.NotEmpty(idNumbers);
        Assert.All(idNumbers, number => Assert.Contains("********", number, StringComparison.Ordinal));
    }

    private static bool Publishes(JsonObject canonicalEvent)
    {
        var record = canonicalEvent["data"]!["record"]!;
        if ((string?)record["category"] is not ("penalty" or "licensing"))
            return false;
        if (((string)canonicalEvent["type"]!).Contains(".withdrawn.", StringComparison.Ordinal) || ((string)canonicalEvent["type"]!).Contains(".deleted.", StringComparison.Ordinal))
            return true;
        var action = CanonicalJson.Deserialize(record.ToJsonString());
        return CreditRecordMapper.Map((string)canonicalEvent["subject"]!, action).Any(row => CreditRecordCheck.Check(row).Count == 0);
    }
}
