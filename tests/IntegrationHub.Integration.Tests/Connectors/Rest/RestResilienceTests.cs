using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using IntegrationHub.Connectors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace IntegrationHub.Integration.Tests.Connectors.Rest;

/// <summary>Retries (Retry-After honoured), timeouts, the circuit breaker and the rate limit, against a real server.</summary>
public sealed class RestResilienceTests
{
    private static readonly List<JsonObject> Five = Cases.Range(5);

    private static JsonObject Source(DepartmentApi api, JsonObject resilience, string path = "/cases") => new()
    {
        ["url"] = api.Url(path).AbsoluteUri,
        ["resilience"] = resilience,
    };

    /// <summary>An endpoint that answers <paramref name="failures"/> times with the failure, then with the cases.</summary>
    private static Task<DepartmentApi> FailingThenOk(int failures, Func<HttpContext, IResult> failure)
    {
        var calls = 0;
        return DepartmentApi.StartAsync(app => app.MapGet("/cases", (HttpContext context) =>
            Interlocked.Increment(ref calls) <= failures ? failure(context) : Respond.Json(Cases.Array(Five))));
    }

    [Fact]
    public async Task Read_After429WithRetryAfterSeconds_WaitsThatLong_ThenSucceeds()
    {
        await using var api = await FailingThenOk(1, context =>
        {
            context.Response.Headers.RetryAfter = "1";
            return Results.StatusCode(StatusCodes.Status429TooManyRequests);
        });
        await using var harness = new RestConnectorHarness();

        var pages = await harness.ReadAllAsync(Source(api, RestConnectorHarness.FastResilience()));

        Assert.Equal(5, Cases.Ids(pages).Count);
        var requests = api.RequestsTo("/cases");
        Assert.Equal(2, requests.Count);
        // The base delay is 50 ms: only Retry-After explains a wait of about a second.
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromMilliseconds(900), $"retried after {requests[1].At - requests[0].At}");
    }

    [Fact]
    public async Task Read_After503WithRetryAfterAsAnHttpDate_WaitsUntilThen()
    {
        await using var api = await FailingThenOk(1, context =>
        {
            context.Response.Headers.RetryAfter = DateTimeOffset.UtcNow.AddSeconds(3).ToString("R", CultureInfo.InvariantCulture);
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        });
        await using var harness = new RestConnectorHarness();

        var pages = await harness.ReadAllAsync(Source(api, RestConnectorHarness.FastResilience()));

        Assert.Equal(5, Cases.Ids(pages).Count);
        var requests = api.RequestsTo("/cases");
        // An HTTP date has whole seconds: at least two of the three seconds remain after rounding.
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromMilliseconds(1900), $"retried after {requests[1].At - requests[0].At}");
    }

    [Fact]
    public async Task Read_AfterTwo500s_RetriesAndSucceeds()
    {
        await using var api = await FailingThenOk(2, _ => Results.StatusCode(StatusCodes.Status500InternalServerError));
        await using var harness = new RestConnectorHarness();

        var pages = await harness.ReadAllAsync(Source(api, RestConnectorHarness.FastResilience(maxRetries: 3)));

        Assert.Equal(5, Cases.Ids(pages).Count);
        Assert.Equal(3, api.RequestsTo("/cases").Count);
        Assert.Contains("HTTP 500", harness.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_WithPersistent500s_FailsAtTheReadStage_NamingTheAddressStatusAndBody()
    {
        await using var api = await FailingThenOk(int.MaxValue, _ => Results.Text("数据库连接池耗尽 (pool exhausted)", statusCode: 500));
        await using var harness = new RestConnectorHarness();

        var failure = await Assert.ThrowsAsync<SourceAccessException>(() => harness.ReadAllAsync(Source(api, RestConnectorHarness.FastResilience(maxRetries: 2))));

        Assert.Equal("read", failure.Stage);
        Assert.Contains("/cases", failure.Message, StringComparison.Ordinal);
        Assert.Contains("HTTP 500", failure.Message, StringComparison.Ordinal);
        Assert.Contains("pool exhausted", failure.Message, StringComparison.Ordinal);
        Assert.Contains("after 2 retries", failure.Message, StringComparison.Ordinal);
        Assert.Equal(3, api.RequestsTo("/cases").Count);
    }

    [Fact]
    public async Task Read_WhenTheFirstAttemptIsTooSlow_RetriesAfterTheAttemptTimeout()
    {
        var calls = 0;
        await using var api = await DepartmentApi.StartAsync(app => app.MapGet("/cases", async (CancellationToken aborted) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
                await Task.Delay(TimeSpan.FromSeconds(10), aborted);
            return Respond.Json(Cases.Array(Five));
        }));
        await using var harness = new RestConnectorHarness();
        var resilience = RestConnectorHarness.FastResilience();
        resilience["attemptTimeout"] = "00:00:00.5";

        var watch = Stopwatch.StartNew();
        var pages = await harness.ReadAllAsync(Source(api, resilience));

        Assert.Equal(5, Cases.Ids(pages).Count);
        Assert.Equal(2, calls);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task Check_WhenTheSourceNeverAnswersInTime_FailsAtConnect_NamingTheTimeout()
    {
        await using var api = await DepartmentApi.StartAsync(app => app.MapGet("/cases", async (CancellationToken aborted) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), aborted);
            return Respond.Json(Cases.Array(Five));
        }));
        await using var harness = new RestConnectorHarness();
        var resilience = RestConnectorHarness.FastResilience(maxRetries: 1);
        resilience["attemptTimeout"] = "00:00:00.3";

        var check = await harness.CheckAsync(Source(api, resilience));

        Assert.False(check.Succeeded);
        Assert.Equal("connect", check.Stage);
        Assert.Contains("did not answer within", check.Message, StringComparison.Ordinal);
        Assert.Equal(2, api.RequestsTo("/cases").Count);
    }

    [Fact]
    public async Task Check_AClosedPort_FailsAtConnect()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var harness = new RestConnectorHarness();

        var check = await harness.CheckAsync(new JsonObject
        {
            ["url"] = $"http://127.0.0.1:{port}/cases",
            ["resilience"] = RestConnectorHarness.FastResilience(maxRetries: 1),
        });

        Assert.False(check.Succeeded);
        Assert.Equal("connect", check.Stage);
        Assert.Contains($"127.0.0.1:{port}/cases", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_AnUnknownHost_FailsAtConnect()
    {
        await using var harness = new RestConnectorHarness();

        var check = await harness.CheckAsync(new JsonObject
        {
            ["url"] = "http://no-such-department.invalid/cases",
            ["resilience"] = RestConnectorHarness.FastResilience(maxRetries: 0),
        });

        Assert.False(check.Succeeded);
        Assert.Equal("connect", check.Stage);
    }

    [Fact]
    public async Task Read_AgainstAFailingSource_OpensTheCircuit_AndStopsCallingIt()
    {
        await using var api = await FailingThenOk(int.MaxValue, _ => Results.StatusCode(StatusCodes.Status502BadGateway));
        await using var harness = new RestConnectorHarness();
        var resilience = RestConnectorHarness.FastResilience(maxRetries: 5);
        resilience["circuitBreaker"] = new JsonObject { ["failureRatio"] = 0.5, ["minimumThroughput"] = 2, ["samplingDuration"] = "00:00:30", ["breakDuration"] = "00:00:30" };

        var failure = await Assert.ThrowsAsync<SourceAccessException>(() => harness.ReadAllAsync(Source(api, resilience), id: "rest-breaker"));

        Assert.Equal("connect", failure.Stage);
        Assert.Contains("circuit", failure.Message, StringComparison.Ordinal);
        Assert.Equal(2, api.RequestsTo("/cases").Count);
    }

    [Fact]
    public async Task Read_WithARateLimit_SpacesTheRequests()
    {
        await using var api = await DepartmentApi.StartAsync(app => app.MapGet("/cases", (int page) =>
            Respond.Json(Cases.Array(page <= 8 ? [Cases.Case(page)] : []))));
        await using var harness = new RestConnectorHarness();
        var resilience = RestConnectorHarness.FastResilience();
        resilience["requestsPerSecond"] = 4;
        var source = Source(api, resilience);
        source["pagination"] = new JsonObject { ["type"] = "page" };

        var watch = Stopwatch.StartNew();
        var pages = await harness.ReadAllAsync(source, id: "rest-rate");

        // 9 requests at 4 per second: a burst of 4, then 4 more a second later, the last one after two seconds.
        Assert.Equal(8, Cases.Ids(pages).Count);
        Assert.Equal(9, api.RequestsTo("/cases").Count);
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(1.5), $"took {watch.Elapsed}");
    }
}
