using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Samples;

namespace IntegrationHub.Integration.Tests.Operations;

/// <summary>Issue 6 health model for subscriptions: lagging, failing and disabled, on the API and as operator alerts.</summary>
public sealed class SubscriptionHealthTests
{
    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task AReaderThatStopsAndAFailingWebhook_ShowAsLaggingFailingAndDisabled_WithAlerts_AndRecover(HubStack stack)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var settings = WebhookTesting.Settings();
        settings["Hub:Health:SubscriptionLagAfter"] = "00:00:01";
        settings["Hub:Health:EvaluationInterval"] = "00:00:00.500";
        await using var sources = await SampleSources.CreateAsync(stack, 60);
        await using var hub = await TestHub.StartAsync(stack, sources.ConnectorsDirectory, settings);
        await hub.CreateSubscriptionAsync("reader");
        await hub.CreateSubscriptionAsync("hooked");
        using var reader = await hub.SubscriberClientAsync("reader", "feed:read");
        await reader.ReadWholeFeedAsync();
        await hub.SetWebhookAsync("hooked", receiver.Url);
        receiver.AnswerNext([.. Enumerable.Repeat(503, 15), 410]);

        await hub.RunAsync(SampleDepartment.MarketRegulation.Id);
        var events = (await hub.ReadFeedAsync()).Count;
        Assert.True(events > 0);

        // The reader has not read since: lagging, with the whole run as its backlog. The webhook's first event keeps failing.
        await WebhookTesting.WaitUntilAsync(async () => StateOf(await HealthAsync(hub), "reader") == "lagging", "the reader lagging");
        var lagging = (await HealthAsync(hub)).Single(s => s!["id"]!.GetValue<string>() == "reader")!;
        Assert.Equal(events, lagging["backlog"]!.GetValue<long>());
        Assert.Equal("pull", lagging["channels"]![0]!["channel"]!.GetValue<string>());
        await WebhookTesting.WaitUntilAsync(async () => StateOf(await HealthAsync(hub), "hooked") is "failing" or "disabled", "the webhook failing");

        // 410 Gone disables the endpoint, with the reason.
        await WebhookTesting.WaitUntilAsync(async () => StateOf(await HealthAsync(hub), "hooked") == "disabled", "the webhook disabled");
        var disabled = (await HealthAsync(hub)).Single(s => s!["id"]!.GetValue<string>() == "hooked")!;
        Assert.Contains("410", disabled["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        await WebhookTesting.WaitUntilAsync(async () => (await AlertsAsync(hub)).Any(a => Is(a, "hooked", "disabled")), "the disabled alert");
        Assert.Contains(await AlertsAsync(hub), a => Is(a, "reader", "lagging"));

        // An operator sees the delivery log on the dashboard, with the 410, and re-enables the endpoint there.
        var operatorKey = await TestKeys.IssueAsync(hub, "值班运维", "operator");
        using (var session = await DashboardSession.SignInAsync(hub, operatorKey))
        {
            var overview = await session.Client.GetStringAsync("/");
            Assert.Contains("data-subject=\"hooked\" data-state=\"disabled\"", overview, StringComparison.Ordinal);
            var page = await session.Client.GetStringAsync("/subscriptions/hooked");
            Assert.Contains("data-status=\"410\"", page, StringComparison.Ordinal);
            Assert.Contains("id=\"re-enable\"", page, StringComparison.Ordinal);
            var enabled = await session.PostFormAsync("/subscriptions/hooked", "/subscriptions/hooked?handler=Enable", new Dictionary<string, string>());
            Assert.Equal(System.Net.HttpStatusCode.Redirect, enabled.StatusCode);
        }

        // The reader catches up and the endpoint is enabled again: both healthy, each with a recovery alert.
        await reader.ReadWholeFeedAsync();
        await WebhookTesting.WaitUntilAsync(async () => await HealthAsync(hub) is var all
            && StateOf(all, "reader") == "healthy" && StateOf(all, "hooked") == "healthy", "both healthy again");
        await WebhookTesting.WaitUntilAsync(async () => (await AlertsAsync(hub)).Count(a => a["state"]!.GetValue<string>() == "healthy") == 2, "two recovery alerts");
        await receiver.WaitForDistinctAsync(events);
    }

    private static async Task<JsonArray> HealthAsync(TestHub hub) =>
        (await hub.Client.GetFromJsonAsync<JsonArray>("/api/v1/health/subscriptions"))!;

    private static string? StateOf(JsonArray health, string id) =>
        health.FirstOrDefault(s => s!["id"]!.GetValue<string>() == id)?["state"]!.GetValue<string>();

    private static async Task<List<JsonObject>> AlertsAsync(TestHub hub)
    {
        var alerts = (await hub.Client.GetFromJsonAsync<JsonArray>("/api/v1/alerts?limit=100"))!;
        return [.. alerts.Select(a => a!.AsObject()).Where(a => a["subjectKind"]!.GetValue<string>() == "subscription")];
    }

    private static bool Is(JsonObject alert, string subject, string state) =>
        alert["subjectId"]!.GetValue<string>() == subject && alert["state"]!.GetValue<string>() == state;
}
