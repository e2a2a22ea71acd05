using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace IntegrationHub.Integration.Tests.Connectors.Rest;

/// <summary>Every authentication style against a server that checks it; refused credentials fail at the authenticate stage.</summary>
public sealed class RestAuthenticationTests
{
    private static readonly List<JsonObject> Five = Cases.Range(5);

    private static JsonObject Source(DepartmentApi api, JsonObject auth) => new()
    {
        ["url"] = api.Url("/cases").AbsoluteUri,
        ["auth"] = auth,
        ["resilience"] = RestConnectorHarness.FastResilience(),
    };

    private static Task<DepartmentApi> ApiAccepting(Func<HttpRequest, bool> authorized) =>
        DepartmentApi.StartAsync(app => app.MapGet("/cases", (HttpRequest request) =>
            authorized(request) ? Respond.Json(Cases.Array(Five)) : Results.StatusCode(StatusCodes.Status401Unauthorized)));

    [Fact]
    public async Task Read_WithAnApiKeyHeader_SendsTheKeyInTheNamedHeader()
    {
        await using var api = await ApiAccepting(r => r.Headers["X-App-Key"] == "k-123");
        await using var harness = new RestConnectorHarness();

        var pages = await harness.ReadAllAsync(Source(api, new JsonObject { ["type"] = "apiKey", ["name"] = "X-App-Key", ["apiKey"] = "k-123" }));

        Assert.Equal(5, Cases.Ids(pages).Count);
    }

