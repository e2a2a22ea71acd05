using System.Net;
using IntegrationHub.Host.Security;
using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Samples;

namespace IntegrationHub.Integration.Tests.Dashboard;

/// <summary>The dashboard's session: sign-in with an API key, the API's policies on every page, antiforgery on posts.</summary>
public sealed class DashboardAccessTests
{
    private static readonly string[] OperatorPages = ["/", "/connectors/market-regulation", "/quarantine", "/audit"];

    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task Pages_WithoutASession_RedirectToSignIn_AndAWrongKeyIsRefusedWithItsReason(HubStack stack)
    {
        await using var sources = await SampleSources.CreateAsync(stack, 5);
        await using var hub = await TestHub.StartAsync(stack, sources.ConnectorsDirectory);
        using var anonymous = DashboardSession.Anonymous(hub);

        foreach (var path in OperatorPages.Append("/indicators"))
        {
            var response = await anonymous.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/signin", response.Headers.Location!.AbsolutePath);
        }

        var refused = await anonymous.PostFormAsync("/signin", "/signin", new Dictionary<string, string> { ["key"] = "hub_" + new string('A', 43) });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("The API key is unknown or has been revoked.", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.Client.GetAsync("/")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task SignIn_SetsAnHttpOnlyStrictSessionCookie_ThatTheApiDoesNotAccept_AndSignOutEndsIt(HubStack stack)
    {
        await using var sources = await SampleSources.CreateAsync(stack, 5);
        await using var hub = await TestHub.StartAsync(stack, sources.ConnectorsDirectory);
        using var anonymous = DashboardSession.Anonymous(hub);

        var signIn = await anonymous.PostFormAsync("/signin", "/signin", new Dictionary<string, string> { ["key"] = await AdminKeyAsync(hub) });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("hub-session=", StringComparison.Ordinal));
        var attributes = cookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToList();
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=strict", attributes);
        Assert.DoesNotContain("secure", attributes); // plain HTTP on loopback; Secure over HTTPS

        foreach (var path in OperatorPages.Append("/indicators"))
            Assert.Equal(HttpStatusCode.OK, (await anonymous.Client.GetAsync(path)).StatusCode);

        // The cookie is the dashboard's only: the API still wants a bearer key (no cross-site requests with cookies).
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.Client.GetAsync("/api/v1/sync/summary")).StatusCode);

        var signOut = await anonymous.PostFormAsync("/", "/signout", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.Client.GetAsync("/")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task Session_OfAKeyRevokedAfterSignIn_EndsAtTheNextRequest(HubStack stack)
    {
        await using var sources = await SampleSources.CreateAsync(stack, 5);
        await using var hub = await TestHub.StartAsync(stack, sources.ConnectorsDirectory);
        var key = await TestKeys.IssueAsync(hub, "contractor", HubRoles.Operator);
        using var session = await DashboardSession.SignInAsync(hub, key);
        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/")).StatusCode);

        await using (var connection = await hub.OpenStoreAsync())
        await using (var revoke = connection.CreateCommand())
        {
            revoke.CommandText = $"UPDATE api_keys SET revoked_at = 1 WHERE key_hash = '{ApiKeys.Hash(key)}'";
            Assert.Equal(1, await revoke.ExecuteNonQueryAsync());
        }

        var after = await session.Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal("/signin", after.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task Pages_EnforceTheApisRoles_ASubscriberSeesIndicatorsOnly_AnOperatorWithoutRecordsScopeNotThem()
    {
        await using var sources = await SampleSources.CreateAsync(HubStack.Embedded, 5);
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, sources.ConnectorsDirectory);

        using var subscriber = await DashboardSession.SignInAsync(hub, await TestKeys.IssueAsync(hub, "supervision system", HubRoles.Subscriber, HubScopes.RecordsRead));
        foreach (var path in OperatorPages)
        {
            var denied = await subscriber.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
            Assert.Equal("/denied", denied.Headers.Location!.AbsolutePath);
        }

        Assert.Equal(HttpStatusCode.OK, (await subscriber.Client.GetAsync("/indicators")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await subscriber.Client.GetAsync("/denied")).StatusCode);

        using var @operator = await DashboardSession.SignInAsync(hub, await TestKeys.IssueAsync(hub, "night shift", HubRoles.Operator));
        foreach (var path in OperatorPages)
            Assert.Equal(HttpStatusCode.OK, (await @operator.Client.GetAsync(path)).StatusCode);
        Assert.Equal("/denied", (await @operator.Client.GetAsync("/indicators")).Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task RunNow_WithoutTheAntiforgeryToken_IsRefused_AndWithIt_StartsARunAuditedAsTheDashboardsKey()
    {
        await using var sources = await SampleSources.CreateAsync(HubStack.Embedded, 5);
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, sources.ConnectorsDirectory);
        var connector = SampleDepartment.MarketRegulation.Id;
        using var session = await DashboardSession.SignInAsync(hub, await TestKeys.IssueAsync(hub, "night shift", HubRoles.Operator));

        var forged = await session.Client.PostAsync($"/connectors/{connector}?handler=Run", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Empty((await hub.GetJsonAsync("/api/v1/audit"))["data"]!.AsArray());

        var runNow = await session.PostFormAsync($"/connectors/{connector}", $"/connectors/{connector}?handler=Run", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, runNow.StatusCode);
        var run = await hub.WaitForRunAsync(connector, "api");
        Assert.Equal("completed", run["status"]!.GetValue<string>());

        var entry = Assert.Single((await hub.GetJsonAsync("/api/v1/audit"))["data"]!.AsArray())!;
        Assert.Equal("connector.run", entry["action"]!.GetValue<string>());
        Assert.Equal("night shift", entry["actorName"]!.GetValue<string>());
        Assert.Equal("dashboard", entry["via"]!.GetValue<string>());

        var page = await session.Client.GetStringAsync($"/connectors/{connector}");
        Assert.Contains($"data-run=\"{run["id"]!.GetValue<string>()}\"", page);
        Assert.Contains("<svg class=\"chart bars\"", page);
        Assert.Contains("connector.run", await session.Client.GetStringAsync("/audit"));
    }

    private static async Task<string> AdminKeyAsync(TestHub hub) =>
        (await File.ReadAllTextAsync(Path.Combine(hub.DataDirectory, "admin.key"))).Trim();
}
