using System.Globalization;
using System.Text;
using IntegrationHub.Connectors.Definitions;
using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Mapping.Definition;
using IntegrationHub.Samples;

namespace IntegrationHub.Integration.Tests.Connectors.Files;

/// <summary>
/// Files shaped like the market-regulation department's export (the columns of its sample table, Chinese headers), so the
/// bundled <c>market-regulation.mapping.json</c> maps them.
/// </summary>
public static class MarketRegulationFiles
{
    public const string MappingFile = "market-regulation.mapping.json";

    public static List<SampleRow> Rows(int cases, int seed = SampleSources.Seed) =>
        [.. new SampleGenerator(seed).Generate(cases).Where(r => r.Department == SampleDepartment.MarketRegulation).Select(r => r.Row)];

    /// <summary>The rows as CSV text: a header of the table's columns, values as the department's system prints them.</summary>
    public static string Csv(IReadOnlyList<SampleRow> rows, params string[] extraLines)
    {
        var columns = rows[0].Values.Keys.ToList();
        var text = new StringBuilder();
        text.Append(string.Join(',', columns)).Append("\r\n");
        foreach (var row in rows)
            text.Append(string.Join(',', columns.Select(c => Field(row.Values[c])))).Append("\r\n");
        foreach (var line in extraLines)
            text.Append(line).Append("\r\n");
        return text.ToString();
    }

    public static MappingDefinition Mapping() => MappingDefinition.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Connectors, MappingFile)));

    public static ConnectorDefinition Connector(string inbox, string format = "csv", Action<System.Text.Json.Nodes.JsonObject>? configure = null)
    {
        var source = new System.Text.Json.Nodes.JsonObject { ["path"] = inbox, ["format"] = format, ["settleSeconds"] = 0, ["pageSize"] = 20 };
        configure?.Invoke(source);
        return new ConnectorDefinition { Id = "market-files", Name = "市场监管 文件交换", Kind = "file", Source = source, Mapping = Mapping() };
    }

    private static string Field(object? value)
    {
        var text = value switch
        {
            null => "",
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        return text.AsSpan().IndexOfAny(",\"\r\n") < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
