using System.Text.Json.Nodes;

namespace IntegrationHub.Connectors.Sql;

/// <summary>
/// The position of a keyset read: the watermark and the tie-breaking key of the last row stored. Values keep their type,
/// so that the next query binds them as the database expects (a timestamp as a timestamp, not as text): whatever the
/// driver returned (Npgsql DateOnly for <c>date</c>, MySqlConnector DateTime for DATETIME(6), SqlClient DateTime for
/// datetime2, unsigned integers from MySQL) comes back as the same .NET type, with its DateTime kind.
/// </summary>
public sealed record KeysetCheckpoint(object Watermark, object Key)
{
    public string Serialize() => new JsonObject { ["w"] = CheckpointValues.Encode(Watermark), ["k"] = CheckpointValues.Encode(Key) }.ToJsonString();

    public static KeysetCheckpoint? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return null;
        var node = JsonNode.Parse(text) as JsonObject ?? throw new FormatException("A keyset checkpoint is a JSON object.");
        return new KeysetCheckpoint(CheckpointValues.Decode(node["w"]), CheckpointValues.Decode(node["k"]));
    }
}
