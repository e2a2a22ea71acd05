using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using IntegrationHub.Integration.Tests.Connectors.Rest;
using IntegrationHub.Integration.Tests.Harness;

namespace IntegrationHub.Integration.Tests.Faults;

/// <summary>
/// Issue 16 item 5: one API process and three worker processes on PostgreSQL + RabbitMQ, a sync of the sample
/// departments, a subscriber of everything on the pull feed, a webhook on loopback and AMQP. A worker holding a
/// connector's lease is killed with SIGKILL at random points of the sync (and a fresh worker started in its place once the
/// others took its connectors over): the store ends equal to the source, every run conserves, every channel carries every
/// event, and an event comes twice only as one in-flight delivery batch per channel per kill, with the same event id.
/// Without a kill each event comes exactly once. A connector whose source is gone raises its alert once, also after the
/// worker evaluating health was killed. Leases last 3 s where a kill is awaited, so takeovers are quick.
/// </summary>
[Trait("Category", FaultCampaign.Category)]
public sealed class WorkerKillClusterTests
{
    private const int WebhookBatch = 20;
    private const int AmqpBatch = 25;
    private const string Unreachable = "unreachable-rest";

    [Fact]
    public Task AWorkerKilledAtRandomPoints_TheOthersFinishItsConnectors_AndEveryChannelCarriesEveryEvent() =>
        SyncAsync(FaultCampaign.Scale(3, 20), lease: "00:00:03");

    [Fact]
    public Task ThreeWorkersWithoutAKill_DeliverEveryEventExactlyOnce_AndRaiseTheAlertOnce() => SyncAsync(kills: 0, lease: null);

    /// <param name="lease">Hub:Leases:Duration: short where takeovers are awaited, the default (15 s) otherwise.</param>
    private static async Task SyncAsync(int kills, string? lease)
    {
        await using var sources = await SampleSources.CreateAsync(HubStack.Production, FaultCampaign.Scale(1_500, 50_000));
        var truth = SourceTruth.Of(sources);
        // A department system that is gone: every run of it fails, and its connector's health turns failing at once.
        RestConnectors.Write(Unreachable, new JsonObject
        {
            ["url"] = $"http://127.0.0.1:{ClosedPort()}/cases",
            ["resilience"] = RestConnectorHarness.FastResilience(maxRetries: 1),
        }, "已下线的执法系统 (REST)", sources.ConnectorsDirectory);
        await using var settings = await HubSettings.CreateAsync(HubStack.Production, sources.ConnectorsDirectory, Settings(lease));
        await using var channels = await PushedChannels.StartAsync(settings);
        var test = kills > 0 ? "cluster-kill" : "cluster";
        await using var cluster = await HubCluster.StartAsync(settings, workers: 3, test);
        await channels.SubscribeAsync(cluster.Client);
        var sync = new FaultedSync(settings, truth);
        var takeovers = new List<string>();
        var singletons = new List<string>();

        await sync.StartRunsAsync(cluster.Client);
        Assert.Equal(HttpStatusCode.Accepted, (await cluster.Client.PostAsync($"/api/v1/connectors/{Unreachable}/runs", null)).StatusCode);
        foreach (var point in sync.RandomPoints(kills))
        {
            await sync.WaitUntilStoredAsync(point, () => sync.KeepRunningAsync(cluster.Client));
            await Task.Delay(sync.Random.Next(0, 300));
            var held = await cluster.HeldLeasesAsync();
            // A worker running a connector when there is one: the point is to see its connectors finish elsewhere.
            var running = cluster.Workers.Where(w => held.Any(l => l.IsConnector && l.ProcessId == w.Id)).ToList();
            var candidates = running.Count > 0 ? running : cluster.Workers;
            var victim = candidates[sync.Random.Next(candidates.Count)];
            var lost = held.Where(l => l.ProcessId == victim.Id).ToList();
            await cluster.KillAsync(victim);
            sync.Injections++;
            if (lost.Any(l => l.IsConnector))
                sync.MidRun++;
            singletons.AddRange(lost.Where(l => !l.IsConnector).Select(l => l.Name));
            foreach (var connector in lost.Where(l => l.IsConnector))
                takeovers.Add(await WaitForTakeoverAsync(cluster, sync, connector));
            await cluster.AddWorkerAsync();
        }

        await sync.CompleteAsync(cluster.Client);
        await WaitForAlertAsync(settings);
        if (kills > 0)
        {
            // The alert is raised; the worker that evaluates health dies, and its successor must not raise it again.
            var health = await LiveHolderAsync(cluster, "health");
            await cluster.KillAsync(cluster.Workers.Single(w => w.Id == health.ProcessId));
            sync.Injections++;
            singletons.Add("health (after the alert)");
            await WaitForNewHolderAsync(cluster, health);
        }

        var report = await SyncAudit.AuditAsync(settings, cluster.Client, truth);
        var expected = await PushedChannels.FeedIdsAsync(cluster.Client);
        var webhook = await channels.WebhookAsync(expected);
        var amqp = await channels.AmqpAsync(expected);
        var alerts = await AlertsAsync(settings);
        FaultLedger.Record(kills > 0 ? "worker killed (SIGKILL), 1 api + 3 workers" : "no fault, 1 api + 3 workers", "Production",
            kills > 0 ? "Process.Kill (SIGKILL) of a worker holding a connector lease at random stored-record counts + 0–300 ms; a new worker once the others took over" : "none",
            sync.Injections, report, truth.Records, sync.Elapsed,
            $"{webhook}; {amqp}; {takeovers.Count} takeovers; singleton leases lost: {(singletons.Count == 0 ? "none" : string.Join(", ", singletons))}; {alerts.Count} alerts");

        report.AssertClean();
        Assert.True(webhook.Missing == 0 && amqp.Missing == 0 && webhook.Unknown == 0 && amqp.Unknown == 0, $"{webhook}; {amqp} (seed {FaultCampaign.Seed})");
        // One in-flight batch per channel per kill at most; none without a kill.
        Assert.InRange(webhook.Duplicates, 0, sync.Injections * WebhookBatch);
        Assert.InRange(amqp.Duplicates, 0, sync.Injections * AmqpBatch);
        var failing = Assert.Single(alerts, a => a.SubjectId == Unreachable);
        Assert.Equal("failing", failing.State);
        AssertNoAlertDoubled(alerts);
        if (kills > 0)
            Assert.True(sync.MidRun > 0, $"No kill hit a worker running a connector (seed {FaultCampaign.Seed}).");
    }

