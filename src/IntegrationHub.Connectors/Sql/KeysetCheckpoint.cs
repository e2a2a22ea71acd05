using System.Globalization;
using System.Text.Json.Nodes;

namespace IntegrationHub.Connectors.Sql;

/// <summary>
/// The position of a keyset read: the watermark and the tie-breaking key of the last row stored. Values keep their type,
/// so that the next query binds them as the database expects (a timestamp as a timestamp, not as text).
/// </summary>
public sealed record KeysetCheckpoint(object Watermark, object Key)
{
    public string Serialize() => new JsonObject { ["w"] = Encode(Watermark), ["k"] = Encode(Key) }.ToJsonString();

    public static KeysetCheckpoint? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return null;
        var node = JsonNode.Parse(text) as JsonObject ?? throw new FormatException("A keyset checkpoint is a JSON object.");
        return new KeysetCheckpoint(Decode(node["w"]), Decode(node["k"]));
    }

    private static JsonObject Encode(object value) => value switch
    {
        long or int or short => new JsonObject { ["t"] = "i", ["v"] = Convert.ToInt64(value, CultureInfo.InvariantCulture) },
        decimal d => new JsonObject { ["t"] = "d", ["v"] = d.ToString(CultureInfo.InvariantCulture) },
        double f => new JsonObject { ["t"] = "f", ["v"] = f.ToString("R", CultureInfo.InvariantCulture) },
        DateTime dt => new JsonObject { ["t"] = "dt", ["v"] = dt.ToString("O", CultureInfo.InvariantCulture) },
        DateTimeOffset dto => new JsonObject { ["t"] = "dto", ["v"] = dto.ToString("O", CultureInfo.InvariantCulture) },
        Guid g => new JsonObject { ["t"] = "g", ["v"] = g.ToString() },
        _ => new JsonObject { ["t"] = "s", ["v"] = Convert.ToString(value, CultureInfo.InvariantCulture) },
    };

    private static object Decode(JsonNode? node)
    {
        var type = node?["t"]?.GetValue<string>();
        var value = node?["v"] ?? throw new FormatException("A keyset checkpoint value is missing.");
        return type switch
        {
            "i" => value.GetValue<long>(),
            "d" => decimal.Parse(value.GetValue<string>(), CultureInfo.InvariantCulture),
            "f" => double.Parse(value.GetValue<string>(), CultureInfo.InvariantCulture),
            "dt" => DateTime.Parse(value.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            "dto" => DateTimeOffset.Parse(value.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            "g" => Guid.Parse(value.GetValue<string>()),
            "s" => value.GetValue<string>(),
            _ => throw new FormatException($"Unknown keyset checkpoint value type '{type}'."),
        };
    }

}
