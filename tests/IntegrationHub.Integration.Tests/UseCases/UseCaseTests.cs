using System.Security.Claims;
using IntegrationHub.Api.Contracts;
using IntegrationHub.Connectors.Definitions;
using IntegrationHub.Host.Security;
using IntegrationHub.Host.UseCases;
using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Samples;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Integration.Tests.UseCases;

/// <summary>
/// The use cases on their own, as a dashboard page calls them (no HTTP endpoint, no endpoint filter in between): each
/// authorizes its caller and records its own audit entry, with the channel the caller came through.
/// </summary>
public sealed class UseCaseTests
{
    [Fact]
    public async Task ADepartmentKey_RunsItsOwnDepartmentsConnector_NotAnothers_AndTheRunIsAuditedOnceAsFromTheDashboard()
    {
        await using var sources = await SampleSources.CreateAsync(HubStack.Embedded, 5);
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, sources.ConnectorsDirectory);
        var registry = hub.Services.GetRequiredService<IConnectorRegistry>();
        var own = registry.Find(SampleDepartment.MarketRegulation.Id)!;
        var other = registry.Find(SampleDepartment.EcologyEnvironment.Id)!;
        Assert.NotEqual(own.Department, other.Department);
        var caller = new Caller(DepartmentKey("key_market_it", "market IT", own.Department!), Caller.ViaDashboard);

        await using var scope = hub.Services.CreateAsyncScope();
        var runs = scope.ServiceProvider.GetRequiredService<ConnectorRuns>();
        var started = await runs.StartAsync(caller, own.Id, CancellationToken.None);
        var refused = await runs.StartAsync(caller, other.Id, CancellationToken.None);
        var unknown = await runs.StartAsync(caller, "no-such-connector", CancellationToken.None);

        Assert.Null(started.Problem);
        Assert.Equal(new RunAccepted(own.Id, "api", $"/api/v1/connectors/{own.Id}/runs"), started.Value);
        Assert.Equal((403, DepartmentBoundary.Rule, other.Id), (refused.Problem!.Status, refused.Problem.Rule, refused.Problem.Value));
        Assert.Contains($"department '{own.Department}'", refused.Problem.Detail, StringComparison.Ordinal);
        Assert.Equal((404, "connector.exists"), (unknown.Problem!.Status, unknown.Problem.Rule));

        var audit = (await hub.GetJsonAsync("/api/v1/audit?action=connector.run"))["data"]!.AsArray();
        var entry = Assert.Single(audit)!;
        Assert.Equal(("key_market_it", "market IT", own.Id, "dashboard"),
            (entry["actorKeyId"]!.GetValue<string>(), entry["actorName"]!.GetValue<string>(), entry["target"]!.GetValue<string>(), entry["via"]!.GetValue<string>()));
    }

    [Fact]
    public async Task AQuarantineReplayWithAWindowEndingBeforeItStarts_IsAnInvalidInputNamingUntil_AndNothingIsAudited()
    {
        await using var sources = await SampleSources.CreateAsync(HubStack.Embedded, 5);
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, sources.ConnectorsDirectory);
        await using var scope = hub.Services.CreateAsyncScope();
        var replays = scope.ServiceProvider.GetRequiredService<QuarantineReplays>();
        var since = new DateTimeOffset(2024, 5, 2, 0, 0, 0, TimeSpan.FromHours(8));

        var outcome = await replays.ReplayAsync(new Caller(Operator(), Caller.ViaDashboard),
            new QuarantineReplayRequest(null, null, null, since, since.AddDays(-1)), CancellationToken.None);

        Assert.True(outcome.Problem is { IsInvalidInput: true, Parameter: "until", Rule: "until.after-since" }, outcome.Problem?.ToString());
        Assert.Empty((await hub.GetJsonAsync("/api/v1/audit?action=quarantine.replay"))["data"]!.AsArray());
    }

    private static ClaimsPrincipal DepartmentKey(string keyId, string name, string department) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.NameIdentifier, keyId),
        new Claim(ClaimTypes.Name, name),
        new Claim(ClaimTypes.Role, HubRoles.Department),
        new Claim(HubClaimTypes.Department, department),
    ], "test"));

    private static ClaimsPrincipal Operator() => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.NameIdentifier, "key_operator"),
        new Claim(ClaimTypes.Name, "operator"),
        new Claim(ClaimTypes.Role, HubRoles.Operator),
    ], "test"));
}