    private static Dictionary<string, string?> Settings(string? lease)
    {
        var settings = WebhookTesting.Settings();
        if (lease is not null)
            settings["Hub:Leases:Duration"] = lease;
        settings["Hub:Webhooks:BatchSize"] = WebhookBatch.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Hub:Amqp:BatchSize"] = AmqpBatch.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Hub:Amqp:PollInterval"] = "00:00:00.200";
        settings["Hub:Health:EvaluationInterval"] = "00:00:01";
        settings["Hub:Health:FailingAfterRuns"] = "1";
        return settings;
    }

    /// <summary>
    /// Waits until one of the surviving workers holds the killed worker's connector lease under a newer token (it resumed
    /// the connector from its checkpoint, or ran it once more if it had finished); describes the takeover.
    /// </summary>
    private static async Task<string> WaitForTakeoverAsync(HubCluster cluster, FaultedSync sync, LeaseRow lost)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        // The sample connectors are kept running by the sync; a connector outside it (the unreachable one, which runs only
        // when asked) is asked again, as the scheduler or an operator would, or no worker would ever have a reason to take it.
        var connector = lost.Name["connector:".Length..];
        var lastAsked = DateTime.MinValue;
        while (DateTime.UtcNow < deadline)
        {
            await sync.KeepRunningAsync(cluster.Client);
            if (connector == Unreachable && DateTime.UtcNow - lastAsked > TimeSpan.FromSeconds(2))
            {
                lastAsked = DateTime.UtcNow;
                using var asked = await cluster.Client.PostAsync($"/api/v1/connectors/{connector}/runs", null);
            }

            if ((await cluster.LeasesAsync()).SingleOrDefault(l => l.Name == lost.Name && l.Token > lost.Token) is { } taken)
            {
                Assert.Contains(taken.ProcessId, cluster.Workers.Select(w => w.Id));
                return $"{lost.Name}: process {lost.ProcessId} → {taken.ProcessId}";
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No surviving worker took {lost.Name} over from process {lost.ProcessId} within 2 minutes (seed {FaultCampaign.Seed}).");
    }

    /// <summary>
    /// The lease as a live worker holds it. The alert may have been raised by a worker killed since: its lease stays in
    /// the table, unexpired, until another worker takes it over.
    /// </summary>
    private static Task<LeaseRow> LiveHolderAsync(HubCluster cluster, string name) =>
        HeldAsync(cluster, l => l.Name == name && cluster.Workers.Any(w => w.Id == l.ProcessId), $"No live worker held {name} within a minute.");

    private static async Task WaitForNewHolderAsync(HubCluster cluster, LeaseRow lost)
    {
        await HeldAsync(cluster, l => l.Name == lost.Name && l.Token > lost.Token, $"No worker took {lost.Name} over within a minute.");

        // A few evaluations by the new holder: time for a doubled alert to show.
        await Task.Delay(TimeSpan.FromSeconds(3));
    }

    /// <summary>Waits (a minute at most) until an unexpired lease matches.</summary>
    private static async Task<LeaseRow> HeldAsync(HubCluster cluster, Func<LeaseRow, bool> match, string timeout)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (true)
        {
            if ((await cluster.HeldLeasesAsync()).SingleOrDefault(match) is { } held)
                return held;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException(timeout);
            await Task.Delay(100);
        }
    }

    /// <summary>Waits (a minute at most) until the unreachable connector's alert is there.</summary>
    private static async Task WaitForAlertAsync(HubSettings settings)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (!(await AlertsAsync(settings)).Any(a => a.SubjectId == Unreachable) && DateTime.UtcNow < deadline)
            await Task.Delay(200);
    }

    private static async Task<List<Alert>> AlertsAsync(HubSettings settings)
    {
        await using var store = await settings.OpenStoreDialect().OpenAsync(CancellationToken.None);
        return [.. await store.QueryAsync<Alert>(
            "SELECT subject_kind AS SubjectKind, subject_id AS SubjectId, state AS State, previous_state AS PreviousState FROM operator_alerts ORDER BY id")];
    }

    /// <summary>An alert says a subject's state changed: two alerts in a row of one subject with the same state are one raised twice.</summary>
    private static void AssertNoAlertDoubled(List<Alert> alerts)
    {
        var doubled = alerts.GroupBy(a => (a.SubjectKind, a.SubjectId))
            .Where(g => g.Zip(g.Skip(1)).Any(p => p.First.State == p.Second.State))
            .Select(g => $"{g.Key.SubjectKind} {g.Key.SubjectId}: {string.Join(" → ", g.Select(a => a.State))}")
            .ToList();
        Assert.True(doubled.Count == 0, "Alerts raised twice: " + string.Join("; ", doubled));
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed record Alert
    {
        public string SubjectKind { get; init; } = "";
        public string SubjectId { get; init; } = "";
        public string State { get; init; } = "";
        public string PreviousState { get; init; } = "";
    }
}