    [Fact]
    public async Task Read_WithAnApiKeyInTheQuery_SendsIt_ButMasksItInOriginsAndLogs()
    {
        await using var api = await ApiAccepting(r => r.Query["appkey"] == "q-Key-789");
        await using var harness = new RestConnectorHarness();

        var pages = await harness.ReadAllAsync(Source(api, new JsonObject { ["type"] = "apiKey", ["in"] = "query", ["name"] = "appkey", ["apiKey"] = "q-Key-789" }));

        Assert.Equal(5, Cases.Ids(pages).Count);
        Assert.Contains("appkey=***", pages[0].Records[0].Origin, StringComparison.Ordinal);
        Assert.All(pages.SelectMany(p => p.Records), r => Assert.DoesNotContain("q-Key-789", r.Origin, StringComparison.Ordinal));
        Assert.Contains("appkey=***", harness.Logs.All, StringComparison.Ordinal);
        Assert.DoesNotContain("q-Key-789", harness.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_WithABearerToken_SendsTheAuthorizationHeader()
    {
        await using var api = await ApiAccepting(r => r.Headers.Authorization == "Bearer tok-abc");
        await using var harness = new RestConnectorHarness();

        var pages = await harness.ReadAllAsync(Source(api, new JsonObject { ["type"] = "bearer", ["token"] = "tok-abc" }));

        Assert.Equal(5, Cases.Ids(pages).Count);
    }

    [Fact]
    public async Task Read_WithBasicCredentials_FromAnEnvironmentVariable_SendsThem()
    {
        Environment.SetEnvironmentVariable("HUB_TEST_REST_BASIC_PASSWORD", "p@ss:word");
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("hub:p@ss:word"));
        await using var api = await ApiAccepting(r => r.Headers.Authorization == expected);
        await using var harness = new RestConnectorHarness();

        var pages = await harness.ReadAllAsync(Source(api, new JsonObject { ["type"] = "basic", ["username"] = "hub", ["password"] = "${HUB_TEST_REST_BASIC_PASSWORD}" }));

        Assert.Equal(5, Cases.Ids(pages).Count);
    }

    [Fact]
    public async Task Check_WithRefusedCredentials_FailsAtTheAuthenticateStage()
    {
        await using var api = await ApiAccepting(r => r.Headers.Authorization == "Bearer right");
        await using var harness = new RestConnectorHarness();

        var check = await harness.CheckAsync(Source(api, new JsonObject { ["type"] = "bearer", ["token"] = "wrong-token" }));

        Assert.False(check.Succeeded);
        Assert.Equal("authenticate", check.Stage);
        Assert.Contains("401", check.Message, StringComparison.Ordinal);
        Assert.Contains("/cases", check.Message, StringComparison.Ordinal);
        // A refusal is not transient: one request, no retries.
        Assert.Single(api.Requests);
    }

    [Fact]
    public async Task Read_WithOAuth2ClientCredentials_CachesTheTokenAcrossReads()
    {
        await using var server = await OAuth2Server.StartAsync(lifetimeSeconds: 3600);
        await using var harness = new RestConnectorHarness();
        var source = server.Source(scope: "cases.read");

        await harness.ReadAllAsync(source);
        await harness.ReadAllAsync(source);

        Assert.Single(server.TokenRequests);
        var form = server.TokenRequests.Single();
        Assert.Equal(("client_credentials", "hub-client", "s3cret-Client", "cases.read"), (form["grant_type"], form["client_id"], form["client_secret"], form["scope"]));
        Assert.Equal(2, server.Api.RequestsTo("/cases").Count);
        Assert.Equal(1, harness.Connector.TokensIssued("rest-test"));
    }

    [Fact]
    public async Task Read_WithOAuth2_RenewsTheTokenBeforeItExpires()
    {
        await using var server = await OAuth2Server.StartAsync(lifetimeSeconds: 2);
        await using var harness = new RestConnectorHarness();
        var source = server.Source();

        await harness.ReadAllAsync(source);
        await harness.ReadAllAsync(source);
        await Task.Delay(TimeSpan.FromSeconds(2.2));
        await harness.ReadAllAsync(source);

        Assert.Equal(2, server.TokenRequests.Count);
        Assert.All(server.Api.RequestsTo("/cases"), r => Assert.StartsWith("Bearer token-", r.Header("Authorization"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Read_WithOAuth2_RenewsTheTokenOnce_WhenTheSourceAnswers401()
    {
        await using var server = await OAuth2Server.StartAsync(lifetimeSeconds: 3600);
        await using var harness = new RestConnectorHarness();
        var source = server.Source();
        await harness.ReadAllAsync(source);

        server.RevokeAll();
        var pages = await harness.ReadAllAsync(source);

        Assert.Equal(5, Cases.Ids(pages).Count);
        Assert.Equal(2, server.TokenRequests.Count);
        Assert.Equal(["token-1", "token-1", "token-2"], server.Api.RequestsTo("/cases").Select(r => r.Header("Authorization")![7..]));
    }

    [Fact]
    public async Task Check_WithOAuth2AndAWrongClientSecret_FailsAtTheAuthenticateStage_WithoutTheSecret()
    {
        await using var server = await OAuth2Server.StartAsync(lifetimeSeconds: 3600);
        await using var harness = new RestConnectorHarness();
        var source = server.Source();
        source["auth"]!["clientSecret"] = "Not-The-Secret-42";

        var check = await harness.CheckAsync(source);

        Assert.False(check.Succeeded);
        Assert.Equal("authenticate", check.Stage);
        Assert.Contains("invalid_client", check.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Not-The-Secret-42", check.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Not-The-Secret-42", harness.Logs.All, StringComparison.Ordinal);
        Assert.Empty(server.Api.RequestsTo("/cases"));
    }

    [Fact]
    public async Task Read_WithOAuth2ClientCredentialsAsBasic_SendsThemInTheAuthorizationHeader()
    {
        await using var server = await OAuth2Server.StartAsync(lifetimeSeconds: 3600);
        await using var harness = new RestConnectorHarness();
        var source = server.Source();
        source["auth"]!["clientAuthentication"] = "basic";

        var pages = await harness.ReadAllAsync(source);

        Assert.Equal(5, Cases.Ids(pages).Count);
        var basic = AuthenticationHeaderValue.Parse(server.Api.RequestsTo("/token").Single().Header("Authorization")!);
        Assert.Equal("hub-client:s3cret-Client", Encoding.UTF8.GetString(Convert.FromBase64String(basic.Parameter!)));
    }

    /// <summary>A token endpoint and an API that accepts only the tokens it issued and has not revoked.</summary>
    private sealed class OAuth2Server : IAsyncDisposable
    {
        private readonly ConcurrentDictionary<string, bool> _valid = new(StringComparer.Ordinal);
        private int _issued;

        public DepartmentApi Api { get; private set; } = null!;

        public ConcurrentQueue<IReadOnlyDictionary<string, string>> TokenRequests { get; } = new();

        public static async Task<OAuth2Server> StartAsync(int lifetimeSeconds)
        {
            var server = new OAuth2Server();
            server.Api = await DepartmentApi.StartAsync(app =>
            {
                app.MapPost("/token", async (HttpRequest request) =>
                {
                    var form = await request.ReadFormAsync();
                    var fields = form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
                    if (AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var basic) && basic.Scheme == "Basic")
                    {
                        var pair = Encoding.UTF8.GetString(Convert.FromBase64String(basic.Parameter!)).Split(':', 2);
                        fields["client_id"] = Uri.UnescapeDataString(pair[0]);
                        fields["client_secret"] = Uri.UnescapeDataString(pair[1]);
                    }

                    server.TokenRequests.Enqueue(fields);
                    if (fields.GetValueOrDefault("client_secret") != "s3cret-Client")
                        return Results.Json(new { error = "invalid_client", error_description = "client authentication failed" }, statusCode: 401);
                    var token = $"token-{Interlocked.Increment(ref server._issued)}";
                    server._valid[token] = true;
                    return Respond.Json(new JsonObject { ["access_token"] = token, ["token_type"] = "Bearer", ["expires_in"] = lifetimeSeconds });
                });
                app.MapGet("/cases", (HttpRequest request) =>
                {
                    var header = request.Headers.Authorization.ToString();
                    return header.StartsWith("Bearer ", StringComparison.Ordinal) && server._valid.ContainsKey(header[7..])
                        ? Respond.Json(Cases.Array(Five))
                        : Results.StatusCode(StatusCodes.Status401Unauthorized);
                });
            });
            return server;
        }

        public void RevokeAll() => _valid.Clear();

        public JsonObject Source(string? scope = null)
        {
            var auth = new JsonObject
            {
                ["type"] = "oauth2ClientCredentials",
                ["tokenUrl"] = Api.Url("/token").AbsoluteUri,
                ["clientId"] = "hub-client",
                ["clientSecret"] = "s3cret-Client",
            };
            if (scope is not null)
                auth["scope"] = scope;
            return new JsonObject { ["url"] = Api.Url("/cases").AbsoluteUri, ["auth"] = auth, ["resilience"] = RestConnectorHarness.FastResilience() };
        }

        public ValueTask DisposeAsync() => Api.DisposeAsync();
    }
}
