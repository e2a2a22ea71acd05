using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using IntegrationHub.Api.Contracts;

namespace IntegrationHub.Cli.Api;

/// <summary>Source-generated JSON for every body the tool sends or reads (Refit 16 needs one covering all of them).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ConnectorView))]
[JsonSerializable(typeof(ConnectorView[]))]
[JsonSerializable(typeof(RunView))]
[JsonSerializable(typeof(RunView[]))]
[JsonSerializable(typeof(RunAccepted))]
[JsonSerializable(typeof(ConnectorKindView[]))]
[JsonSerializable(typeof(ConnectionCheckView))]
[JsonSerializable(typeof(DiscoveredFieldsView))]
[JsonSerializable(typeof(PreviewView))]
[JsonSerializable(typeof(QuarantinePage))]
[JsonSerializable(typeof(QuarantineView))]
[JsonSerializable(typeof(QuarantineReplayRequest))]
[JsonSerializable(typeof(QuarantineReplayAccepted))]
[JsonSerializable(typeof(ConnectorSyncView[]))]
[JsonSerializable(typeof(ConnectorHealth[]))]
[JsonSerializable(typeof(StatusReport))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(JsonArray))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
