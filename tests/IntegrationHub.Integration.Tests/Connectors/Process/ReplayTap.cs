using System.Text.Json.Nodes;
using IntegrationHub.Connectors;
using IntegrationHub.Connectors.Definitions;
using IntegrationHub.Connectors.Process;
using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Mapping.Definition;

namespace IntegrationHub.Integration.Tests.Connectors.Process;

/// <summary>
/// The Singer tap the tests ship (taps/replay-tap.sh, run with bash): replays a records file of its own folder as RECORD
/// messages with a STATE every few records, and resumes after the line named in --state.
/// </summary>
public sealed class ReplayTap : IDisposable
{
    public static string Script { get; } = Path.Combine(RepositoryPaths.Root, "tests", "IntegrationHub.Integration.Tests", "Connectors", "Process", "taps", "replay-tap.sh");

    private ReplayTap(string directory) => Directory = directory;

    public string Directory { get; }

    public string RecordsFile => Path.Combine(Directory, "records.jsonl");

    public string ReportFile => Path.Combine(Directory, "report.txt");

    public static ReplayTap With(IEnumerable<string> lines)
    {
        var tap = new ReplayTap(System.IO.Directory.CreateTempSubdirectory("hub-tap-test-").FullName);
        File.WriteAllLines(tap.RecordsFile, lines);
        return tap;
    }

    /// <summary>Records {"id": 1} … {"id": count}.</summary>
    public static ReplayTap Counting(int count) => With(Enumerable.Range(1, count).Select(i => $$"""{"id":{{i}},"name":"case {{i}}"}"""));

    public JsonObject Source(int stateEvery, int pageSize = 500, JsonObject? environment = null) => new()
    {
        ["command"] = "bash",
        ["args"] = new JsonArray(Script),
        ["config"] = new JsonObject { ["recordsFile"] = RecordsFile, ["stream"] = "cases", ["stateEvery"] = stateEvery },
        ["environment"] = environment ?? new JsonObject { ["TAP_REPORT"] = ReportFile },
        ["pageSize"] = pageSize,
    };

    public static ConnectorDefinition Connector(JsonObject source) => new()
    {
        Id = "tap-test",
        Name = "tap-test",
        Kind = "process",
        Source = source,
        Mapping = new MappingDefinition { Version = 1, SourceKey = ["id"], Fields = [] },
    };

    public static ConnectorContext Context { get; } = new(Path.GetTempPath());

    public static async Task<List<SourcePage>> ReadAllAsync(JsonObject source, string? checkpoint = null, CancellationToken ct = default)
    {
        var pages = new List<SourcePage>();
        await foreach (var page in new ProcessSourceConnector().ReadAsync(Connector(source), checkpoint, Context, ct).WithCancellation(ct))
            pages.Add(page);
        return pages;
    }

    public static List<long> Ids(IEnumerable<SourcePage> pages) =>
        [.. pages.SelectMany(p => p.Records).Where(r => r.Problem is null).Select(r => r.Data["id"]!.GetValue<long>())];

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder: best effort.
        }
    }
}
