using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dapper;
using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Samples;

namespace IntegrationHub.Integration.Tests.Security;

/// <summary>
/// The hub the authorization matrix runs against (embedded stack, Prometheus on, webhooks to a local receiver), with
/// one of everything a route can name — a connector that has run, a record, a quarantined row, a subscription with a
/// delivered webhook event — and a key (and dashboard session) per <see cref="Caller"/>. The revoked and expired keys
/// stop working after their sessions were made, so the dashboard rows test sessions that outlive their keys.
/// </summary>
public sealed partial class MatrixHub : IAsyncLifetime
{
    /// <summary>The test collection that shares one matrix hub.</summary>
    public const string Collection = "authorization matrix";

    public const string Connector = "market-regulation";
    public const string SwitchConnector = "matrix-switch";
    public const string Subscription = "matrix-a";
    public const string OtherSubscription = "matrix-b";
    private const string MalformedKey = "hub_not-a-real-key";

    private readonly Dictionary<Caller, string?> _keys = [];
    private readonly Dictionary<Caller, DashboardSession> _sessions = [];
    private readonly Dictionary<string, string> _resources = new(StringComparer.Ordinal);
    private SampleSources? _sources;
    private WebhookReceiver? _receiver;
    private HttpClient? _bearer;
    private TestHub? _hub;
    private int _made;

    public TestHub Hub => _hub ?? throw new InvalidOperationException("The matrix hub has not started.");

    private SampleSources Sources => _sources!;

    public async Task InitializeAsync()
    {
        _sources = await SampleSources.CreateAsync(HubStack.Embedded, 40);
        // The other department's inspections quarantine (an unknown category code), so there is a quarantined row to name.
        await Sources.BreakCategoryMappingAsync(SampleDepartment.EcologyEnvironment);
        var settings = WebhookTesting.Settings();
        settings["Hub:Telemetry:Prometheus"] = "true";
        _hub = await TestHub.StartAsync(HubStack.Embedded, Sources.ConnectorsDirectory, settings);
        _receiver = await WebhookReceiver.StartAsync();
        _bearer = new HttpClient { BaseAddress = Hub.Address, Timeout = TimeSpan.FromMinutes(2) };

        await Hub.CreateSubscriptionAsync(Subscription);
        await Hub.SetWebhookAsync(Subscription, _receiver.Url);
        await Hub.CreateSubscriptionAsync(OtherSubscription);
        await RegisterAsync(SwitchConnector);
        foreach (var department in SampleDepartment.All)
            Assert.Equal("completed", (await Hub.RunAsync(department.Id))["status"]!.GetValue<string>());

        _resources["connector"] = Connector;
        _resources["switch-connector"] = SwitchConnector;
        _resources["subscription"] = Subscription;
        _resources["receiver"] = _receiver.Url.ToString();
        _resources["record"] = First(await Hub.GetJsonAsync("/api/v1/records?limit=1"), "data", "id");
        _resources["quarantine"] = First(await Hub.GetJsonAsync("/api/v1/quarantine?limit=1"), "data", "id");
        _resources["indicator"] = First(await Hub.GetJsonAsync("/api/v1/indicators"), "indicators", "code");
        await WebhookTesting.WaitUntilAsync(async () => (await Hub.DeliveriesAsync(Subscription)).Count > 0, "a webhook delivery to the matrix subscription");
        _resources["event"] = (await Hub.DeliveriesAsync(Subscription))[0]!["eventId"]!.GetValue<string>();

        var (revoked, revokedId) = await IssueAsync("""{"name":"matrix revoked","role":"administrator"}""");
        var (expired, expiredId) = await IssueAsync("""{"name":"matrix expired","role":"administrator"}""");
        _keys[Caller.NoKey] = null;
        _keys[Caller.MalformedKey] = MalformedKey;
        _keys[Caller.RevokedKey] = revoked;
        _keys[Caller.ExpiredKey] = expired;
        _keys[Caller.SubscriberOfAnotherScope] = await IssueSubscriberKeyAsync(OtherSubscription, """{"name":"matrix subscriber","scopes":["feed:read"]}""");
        _keys[Caller.DepartmentOfAnotherDepartment] = (await IssueAsync("""{"name":"matrix department","role":"department","department":"ecology-environment"}""")).Key;
        _keys[Caller.Operator] = (await IssueAsync("""{"name":"matrix operator","role":"operator"}""")).Key;
        _keys[Caller.Administrator] = await File.ReadAllTextAsync(Path.Combine(Hub.DataDirectory, "admin.key")) is var admin ? admin.Trim() : null;

        foreach (var caller in Enum.GetValues<Caller>())
        {
            _sessions[caller] = _keys[caller] is { } key && key != MalformedKey
                ? await DashboardSession.SignInAsync(Hub, key)
                : DashboardSession.Anonymous(Hub);
        }

        var refused = await _sessions[Caller.MalformedKey].PostFormAsync("/signin", "/signin", new Dictionary<string, string> { ["key"] = MalformedKey });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);

