using System.Net;
using IntegrationHub.Feeds.Webhooks;

namespace IntegrationHub.Core.Tests.Webhooks;

public sealed class EgressPolicyTests
{
    public static TheoryData<string, string> BlockedAddresses => new()
    {
        { "0.0.0.0", "0.0.0.0/8" },
        { "0.255.255.255", "0.0.0.0/8" },
        { "10.0.0.1", "10.0.0.0/8" },
        { "10.255.255.255", "10.0.0.0/8" },
        { "100.64.0.1", "100.64.0.0/10" },
        { "100.127.255.255", "100.64.0.0/10" },
        { "127.0.0.1", "127.0.0.0/8" },
        { "127.255.255.254", "127.0.0.0/8" },
        { "169.254.169.254", "169.254.0.0/16" },
        { "172.16.0.1", "172.16.0.0/12" },
        { "172.31.255.255", "172.16.0.0/12" },
        { "192.168.0.1", "192.168.0.0/16" },
        { "198.18.0.1", "198.18.0.0/15" },
        { "198.19.255.255", "198.18.0.0/15" },
        { "224.0.0.1", "224.0.0.0/4" },
        { "239.255.255.250", "224.0.0.0/4" },
        { "240.0.0.1", "240.0.0.0/4" },
        { "255.255.255.255", "240.0.0.0/4" },
        { "::1", "::1/128" },
        { "::", "::/128" },
        { "fc00::1", "fc00::/7" },
        { "fd12:3456:789a::1", "fc00::/7" },
        { "fe80::1", "fe80::/10" },
        { "febf:ffff::1", "fe80::/10" },
        { "ff02::1", "ff00::/8" },
        { "64:ff9b::a9fe:a9fe", "64:ff9b::/96" },
        { "64:ff9b::808:808", "64:ff9b::/96" },
        { "::ffff:127.0.0.1", "127.0.0.0/8" },
        { "::ffff:10.1.2.3", "10.0.0.0/8" },
        { "::ffff:169.254.169.254", "169.254.0.0/16" },
        { "::ffff:0.0.0.0", "0.0.0.0/8" },
    };

    [Theory]
    [MemberData(nameof(BlockedAddresses))]
    public void FindBlockingRule_AddressInBlockedRange_NamesTheRange(string address, string range)
    {
        var rule = EgressPolicy.Default.FindBlockingRule(IPAddress.Parse(address));

        Assert.NotNull(rule);
        Assert.Contains(range, rule, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("9.255.255.255")]
    [InlineData("11.0.0.0")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.0")]
    [InlineData("126.255.255.255")]
    [InlineData("128.0.0.0")]
    [InlineData("169.253.255.255")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.0")]
    [InlineData("192.167.255.255")]
    [InlineData("192.169.0.0")]
    [InlineData("198.17.255.255")]
    [InlineData("198.20.0.0")]
    [InlineData("223.255.255.255")]
    [InlineData("2001:4860:4860::8888")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9a::1")]
    public void FindBlockingRule_PublicAddress_IsNull(string address)
    {
        Assert.Null(EgressPolicy.Default.FindBlockingRule(IPAddress.Parse(address)));
    }

    [Fact]
    public void FindBlockingRule_AddressInAllowedRange_IsNullButOtherBlockedRangesStay()
    {
        var policy = new EgressPolicy { AllowedRanges = [IPNetwork.Parse("127.0.0.0/8")] };

        Assert.Null(policy.FindBlockingRule(IPAddress.Parse("127.0.0.1")));
        Assert.Null(policy.FindBlockingRule(IPAddress.Parse("::ffff:127.0.0.1")));
        Assert.NotNull(policy.FindBlockingRule(IPAddress.Parse("10.0.0.1")));
        Assert.NotNull(policy.FindBlockingRule(IPAddress.IPv6Loopback));
    }

    [Theory]
    [MemberData(nameof(BlockedAddresses))]
    public void CheckUrl_LiteralBlockedAddress_GivesReasonNamingTheRange(string address, string range)
    {
        var host = IPAddress.Parse(address).AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address;

        var reason = EgressPolicy.CheckUrl(new Uri($"https://{host}/hook"));

        Assert.NotNull(reason);
        Assert.Contains(range, reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://subscriber.example/hook")]
    [InlineData("ftp://subscriber.example/hook")]
    [InlineData("https://user:password@subscriber.example/hook")]
    [InlineData("https://localhost/hook")]
    [InlineData("https://api.localhost/hook")]
    [InlineData("https://2130706433/hook")] // 127.0.0.1 written as one decimal number
    [InlineData("https://0x7f.1/hook")] // 127.0.0.1 in hexadecimal shorthand
    public void CheckUrl_UnsafeUrl_GivesReason(string url)
    {
        Assert.NotNull(EgressPolicy.CheckUrl(new Uri(url)));
    }

    [Theory]
    [InlineData("https://subscriber.example/hook")]
    [InlineData("https://8.8.8.8/hook")]
    [InlineData("https://[2001:4860:4860::8888]:8443/hook")]
    public void CheckUrl_PublicHttpsUrl_IsNull(string url)
    {
        Assert.Null(EgressPolicy.CheckUrl(new Uri(url)));
    }

    [Fact]
    public void CheckUrl_RelativeUrl_GivesReason()
    {
        Assert.NotNull(EgressPolicy.CheckUrl(new Uri("/hook", UriKind.Relative)));
    }
}
