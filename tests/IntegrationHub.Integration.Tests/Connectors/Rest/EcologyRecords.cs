using System.Text.Json.Nodes;
using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Samples;

namespace IntegrationHub.Integration.Tests.Connectors.Rest;

/// <summary>The ecology department's sample cases as a departmental HTTP API serves them: JSON records.</summary>
public static class EcologyRecords
{
    /// <summary>Valid sample rows of the ecology department as JSON records (numbers stay numbers).</summary>
    public static List<JsonObject> Valid(int count) =>
        [.. new SampleGenerator(SampleSources.Seed).Generate(count * 2)
            .Where(r => r.Department == SampleDepartment.EcologyEnvironment && r.Row.Truth.Defect is null)
            .Take(count)
            .Select(r => new JsonObject(r.Row.Values.Select(v => KeyValuePair.Create(v.Key, v.Value switch
            {
                null => null,
                long n => JsonValue.Create(n),
                decimal d => JsonValue.Create(d),
                var other => (JsonNode?)JsonValue.Create(Convert.ToString(other, System.Globalization.CultureInfo.InvariantCulture)),
            }))))];
}
