using System.Text.Json.Nodes;
using IntegrationHub.Integration.Tests.Harness;

namespace IntegrationHub.Integration.Tests.Hostile;

/// <summary>The corpus manifest, expanded: every case, and every payload carried by every source kind.</summary>
public static class HostileCorpus
{
    public static string Manifest { get; } = Path.Combine(RepositoryPaths.Root, "tests", "hostile-input", "manifest.json");

    public static IReadOnlyList<HostileCase> All { get; } = Load();

    public static TheoryData<string> Ids(Func<HostileCase, bool> which)
    {
        var data = new TheoryData<string>();
        foreach (var c in All.Where(which))
            data.Add(c.Id);
        return data;
    }

    public static HostileCase Find(string id) => All.Single(c => c.Id == id);

    private static List<HostileCase> Load()
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Manifest))!.AsObject();
        var cases = new List<HostileCase>();
        foreach (var payload in manifest["payloads"]!.AsArray().Select(p => p!.AsObject()))
        {
            foreach (var carrier in manifest["carriers"]!.AsArray().Select(c => c!.GetValue<string>()))
            {
                var expected = payload["except"]?[carrier]?.AsObject() ?? payload;
                var input = new JsonObject { ["generator"] = "payload", ["payload"] = payload.DeepClone() };
                var definition = new JsonObject { ["stored"] = payload["stored"]?.DeepClone() };
                cases.Add(new HostileCase($"{payload["name"]}@{carrier}", carrier, input, expected["expect"]!.GetValue<string>(), Reasons(expected), definition));
            }
        }

        foreach (var c in manifest["cases"]!.AsArray().Select(c => c!.AsObject()))
            cases.Add(new HostileCase(c["id"]!.GetValue<string>(), c["source"]!.GetValue<string>(), c["input"]!.AsObject(), c["expect"]!.GetValue<string>(), Reasons(c), c));
        return cases;
    }

    private static List<string> Reasons(JsonObject node) => node["reasons"]?.AsArray().Select(r => r!.GetValue<string>()).ToList() ?? [];
}
