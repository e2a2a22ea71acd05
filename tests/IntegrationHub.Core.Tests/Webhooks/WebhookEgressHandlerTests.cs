using System.Net;
using IntegrationHub.Feeds.Webhooks;

namespace IntegrationHub.Core.Tests.Webhooks;

/// <summary>The delivery handler against a real server on 127.0.0.1: refusals happen when connecting, not only at registration.</summary>
public sealed class WebhookEgressHandlerTests
{
    private static readonly EgressPolicy PlainHttp = new() { RequireHttps = false };

    private static readonly EgressPolicy PlainHttpLoopbackAllowed = new()
    {
        RequireHttps = false,
        AllowedRanges = [IPNetwork.Parse("127.0.0.0/8")],
    };

    [Fact]
    public void CreateHandler_FollowsNoRedirectsAndUsesNoProxy()
    {
        using var handler = EgressPolicy.Default.CreateHandler();

        Assert.False(handler.AllowAutoRedirect);
        Assert.False(handler.UseProxy);
        Assert.NotNull(handler.ConnectCallback);
        Assert.Equal(TimeSpan.FromSeconds(10), handler.ConnectTimeout);
    }

    [Fact]
    public async Task Send_LoopbackServerUnderDefaultRanges_IsRefusedBeforeConnecting()
    {
        await using var server = LoopbackHttpServer.RespondingOk();
        using var client = new HttpClient(PlainHttp.CreateHandler());

        var exception = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(server.Url()));

        var refusal = Assert.IsType<EgressRefusedException>(exception.InnerException);
        Assert.Equal("127.0.0.1", refusal.Host);
        Assert.Equal(IPAddress.Loopback, refusal.Address);
        Assert.Contains("127.0.0.0/8", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(0, server.Connections);
    }

    [Fact]
    public async Task Send_LoopbackServerWithLoopbackAllowed_ReachesIt()
    {
        await using var server = LoopbackHttpServer.RespondingOk();
        using var client = new HttpClient(PlainHttpLoopbackAllowed.CreateHandler());

        using var response = await client.GetAsync(server.Url());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync());
        Assert.Equal(1, server.Connections);
    }

    [Fact]
    public async Task Send_HostNameResolvingToLoopback_IsRefusedAtConnectTime()
    {
        await using var server = LoopbackHttpServer.RespondingOk();
        using var client = new HttpClient(PlainHttp.CreateHandler());

        var exception = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(server.Url("localhost")));

        var refusal = Assert.IsType<EgressRefusedException>(exception.InnerException);
        Assert.Equal("localhost", refusal.Host);
        Assert.NotNull(refusal.Address);
        Assert.True(IPAddress.IsLoopback(refusal.Address));
        Assert.Contains("localhost", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(0, server.Connections);
    }

    [Fact]
    public async Task Send_PlainHttpUnderDefaultPolicy_IsRefused()
    {
        await using var server = LoopbackHttpServer.RespondingOk();
        var policy = new EgressPolicy { AllowedRanges = [IPNetwork.Parse("127.0.0.0/8")] };
        using var client = new HttpClient(policy.CreateHandler());

        var exception = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(server.Url()));

        var refusal = Assert.IsType<EgressRefusedException>(exception.InnerException);
        Assert.Null(refusal.Address);
        Assert.Contains("https", refusal.Rule, StringComparison.Ordinal);
        Assert.Equal(0, server.Connections);
    }

    [Fact]
    public async Task Send_ServerAnswering302_GivesThe302ToTheCaller()
    {
        await using var target = LoopbackHttpServer.RespondingOk();
        await using var server = LoopbackHttpServer.RespondingRedirectTo(target.Url().ToString());
        using var client = new HttpClient(PlainHttpLoopbackAllowed.CreateHandler());

        using var response = await client.GetAsync(server.Url());

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(target.Url(), response.Headers.Location);
        Assert.Equal(0, target.Connections);
    }

    [Theory]
    [MemberData(nameof(EgressPolicyTests.BlockedAddresses), MemberType = typeof(EgressPolicyTests))]
    public async Task Send_LiteralBlockedAddress_IsRefusedAtConnectTime(string address, string range)
    {
        var host = IPAddress.Parse(address).AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address;
        using var client = new HttpClient(EgressPolicy.Default.CreateHandler());

        var exception = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri($"https://{host}/hook")));

        var refusal = Assert.IsType<EgressRefusedException>(exception.InnerException);
        Assert.Contains(range, refusal.Rule, StringComparison.Ordinal);
    }
}
