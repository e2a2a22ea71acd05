using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Connectors.Definitions;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Connectors.Rest;

/// <summary>
/// Reads a department's JSON HTTP API page by page. Each page's checkpoint is the request of the page after it, so a run
/// that fails resumes exactly there; a read that reaches its end leaves the largest update time seen, and the next run
/// asks for what changed since then (minus an overlap). Requests go through a per-connector resilience pipeline.
/// </summary>
public sealed partial class RestSourceConnector(IHttpClientFactory clients, TimeProvider clock, ILogger<RestSourceConnector> logger) : SourceConnector("rest")
{
    /// <summary>The named <see cref="HttpClient"/> of rest connectors (registered by <c>AddRestSourceConnector</c>).</summary>
    public const string HttpClientName = "IntegrationHub.Connectors.Rest";

    private readonly RestResiliencePipelines _pipelines = new(logger);
    private readonly ConcurrentDictionary<string, OAuth2TokenCache> _tokens = new(StringComparer.Ordinal);

    /// <summary>OAuth2 tokens obtained for a connector since start (token caching is observable in tests and logs).</summary>
    public int TokensIssued(string connectorId) =>
        _tokens.Where(t => t.Key.StartsWith(connectorId + "|", StringComparison.Ordinal)).Sum(t => t.Value.Issued);

    public override async IAsyncEnumerable<SourcePage> ReadAsync(ConnectorDefinition connector, string? checkpoint, ConnectorContext context,
        [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connector);
        var options = ReadOptions(connector, context);
        ArgumentNullException.ThrowIfNull(context);
        var client = clients.CreateClient(HttpClientName);
        // The answer is buffered by HttpClient: the limit keeps a source from sending more than the hub will hold.
        client.MaxResponseContentBufferSize = context.Limits.MaxResponseBytes;
        var sender = new RestSender(client, _pipelines.For(connector.Id, options.Resilience), options, TokensFor(connector.Id, options.Auth));
        var read = new RestRead(options, RestCheckpoint.Parse(checkpoint));
        while (true)
        {
            var address = read.NextAddress();
            var response = await sender.GetAsync(address, ct).ConfigureAwait(false);
            var body = Parse(response, sender, context.Limits);
            var records = Records(response, body, options.RecordsPath, sender, context.Limits);
            var page = read.Advance(response, body, records, sender);
            LogPage(logger, connector.Id, response.Described, response.Status, records.Count);
            yield return page;
            if (read.Finished)
                yield break;
        }
    }

    protected override void Configure(ConnectorDefinition connector, ConnectorContext context) => ReadOptions(connector, context);

    private RestSourceOptions ReadOptions(ConnectorDefinition connector, ConnectorContext context)
    {
        var issue = Spec.Validate(connector.Source).FirstOrDefault();
        if (issue is not null)
            throw new ConnectorConfigurationException(connector.Id, issue.Field, issue.MessageEn);
        return RestSourceOptions.From(connector.Source, connector.Id, context);
    }

    private OAuth2TokenCache? TokensFor(string connectorId, RestAuthOptions auth)
    {
        if (auth.Type != RestAuthType.OAuth2ClientCredentials)
            return null;
        // A changed client or secret gets a token of its own; the secret enters the key only as a hash.
        var secret = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(auth.ClientSecret!)));
        var key = $"{connectorId}|{auth.TokenUrl}|{auth.ClientId}|{auth.Scope}|{auth.ClientCredentialsAsBasic}|{secret}";
        return _tokens.GetOrAdd(key, _ => new OAuth2TokenCache(auth, clock));
    }

    /// <summary>The records of a page: the array at the records path, each item a record (an item that is no object is quarantined, not dropped).</summary>
    private static JsonNode? Parse(RestResponse response, RestSender sender, SourceLimits limits)
    {
        try
        {
            return JsonNode.Parse(response.Body, documentOptions: SourceJson.Options(limits));
        }
        catch (JsonException ex)
        {
            throw sender.Failure("read", $"GET {response.Described} answered HTTP {response.Status} with a body that is not JSON ({SourceJson.Explain(ex, limits)}): {RestSender.Excerpt(response.Body)}");
        }
    }

    private static List<SourceRecord> Records(RestResponse response, JsonNode? body, ResponsePath path, RestSender sender, SourceLimits limits)
    {
        if (path.Select(body) is not JsonArray array)
        {
            var found = path.Select(body) is { } node ? $"a JSON {node.GetValueKind().ToString().ToLowerInvariant()}" : "missing";
            throw sender.Failure("read", $"GET {response.Described} answered HTTP {response.Status}, but source.recordsPath '{path}' is {found}, not an array: {RestSender.Excerpt(response.Body)}");
        }

        var items = array.ToList();
        array.Clear();
        var records = new List<SourceRecord>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var origin = $"{response.Described} #{i}";
            records.Add(SourceRecordScreen.Screen(items[i] is JsonObject record
                ? new SourceRecord(record, Origin: origin)
                : new SourceRecord(new JsonObject { ["value"] = items[i] }, Origin: origin,
                    Problem: $"Item {i} of '{path}' is {(items[i] is null ? "null" : $"a JSON {items[i]!.GetValueKind().ToString().ToLowerInvariant()}")}, not an object."), limits));
        }

        return records;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Connector {Connector}: GET {Request} answered {Status} with {Records} record(s)")]
    private static partial void LogPage(ILogger logger, string connector, string request, int status, int records);
}
