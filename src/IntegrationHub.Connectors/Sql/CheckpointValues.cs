using System.Globalization;
using System.Text.Json.Nodes;

namespace IntegrationHub.Connectors.Sql;

/// <summary>
/// A database value in a checkpoint, tagged with its type, so that it comes back as the same .NET type (with its
/// DateTime kind) and binds as the database expects: a timestamp as a timestamp, an unsigned MySQL integer as one.
/// </summary>
internal static class CheckpointValues
{
    public static JsonObject Encode(object value) => value switch
    {
        long or int or short or sbyte or byte or ushort or uint => Tagged("i", Convert.ToInt64(value, CultureInfo.InvariantCulture)),
        ulong u => Tagged("u", u.ToString(CultureInfo.InvariantCulture)),
        decimal d => Tagged("d", d.ToString(CultureInfo.InvariantCulture)),
        double f => Tagged("f", f.ToString("R", CultureInfo.InvariantCulture)),
        float f => Tagged("f", ((double)f).ToString("R", CultureInfo.InvariantCulture)),
        bool b => Tagged("b", b),
        DateTime dt => Tagged("dt", dt.ToString("O", CultureInfo.InvariantCulture)),
        DateTimeOffset dto => Tagged("dto", dto.ToString("O", CultureInfo.InvariantCulture)),
        DateOnly date => Tagged("date", date.ToString("O", CultureInfo.InvariantCulture)),
        TimeOnly time => Tagged("time", time.ToString("O", CultureInfo.InvariantCulture)),
        TimeSpan span => Tagged("span", span.ToString("c", CultureInfo.InvariantCulture)),
        Guid g => Tagged("g", g.ToString()),
        byte[] bytes => Tagged("bin", Convert.ToBase64String(bytes)),
        _ => Tagged("s", Convert.ToString(value, CultureInfo.InvariantCulture)),
    };

    private static JsonObject Tagged(string type, JsonNode? value) => new() { ["t"] = type, ["v"] = value };

    public static object Decode(JsonNode? node)
    {
        var type = node?["t"]?.GetValue<string>();
        var value = node?["v"] ?? throw new FormatException("A keyset checkpoint value is missing.");
        return type switch
        {
            "i" => value.GetValue<long>(),
            "u" => ulong.Parse(value.GetValue<string>(), CultureInfo.InvariantCulture),
            "d" => decimal.Parse(value.GetValue<string>(), CultureInfo.InvariantCulture),
            "f" => double.Parse(value.GetValue<string>(), CultureInfo.InvariantCulture),
            "b" => value.GetValue<bool>(),
            "dt" => DateTime.Parse(value.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            "dto" => DateTimeOffset.Parse(value.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            "date" => DateOnly.ParseExact(value.GetValue<string>(), "O", CultureInfo.InvariantCulture),
            "time" => TimeOnly.ParseExact(value.GetValue<string>(), "O", CultureInfo.InvariantCulture),
            "span" => TimeSpan.ParseExact(value.GetValue<string>(), "c", CultureInfo.InvariantCulture),
            "g" => Guid.Parse(value.GetValue<string>()),
            "bin" => Convert.FromBase64String(value.GetValue<string>()),
            "s" => value.GetValue<string>(),
            _ => throw new FormatException($"Unknown keyset checkpoint value type '{type}'."),
        };
    }
}
