using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace IntegrationHub.Integration.Tests.Harness;

/// <summary>Settings and API steps shared by the webhook tests.</summary>
public static class WebhookTesting
{
    /// <summary>
    /// Loopback http allowed (the receiver runs on 127.0.0.1), a fast poll and a retry schedule of short delays, long
    /// enough that a receiver down for a few seconds is not given up on.
    /// </summary>
    public static Dictionary<string, string?> Settings(bool allowLoopback = true)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Hub:Webhooks:AllowHttp"] = "true",
            ["Hub:Webhooks:PollInterval"] = "00:00:00.100",
            ["Hub:Webhooks:Timeout"] = "00:00:05",
        };
        if (allowLoopback)
            settings["Hub:Webhooks:AllowedRanges:0"] = "127.0.0.0/8";
        for (var i = 0; i < 60; i++)
            settings[$"Hub:Webhooks:RetrySchedule:{i}"] = i == 0 ? "00:00:00" : "00:00:00.200";
        return settings;
    }

    /// <summary>Sets the webhook URL as the administrator and returns the secret shown once.</summary>
    public static async Task<string> SetWebhookAsync(this TestHub hub, string subscriptionId, Uri url)
    {
        var response = await hub.Client.PutAsJsonAsync($"/api/v1/subscriptions/{subscriptionId}/webhook", new JsonObject { ["url"] = url.ToString() });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var view = await response.Content.ReadFromJsonAsync<JsonObject>();
        return view!["secret"]!.GetValue<string>();
    }

    public static async Task<JsonArray> DeliveriesAsync(this TestHub hub, string subscriptionId) =>
        await hub.Client.GetFromJsonAsync<JsonArray>($"/api/v1/subscriptions/{subscriptionId}/webhook/deliveries?limit=1000") ?? [];

    public static async Task<JsonObject> WebhookOfAsync(this TestHub hub, string subscriptionId) =>
        (await hub.GetJsonAsync($"/api/v1/subscriptions/{subscriptionId}"))["webhook"]!.AsObject();

    /// <summary>Polls until the condition holds (the hub delivers in the background).</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(2));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Not in time: {what}.");
            await Task.Delay(100);
        }
    }

    public static long Seq(this JsonObject cloudEvent) =>
        long.Parse(cloudEvent["seq"]!.GetValue<string>(), CultureInfo.InvariantCulture);
}
