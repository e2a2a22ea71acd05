using System.Text.Json.Nodes;

namespace IntegrationHub.Integration.Tests.Harness;

/// <summary>A rest connector of the ecology department (the bundled ecology mapping) in a connectors folder of its own.</summary>
public static class RestConnectors
{
    /// <summary>Writes the definition and the mapping into <paramref name="directory"/> (a new temp folder unless given) and returns the folder.</summary>
    public static string Write(string id, JsonObject source, string name = "生态环境局 执法系统 (REST)", string? directory = null)
    {
        directory ??= Directory.CreateTempSubdirectory("hub-rest-connectors-").FullName;
        File.Copy(Path.Combine(RepositoryPaths.Connectors, "ecology-environment.mapping.json"), Path.Combine(directory, "ecology-environment.mapping.json"), overwrite: true);
        var definition = new JsonObject
        {
            ["id"] = id,
            ["name"] = name,
            ["department"] = "ecology-environment",
            ["kind"] = "rest",
            ["source"] = source,
            ["mapping"] = "ecology-environment.mapping.json",
        };
        File.WriteAllText(Path.Combine(directory, $"{id}.connector.json"), definition.ToJsonString());
        return directory;
    }
}
