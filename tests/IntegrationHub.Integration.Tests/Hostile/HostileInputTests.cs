using System.Net;
using System.Net.Http.Headers;
using IntegrationHub.Integration.Tests.Harness;

namespace IntegrationHub.Integration.Tests.Hostile;

/// <summary>
/// The hostile-input corpus (tests/hostile-input/manifest.json): every case read through the real connector of its kind,
/// or sent to the running hub's API, ends as its manifest says — read as it is, quarantined with a reason naming field,
/// value and rule, or refused as a whole naming the rule — and the hub answers its health check afterwards.
/// </summary>
public sealed class HostileInputTests(HostileInputTests.CorpusHub hub) : IClassFixture<HostileInputTests.CorpusHub>
{
    public static TheoryData<string> SourceCases => HostileCorpus.Ids(c => c.Source != "api");

    public static TheoryData<string> ApiCases => HostileCorpus.Ids(c => c.Source == "api");

    [Fact]
    public void Corpus_HasAtLeast150Cases_OverEveryKindOfSourceAndTheApi()
    {
        Assert.True(HostileCorpus.All.Count >= 150, $"{HostileCorpus.All.Count} cases");
        Assert.Equal(["api", "file", "process", "rest", "sql"], HostileCorpus.All.Select(c => c.Source.Split(':')[0]).Distinct().Order());
        Assert.Equal(HostileCorpus.All.Count, HostileCorpus.All.Select(c => c.Id).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(SourceCases))]
    public async Task Source_HostileInput_EndsAsTheManifestSays(string id)
    {
        var c = HostileCorpus.Find(id);

        var outcome = await HostileSources.ReadAsync(c, hub.Rest);

        Assert.True(c.Expect == outcome.Kind, $"{id}: expected {c.Expect}, got {outcome.Kind}: {Short(outcome.Text)}");
        foreach (var reason in c.Reasons)
            Assert.True(outcome.Text.Contains(reason, StringComparison.Ordinal), $"{id}: '{reason}' not in: {Short(outcome.Text)}");
        if (c.Case["records"] is { } records)
            Assert.Equal(records.GetValue<int>(), outcome.Records.Count);
        if (c.Case["value"] is { } value)
            Assert.Contains(outcome.Records, r => r.Any(p => p.Value is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var s) && s.Contains(value.GetValue<string>(), StringComparison.Ordinal)));
        if (c.Case["stored"]?.GetValue<bool>() == true && c.Input["payload"] is { } payload)
            Assert.Equal(HostileInputs.PayloadValue(payload.AsObject()), outcome.Records.Single()[HostileInputs.Field]?.ToString() ?? outcome.Records.Single()["当事人名称"]?.ToString());
    }

    [Theory]
    [MemberData(nameof(ApiCases))]
    public async Task Api_HostileRequestBody_IsRefusedWithAProblemNamingTheRule_AndTheHubStaysUp(string id)
    {
        var c = HostileCorpus.Find(id);
        var body = HostileInputs.Bytes(c.Input, "json");
        HttpContent content = c.Input["chunked"]?.GetValue<bool>() == true ? new StreamContent(new MemoryStream(body)) : new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        // Expect: 100-continue lets the hub refuse an oversized body before it is sent, as a careful client would.
        using var request = new HttpRequestMessage(HttpMethod.Post, c.Case["path"]?.GetValue<string>() ?? "/api/v1/connectors") { Content = content };
        request.Headers.ExpectContinue = body.Length > 1024 * 1024;
        using var response = await hub.Hub.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(c.Case["status"]!.GetValue<int>() == (int)response.StatusCode, $"{id}: HTTP {(int)response.StatusCode}: {Short(text)}");
        Assert.StartsWith("application/problem+json", response.Content.Headers.ContentType?.MediaType ?? "", StringComparison.Ordinal);
        foreach (var reason in c.Reasons)
            Assert.True(text.Contains(reason, StringComparison.Ordinal), $"{id}: '{reason}' not in: {Short(text)}");
        using var live = await hub.Hub.Client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    private static string Short(string text) => text.Length > 400 ? text[..400] + "…" : text;

    /// <summary>One embedded hub and one loopback API for the whole corpus.</summary>
    public sealed class CorpusHub : IAsyncLifetime
    {
        private readonly string _connectors = Directory.CreateTempSubdirectory("hub-hostile-connectors-").FullName;

        public TestHub Hub { get; private set; } = null!;

        public HostileRestServer Rest { get; } = new();

        public async Task InitializeAsync()
        {
            await Rest.StartAsync();
            Hub = await TestHub.StartAsync(HubStack.Embedded, _connectors, new Dictionary<string, string?> { ["Hub:Samples"] = "false" });
        }

        public async Task DisposeAsync()
        {
            await Hub.DisposeAsync();
            await Rest.DisposeAsync();
            Directory.Delete(_connectors, recursive: true);
        }
    }
}
