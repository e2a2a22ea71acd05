using System.Net;
using IntegrationHub.Feeds.Webhooks;

namespace IntegrationHub.Core.Tests.Webhooks;

public sealed class EgressPolicyAllowanceTests
{
    [Theory]
    [InlineData("http://localhost:8080/hook")]
    [InlineData("http://hooks.localhost/hook")]
    public void CheckTarget_LocalhostName_PassesWhereTheAdministratorAllowsLoopback(string url)
    {
        var policy = new EgressPolicy { RequireHttps = false, AllowedRanges = [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128")] };

        Assert.Null(policy.CheckTarget(new Uri(url)));
    }

    [Fact]
    public void CheckTarget_LocalhostName_WithOtherRangesAllowed_IsRefusedNamingTheLoopbackRange()
    {
        var policy = new EgressPolicy { RequireHttps = false, AllowedRanges = [IPNetwork.Parse("10.20.0.0/16")] };

        var reason = policy.CheckTarget(new Uri("http://localhost:8080/hook"));

        Assert.NotNull(reason);
        Assert.Contains("127.0.0.0/8", reason, StringComparison.Ordinal);
    }
}
