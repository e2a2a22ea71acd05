using System.Data.Common;
using System.Globalization;
using System.Text.Json.Nodes;

namespace IntegrationHub.Connectors.Sql;

/// <summary>Turns a database row into a raw record: column name → JSON value, whatever the database.</summary>
internal static class RowReader
{
    public static JsonObject Read(DbDataReader reader, IReadOnlySet<string>? excluded = null)
    {
        var record = new JsonObject();
        for (var i = 0; i < reader.FieldCount; i++)
        {
            var name = reader.GetName(i);
            if (excluded is null || !excluded.Contains(name))
                record[name] = ToJson(reader.IsDBNull(i) ? null : reader.GetValue(i));
        }

        return record;
    }

    /// <summary>One database value as JSON, the same whichever way it was read (a query, a snapshot, a log).</summary>
    public static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        long or int or short or byte or sbyte or ushort or uint => JsonValue.Create(Convert.ToInt64(value, CultureInfo.InvariantCulture)),
        ulong u => JsonValue.Create(u),
        decimal d => JsonValue.Create(d),
        double f => JsonValue.Create(f),
        float f => JsonValue.Create((double)f),
        bool b => JsonValue.Create(b),
        DateTime dt => JsonValue.Create(dt.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)),
        DateTimeOffset dto => JsonValue.Create(dto.ToString("O", CultureInfo.InvariantCulture)),
        DateOnly d => JsonValue.Create(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        TimeOnly t => JsonValue.Create(t.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)),
        byte[] bytes => JsonValue.Create(Convert.ToBase64String(bytes)),
        _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };
}
