using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace IntegrationHub.Integration.Tests.Harness;

/// <summary>Subscriptions and subscriber keys made through the API, as an administrator would.</summary>
public static class Subscribers
{
    /// <summary>Creates a subscription with the scope (JSON object, e.g. <c>{"regions":["4403"]}</c>; null: everything).</summary>
    public static async Task<JsonObject> CreateSubscriptionAsync(this TestHub hub, string id, JsonObject? scope = null, string kind = "records", bool amqp = false)
    {
        var response = await hub.Client.PostAsJsonAsync("/api/v1/subscriptions",
            new JsonObject { ["id"] = id, ["name"] = $"{id} 执法监督平台", ["kind"] = kind, ["scope"] = scope ?? new JsonObject(), ["amqp"] = amqp });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>Issues a key of the subscription and returns a client that sends it.</summary>
    public static async Task<HttpClient> SubscriberClientAsync(this TestHub hub, string subscriptionId, params string[] scopes)
    {
        var response = await hub.Client.PostAsJsonAsync($"/api/v1/subscriptions/{subscriptionId}/keys",
            new JsonObject { ["name"] = "test key", ["scopes"] = new JsonArray([.. scopes.Select(s => (JsonNode)s)]) });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var issued = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return hub.ClientWithKey(issued["key"]!.GetValue<string>());
    }

    public static HttpClient ClientWithKey(this TestHub hub, string key)
    {
        var client = new HttpClient { BaseAddress = hub.Address, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>Reads the whole feed the client may see, from the start, following next_cursor.</summary>
    public static async Task<List<JsonObject>> ReadWholeFeedAsync(this HttpClient client, string query = "")
    {
        var events = new List<JsonObject>();
        string? cursor = null;
        while (true)
        {
            var page = (await client.GetFromJsonAsync<JsonObject>($"/api/v1/feed?limit=1000{query}{(cursor is null ? "" : "&after=" + cursor)}"))!;
            var data = page["data"]!.AsArray();
            events.AddRange(data.Select(e => e!.AsObject()));
            var next = page["next_cursor"]!.GetValue<string>();
            if (data.Count == 0 || next == cursor)
                return events;
            cursor = next;
        }
    }

    /// <summary>The region code of the enforcing agency of a canonical record.</summary>
    public static string RegionOf(JsonNode record) => record["agency"]!["regionCode"]!.GetValue<string>();
}
