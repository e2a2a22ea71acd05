using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Samples;

namespace IntegrationHub.Integration.Tests.Webhooks;

/// <summary>SSRF protection of webhook URLs: refused at registration and again at connect time, unless the administrator allows the range.</summary>
public sealed class WebhookEgressTests
{
    [Theory]
    [InlineData("https://127.0.0.1/hook", "127.0.0.0/8")]
    [InlineData("https://10.1.2.3/hook", "10.0.0.0/8")]
    [InlineData("https://192.168.1.10/hook", "192.168.0.0/16")]
    [InlineData("https://169.254.169.254/latest/meta-data", "169.254.0.0/16")]
    [InlineData("https://[::1]/hook", "::1/128")]
    [InlineData("https://localhost/hook", "loopback")]
    [InlineData("https://hooks.localhost/hook", "loopback")]
    [InlineData("http://subscriber.example/hook", "https")]
    [InlineData("not a url", "absolute URL")]
    public async Task PrivateOrPlainHttpUrl_IsRefusedByDefault_NamingTheFieldValueAndRule(string url, string reason)
    {
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, Directory.CreateTempSubdirectory("hub-connectors-").FullName);
        await hub.CreateSubscriptionAsync("provincial");

        var response = await hub.Client.PutAsJsonAsync("/api/v1/subscriptions/provincial/webhook", new JsonObject { ["url"] = url });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("url", problem["parameter"]!.GetValue<string>());
        Assert.Equal(url, problem["value"]!.GetValue<string>());
        Assert.StartsWith("webhook.", problem["rule"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(reason, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null((await hub.GetJsonAsync("/api/v1/subscriptions/provincial"))["webhook"]);
    }

    [Fact]
    public async Task SubscriberKey_ManagesItsOwnWebhookOnlyWithTheWebhooksManageScope()
    {
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, Directory.CreateTempSubdirectory("hub-connectors-").FullName, WebhookTesting.Settings());
        await hub.CreateSubscriptionAsync("provincial");
        await hub.CreateSubscriptionAsync("other");
        using var reader = await SubscriberClientAsync(hub, "provincial", "feed:read");
        using var manager = await SubscriberClientAsync(hub, "provincial", "feed:read", "webhooks:manage");
        var body = new JsonObject { ["url"] = "http://127.0.0.1:9/hook" };

        var withoutScope = await reader.PutAsJsonAsync("/api/v1/subscriptions/provincial/webhook", body);
        var otherSubscription = await manager.PutAsJsonAsync("/api/v1/subscriptions/other/webhook", body);
        var own = await manager.PutAsJsonAsync("/api/v1/subscriptions/provincial/webhook", body);

        Assert.Equal(HttpStatusCode.Forbidden, withoutScope.StatusCode);
        Assert.Equal("scope.webhooks-manage", (await withoutScope.Content.ReadFromJsonAsync<JsonObject>())!["rule"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, otherSubscription.StatusCode);
        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        Assert.StartsWith("whsec_", (await own.Content.ReadFromJsonAsync<JsonObject>())!["secret"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task HostNameResolvingToLoopback_IsDeliveredWhereAllowed_AndRefusedAtConnectTimeOnceTheAllowanceIsGone(HubStack stack)
    {
        await using var sources = await SampleSources.CreateAsync(stack, 10);
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var settings = await HubSettings.CreateAsync(stack, sources.ConnectorsDirectory, WebhookTesting.Settings());
        settings.Values["Hub:Webhooks:AllowedRanges:1"] = "::1/128";
        var url = new Uri($"http://localhost:{receiver.Port}/hook");
        await using (var allowed = await TestHub.StartAsync(settings))
        {
            await allowed.CreateSubscriptionAsync("provincial");
            await allowed.SetWebhookAsync("provincial", url);
            await allowed.RunAsync(SampleDepartment.MarketRegulation.Id);
            await receiver.WaitForDistinctAsync((await allowed.ReadFeedAsync()).Count);
        }

        var delivered = receiver.Received.Count;
        settings.Values.Remove("Hub:Webhooks:AllowedRanges:0");
        settings.Values.Remove("Hub:Webhooks:AllowedRanges:1");
        await using var refused = await TestHub.StartAsync(settings);
        await refused.RunAsync(SampleDepartment.EcologyEnvironment.Id);
        await WebhookTesting.WaitUntilAsync(
            async () => (await refused.DeliveriesAsync("provincial")).Any(d => d!["error"]?.GetValue<string>().Contains("refused", StringComparison.Ordinal) == true),
            "a refused attempt in the delivery log");

        var attempt = (await refused.DeliveriesAsync("provincial")).First(d => d!["error"] is not null)!;
        Assert.Null(attempt["statusCode"]);
        Assert.Contains("Webhook egress to host 'localhost' refused", attempt["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("(loopback)", attempt["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(delivered, receiver.Received.Count);
    }

    private static async Task<HttpClient> SubscriberClientAsync(TestHub hub, string subscriptionId, params string[] scopes)
    {
        var issued = await hub.Client.PostAsJsonAsync($"/api/v1/subscriptions/{subscriptionId}/keys",
            new JsonObject { ["name"] = "webhook test", ["scopes"] = new JsonArray([.. scopes.Select(s => (JsonNode)s)]) });
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var key = (await issued.Content.ReadFromJsonAsync<JsonObject>())!["key"]!.GetValue<string>();
        var client = new HttpClient { BaseAddress = hub.Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }
}
