using System.Text.Json.Nodes;

namespace IntegrationHub.Core.Tests.Schema;

/// <summary>The example records under schemas/examples/valid and schemas/examples/invalid, by file name.</summary>
internal static class SchemaExamples
{
    public const string Valid = "valid";
    public const string Invalid = "invalid";

    public static TheoryData<string> Names(string folder)
    {
        var names = Directory.GetFiles(Folder(folder), "*.json")
            .Select(System.IO.Path.GetFileName)
            .Order(StringComparer.Ordinal);
        var data = new TheoryData<string>();
        foreach (var name in names)
        {
            data.Add(name!);
        }

        return data;
    }

    public static string Read(string folder, string name) => File.ReadAllText(System.IO.Path.Combine(Folder(folder), name));

    public static JsonNode? Parse(string folder, string name) => JsonNode.Parse(Read(folder, name));

    private static string Folder(string folder) => RepositoryRoot.Combine("schemas", "examples", folder);
}
