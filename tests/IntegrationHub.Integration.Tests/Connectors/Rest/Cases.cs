using System.Globalization;
using System.Text.Json.Nodes;

namespace IntegrationHub.Integration.Tests.Connectors.Rest;

/// <summary>Enforcement cases as a departmental API serves them: an id, a name and an update time in Beijing time.</summary>
public static class Cases
{
    public static readonly DateTimeOffset FirstUpdate = new(2025, 3, 1, 9, 0, 0, TimeSpan.FromHours(8));

    public static JsonObject Case(int number) => new()
    {
        ["id"] = $"C{number:D4}",
        ["name"] = $"案件 {number}",
        ["updated_at"] = UpdatedAt(number).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
    };

    public static DateTimeOffset UpdatedAt(int number) => FirstUpdate.AddMinutes(number);

    /// <summary>Cases 1..count.</summary>
    public static List<JsonObject> Range(int count) => [.. Enumerable.Range(1, count).Select(Case)];

    public static JsonArray Array(IEnumerable<JsonObject> cases) => [.. cases.Select(c => (JsonNode)c.DeepClone())];

    public static List<string> Ids(IEnumerable<IntegrationHub.Connectors.SourcePage> pages) =>
        [.. pages.SelectMany(p => p.Records).Select(r => r.Data["id"]!.GetValue<string>())];
}
