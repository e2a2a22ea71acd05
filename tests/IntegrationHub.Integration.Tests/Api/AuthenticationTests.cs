using System.Net;
using System.Net.Http.Headers;
using IntegrationHub.Integration.Tests.Harness;

namespace IntegrationHub.Integration.Tests.Api;

public sealed class AuthenticationTests
{
    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task ApiRequests_WithoutAKeyOrWithAWrongOne_Get401(HubStack stack)
    {
        var empty = Directory.CreateTempSubdirectory("hub-connectors-").FullName;
        await using var hub = await TestHub.StartAsync(stack, empty);
        using var anonymous = new HttpClient { BaseAddress = hub.Address };

        foreach (var path in new[] { "/api/v1/connectors", "/api/v1/sync/summary", "/api/v1/records", "/api/v1/quarantine", "/api/v1/feed" })
        {
            var withoutKey = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);

            using var wrong = new HttpRequestMessage(HttpMethod.Get, path);
            wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "hub_not-a-real-key");
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(wrong)).StatusCode);

            Assert.Equal(HttpStatusCode.OK, (await hub.Client.GetAsync(path)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task FirstStart_WritesTheAdministratorKey_ReadableByItsOwnerOnly()
    {
        var empty = Directory.CreateTempSubdirectory("hub-connectors-").FullName;
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, empty);
        var keyFile = Path.Combine(hub.DataDirectory, "admin.key");
        Assert.Equal(hub.Client.DefaultRequestHeaders.Authorization!.Parameter, (await File.ReadAllTextAsync(keyFile)).Trim());
        Assert.False(OperatingSystem.IsWindows());
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
    }
}
