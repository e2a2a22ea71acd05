using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace IntegrationHub.Integration.Tests.Harness;

/// <summary>Subscriptions through the hub's API, and a subscriber reading its pull feed with its own key.</summary>
public static class SubscriberClient
{
    /// <summary>Creates a subscription as the administrator (the body as the API takes it).</summary>
    public static async Task CreateSubscriptionAsync(TestHub hub, object subscription)
    {
        var response = await hub.Client.PostAsJsonAsync("/api/v1/subscriptions", subscription);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    /// <summary>A client carrying a new key of the subscription with these scopes.</summary>
    public static async Task<HttpClient> ForKeyAsync(TestHub hub, string subscriptionId, params string[] scopes)
    {
        var response = await hub.Client.PostAsJsonAsync($"/api/v1/subscriptions/{subscriptionId}/keys", new { name = "test key", scopes });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var issued = await response.Content.ReadFromJsonAsync<JsonObject>();
        var client = new HttpClient { BaseAddress = hub.Address, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued!["key"]!.GetValue<string>());
        return client;
    }

    /// <summary>The whole feed the client sees, following next_cursor until nothing more is waiting.</summary>
    public static async Task<List<JsonObject>> ReadFeedAsync(HttpClient client)
    {
        var events = new List<JsonObject>();
        string? cursor = null;
        while (true)
        {
            var page = await client.GetFromJsonAsync<JsonObject>($"/api/v1/feed?limit=200{(cursor is null ? "" : "&after=" + cursor)}");
            events.AddRange(page!["data"]!.AsArray().Select(e => e!.AsObject()));
            cursor = page["next_cursor"]!.GetValue<string>();
            if (!page["has_more"]!.GetValue<bool>())
                return events;
        }
    }
}
