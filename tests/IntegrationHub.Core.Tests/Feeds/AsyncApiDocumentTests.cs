using IntegrationHub.Feeds;
using YamlDotNet.RepresentationModel;

namespace IntegrationHub.Core.Tests.Feeds;

/// <summary>schemas/asyncapi.yaml and the code cannot drift: every event type the hub emits is documented, and back.</summary>
public sealed class AsyncApiDocumentTests
{
    private static readonly YamlMappingNode Root = Load();

    private static YamlMappingNode Load()
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(RepositoryRoot.Combine("schemas", "asyncapi.yaml"));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static YamlMappingNode Map(YamlNode node, string key) => (YamlMappingNode)((YamlMappingNode)node)[key];

    private static string Scalar(YamlNode node, string key) => ((YamlScalarNode)((YamlMappingNode)node)[key]).Value!;

    /// <summary>The <c>type</c> constant of each message's payload schema, by message name.</summary>
    private static Dictionary<string, string> DocumentedEventTypes()
    {
        var schemas = Map(Map(Root, "components"), "schemas");
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, message) in Map(Map(Root, "components"), "messages"))
        {
            var payload = Map(message, "payload");
            if (!payload.Children.ContainsKey("$ref"))
                continue;
            var schema = schemas[Scalar(payload, "$ref").Split('/')[^1]];
            var own = ((YamlSequenceNode)((YamlMappingNode)schema)["allOf"]).Children.OfType<YamlMappingNode>().Single(n => n.Children.ContainsKey("properties"));
            types[((YamlScalarNode)key).Value!] = Scalar(Map(Map(own, "properties"), "type"), "const");
        }

        return types;
    }

    [Fact]
    public void TheDocumentIsAsyncApi3()
    {
        Assert.Equal("3.0.0", Scalar(Root, "asyncapi"));
        Assert.Equal("amqp", Scalar(Map(Map(Root, "servers"), "rabbitmq"), "protocol"));
    }

    [Fact]
    public void EveryEventTypeTheHubEmits_IsAMessageOfTheDocument_AndNoOtherIs()
    {
        var documented = DocumentedEventTypes().Values.Order(StringComparer.Ordinal).ToList();

        Assert.Equal(SubscriberEnvelope.EventTypes.Order(StringComparer.Ordinal).ToList(), documented);
    }

    [Fact]
    public void EveryEventMessage_TravelsOnTheAmqpChannels_AndTheWebhook()
    {
        var channels = Map(Root, "channels");
        var webhookPayloads = ((YamlSequenceNode)Map(Map(Map(Map(Root, "components"), "messages"), "webhookEvent"), "payload")["oneOf"])
            .Children.Select(n => Scalar(n, "$ref").Split('/')[^1]).ToHashSet(StringComparer.Ordinal);
        foreach (var (message, type) in DocumentedEventTypes())
        {
            Assert.True(Map(Map(channels, "feedExchange"), "messages").Children.ContainsKey(message), $"{message} is not on feedExchange.");
            Assert.True(Map(Map(channels, "subscriptionQueue"), "messages").Children.ContainsKey(message), $"{message} is not on subscriptionQueue.");
            Assert.Contains(message, webhookPayloads);
            var amqp = Map(Map(Map(Map(Root, "components"), "messages"), message), "bindings");
            Assert.Equal(type, Scalar(Map(amqp, "amqp"), "messageType"));
        }
    }

    [Fact]
    public void TheWebhookBatch_CarriesTheSameEventsAsTheSingleWebhook_UnderTheBatchMediaTypeTheHubSends()
    {
        var messages = Map(Map(Root, "components"), "messages");
        static HashSet<string> Refs(YamlNode oneOf) =>
            ((YamlSequenceNode)oneOf).Children.Select(n => Scalar(n, "$ref")).ToHashSet(StringComparer.Ordinal);

        var single = Refs(Map(Map(messages, "webhookEvent"), "payload")["oneOf"]);
        var batch = Map(Map(messages, "webhookBatch"), "payload");

        Assert.Equal("array", Scalar(batch, "type"));
        Assert.Equal(single, Refs(Map(batch, "items")["oneOf"]));
        Assert.Equal(ChangeEventEnvelope.BatchMediaType, Scalar(Map(messages, "webhookBatch"), "contentType"));
        Assert.Equal(ChangeEventEnvelope.MediaType, Scalar(Map(messages, "webhookEvent"), "contentType"));
        Assert.True(Map(Map(Root, "channels"), "webhook").Children.ContainsKey("messages")
            && Map(Map(Map(Root, "channels"), "webhook"), "messages").Children.ContainsKey("webhookBatch"));
    }

    [Fact]
    public void TheQueueAndRoutingKeyNames_AreTheOnesTheHubDeclares()
    {
        var channels = Map(Root, "channels");

        Assert.Equal("sub.{subscriptionId}.q", Scalar(Map(channels, "subscriptionQueue"), "address"));
        Assert.Equal("sub.{subscriptionId}", Scalar(Map(channels, "feedExchange"), "address"));
        Assert.Equal("integrationhub.feed", Scalar(Map(Map(Map(Map(channels, "feedExchange"), "bindings"), "amqp"), "exchange"), "name"));
    }

    [Fact]
    public void TheSchemasTheDocumentReferences_AreInTheRepository()
    {
        var text = File.ReadAllText(RepositoryRoot.Combine("schemas", "asyncapi.yaml"));
        foreach (var file in new[] { "enforcement-action.v1.schema.json", "credit-publicity-event.v1.schema.json" })
        {
            Assert.Contains($"'./{file}'", text, StringComparison.Ordinal);
            Assert.True(File.Exists(RepositoryRoot.Combine("schemas", file)), file);
        }

        Assert.Contains(ChangeEventEnvelope.DataSchema, text, StringComparison.Ordinal);
        Assert.Contains(CreditPublicityEnvelope.DataSchema, text, StringComparison.Ordinal);
    }
}
