using System.Text.Json.Nodes;

namespace IntegrationHub.Samples;

/// <summary>
/// Connector definitions for sample sources somewhere else than the embedded default: the bundled definitions and
/// mappings of <c>connectors/</c>, with the source pointed at another database and no schedule (runs are started by hand).
/// </summary>
public static class SampleConnectors
{
    public static void Write(string bundledDirectory, string targetDirectory, string provider, Func<SampleDepartment, string> connectionString)
    {
        Directory.CreateDirectory(targetDirectory);
        foreach (var department in SampleDepartment.All)
        {
            var definition = JsonNode.Parse(File.ReadAllText(Path.Combine(bundledDirectory, $"{department.Id}.connector.json")))!.AsObject();
            definition.Remove("schedule");
            var source = definition["source"]!.AsObject();
            source["provider"] = provider;
            source["connectionString"] = connectionString(department);
            var mappingFile = definition["mapping"]!.GetValue<string>();
            File.Copy(Path.Combine(bundledDirectory, mappingFile), Path.Combine(targetDirectory, mappingFile), overwrite: true);
            File.WriteAllText(Path.Combine(targetDirectory, $"{department.Id}.connector.json"), definition.ToJsonString());
        }
    }
}