        // The keys stop working after their sessions began: revoked through the API, expired in the store.
        Assert.Equal(HttpStatusCode.NoContent, (await Hub.Client.DeleteAsync($"/api/v1/keys/{revokedId}")).StatusCode);
        await using var store = await Hub.OpenStoreAsync();
        Assert.Equal(1, await store.ExecuteAsync("UPDATE api_keys SET expires_at = 1 WHERE id = @id", new { id = expiredId }));
    }

    /// <summary>Calls the row's route as the caller: with its bearer key, or on the dashboard with its session.</summary>
    public async Task<HttpResponseMessage> CallAsync(RouteAccess row, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(row);
        var made = new Dictionary<string, string>(StringComparer.Ordinal);
        var path = await FillAsync(row.Path ?? row.Route[(row.Method.Length + 1)..], caller, made);
        if (path.Contains('{', StringComparison.Ordinal))
            throw new InvalidOperationException($"{row.Route}: the path {path} has a route parameter; give the row .At(\"…\") with a resource placeholder.");
        var body = row.Body is null ? null : await FillAsync(row.Body, caller, made);

        if (row.IsDashboardPage)
            return await CallPageAsync(row.Method, path, body, _sessions[caller]);

        using var request = new HttpRequestMessage(new HttpMethod(row.Method), path);
        if (_keys[caller] is { } key)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (body is not null)
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        // A stream's answer is judged by its status line; its body never ends.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var response = await _bearer!.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        if (response.Content.Headers.ContentType?.MediaType != "text/event-stream")
            await response.Content.LoadIntoBufferAsync(timeout.Token);
        return response;
    }

    /// <summary>Posts the row's form as the session would, but without the antiforgery token.</summary>
    public async Task<HttpResponseMessage> ForgedPostAsync(RouteAccess row, DashboardSession session)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(session);
        var made = new Dictionary<string, string>(StringComparer.Ordinal);
        var path = await FillAsync(row.Path ?? row.Route[(row.Method.Length + 1)..], Caller.Administrator, made);
        var body = row.Body is null ? "" : await FillAsync(row.Body, Caller.Administrator, made);
        return await session.PostFormWithTokenAsync(path, token: null, Fields(body));
    }

    /// <summary>A session signed in with the administrator key, for tests of the dashboard's forms.</summary>
    public Task<DashboardSession> AdministratorSessionAsync() => DashboardSession.SignInAsync(Hub, _keys[Caller.Administrator]!);

    public async Task DisposeAsync()
    {
        foreach (var session in _sessions.Values)
            session.Dispose();
        _bearer?.Dispose();
        if (_receiver is not null)
            await _receiver.DisposeAsync();
        if (_hub is not null)
            await _hub.DisposeAsync();
        if (_sources is not null)
            await _sources.DisposeAsync();
    }

    private static async Task<HttpResponseMessage> CallPageAsync(string method, string path, string? body, DashboardSession session)
    {
        if (method == "GET")
            return await session.Client.GetAsync(path);

        // A form as the browser sends it: its fields and the antiforgery token of its page, or, where the session may not
        // load that page, of a page it may load (the token is bound to the session's user).
        var fields = Fields(body ?? "");
        var token = await session.AntiforgeryTokenAsync(path.Split('?')[0])
            ?? await session.AntiforgeryTokenAsync("/denied")
            ?? await session.AntiforgeryTokenAsync("/signin");
        return await session.PostFormWithTokenAsync(path, token, fields);
    }

    private static Dictionary<string, string> Fields(string body) =>
        body.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair.Length > 1 ? Uri.UnescapeDataString(pair[1]) : "", StringComparer.Ordinal);

    private async Task<string> FillAsync(string text, Caller caller, Dictionary<string, string> made)
    {
        var result = new StringBuilder();
        var last = 0;
        foreach (Match match in Placeholder().Matches(text))
        {
            result.Append(text, last, match.Index - last).Append(await ResourceAsync(match.Groups[1].Value, caller, made));
            last = match.Index + match.Length;
        }

        return result.Append(text, last, text.Length - last).ToString();
    }

    /// <summary>A resource named in a row; a <c>fresh-</c> one is made for this call only (and reused within it).</summary>
    private async Task<string> ResourceAsync(string name, Caller caller, Dictionary<string, string> made)
    {
        if (_resources.TryGetValue(name, out var shared))
            return shared;
        if (made.TryGetValue(name, out var already))
            return already;
        var id = $"matrix-{name.Replace("fresh-", "", StringComparison.Ordinal)}-{Interlocked.Increment(ref _made)}";
        var value = name switch
        {
            "caller-key" => Uri.EscapeDataString(_keys[caller] ?? ""),
            "new-id" => id,
            "new-connector-definition" => Sources.DefinitionFor(SampleDepartment.MarketRegulation, id).ToJsonString(),
            "fresh-connector" => await RegisterAsync(id),
            "fresh-connector-definition" => Sources.DefinitionFor(SampleDepartment.MarketRegulation, await ResourceAsync("fresh-connector", caller, made)).ToJsonString(),
            "fresh-subscription" => (await Hub.CreateSubscriptionAsync(id))["id"]!.GetValue<string>(),
            "fresh-subscription-key" => $"{(await Hub.CreateSubscriptionAsync(id))["id"]}/keys/{await IssueSubscriberKeyIdAsync(id)}",
            "fresh-webhook-subscription" => await WebhookSubscriptionAsync(id),
            "fresh-key" => (await IssueAsync("""{"name":"matrix doomed","role":"operator"}""")).Id,
            _ => throw new InvalidOperationException($"The matrix has no resource {{{name}}}; add it to {nameof(MatrixHub)}."),
        };
        made[name] = value;
        return value;
    }

    private async Task<string> RegisterAsync(string id)
    {
        var response = await Hub.Client.PostAsJsonAsync("/api/v1/connectors", Sources.DefinitionFor(SampleDepartment.MarketRegulation, id));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return id;
    }

    private async Task<string> WebhookSubscriptionAsync(string id)
    {
        await Hub.CreateSubscriptionAsync(id);
        await Hub.SetWebhookAsync(id, _receiver!.Url);
        return id;
    }

    private async Task<(string Key, string Id)> IssueAsync(string request)
    {
        var response = await Hub.Client.PostAsync("/api/v1/keys", new StringContent(request, Encoding.UTF8, "application/json"));
        var issued = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(response.StatusCode == HttpStatusCode.Created, issued.ToJsonString());
        return (issued["key"]!.GetValue<string>(), issued["details"]!["id"]!.GetValue<string>());
    }

    private async Task<string> IssueSubscriberKeyAsync(string subscription, string request)
    {
        var response = await Hub.Client.PostAsync($"/api/v1/subscriptions/{subscription}/keys", new StringContent(request, Encoding.UTF8, "application/json"));
        var issued = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(response.StatusCode == HttpStatusCode.Created, issued.ToJsonString());
        return issued["key"]!.GetValue<string>();
    }

    private async Task<string> IssueSubscriberKeyIdAsync(string subscription)
    {
        var response = await Hub.Client.PostAsync($"/api/v1/subscriptions/{subscription}/keys",
            new StringContent("""{"name":"matrix doomed"}""", Encoding.UTF8, "application/json"));
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["details"]!["id"]!.GetValue<string>();
    }

    private static string First(JsonObject answer, string list, string field) =>
        answer[list]!.AsArray().FirstOrDefault()?[field]?.ToString()
        ?? throw new InvalidOperationException($"The matrix hub has no {list} to name: {answer.ToJsonString()[..Math.Min(300, answer.ToJsonString().Length)]}");

    [GeneratedRegex(@"\{([a-z][a-z-]*)\}")]
    private static partial Regex Placeholder();
}
