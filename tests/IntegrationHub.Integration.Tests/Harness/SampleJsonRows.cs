using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Samples;

namespace IntegrationHub.Integration.Tests.Harness;

/// <summary>Sample rows as a departmental HTTP API serves them: one JSON object per row, numbers as numbers, the rest as text.</summary>
public static class SampleJsonRows
{
    /// <summary>Chinese text as departmental systems send it: raw UTF-8, not \uXXXX escapes.</summary>
    public static readonly JsonSerializerOptions Raw = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonObject ToJson(SampleRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new JsonObject(row.Values.Select(v => KeyValuePair.Create(v.Key, v.Value switch
        {
            null => null,
            long n => JsonValue.Create(n),
            decimal d => JsonValue.Create(d),
            var other => (JsonNode?)JsonValue.Create(Convert.ToString(other, CultureInfo.InvariantCulture)),
        })));
    }

    /// <summary>The first <paramref name="count"/> rows of one department as generated with <see cref="SampleSources.Seed"/> (broken ones included).</summary>
    public static IEnumerable<SampleRow> Of(SampleDepartment department, int count) =>
        new SampleGenerator(SampleSources.Seed).Generate(count).Where(r => r.Department == department).Select(r => r.Row).Take(count);
}
