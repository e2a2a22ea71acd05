using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using IntegrationHub.Connectors.Rest;
using Microsoft.AspNetCore.Builder;

namespace IntegrationHub.Integration.Tests.Connectors.Rest;

/// <summary>
/// Incremental reads: the first run reads everything, the next ones ask for what changed since the largest update time
/// seen minus the overlap, in the source's own time format; a resumed read keeps the "since" it started with.
/// </summary>
public sealed class RestIncrementalTests
{
    private const string Format = "yyyy-MM-dd HH:mm:ss";

    /// <summary>A department API over a changing set of cases, filtering by <c>since</c> (Beijing time) and paging.</summary>
    private static Task<DepartmentApi> StartAsync(ConcurrentDictionary<string, JsonObject> cases) =>
        DepartmentApi.StartAsync(app => app.MapGet("/cases", (string? since, int page, int size) =>
        {
            var after = since is null ? DateTime.MinValue : DateTime.ParseExact(since, Format, CultureInfo.InvariantCulture);
            var matching = cases.Values
                .Where(c => DateTime.ParseExact(c["updated_at"]!.GetValue<string>(), Format, CultureInfo.InvariantCulture) >= after)
                .OrderBy(c => c["updated_at"]!.GetValue<string>(), StringComparer.Ordinal).ThenBy(c => c["id"]!.GetValue<string>(), StringComparer.Ordinal)
                .ToList();
            return Respond.Json(new JsonObject { ["list"] = Cases.Array(Respond.Slice(matching, (page - 1) * size, size)) });
        }));

    private static JsonObject Source(DepartmentApi api) => new()
    {
        ["url"] = api.Url("/cases").AbsoluteUri,
        ["recordsPath"] = "list",
        ["pageSize"] = 4,
        ["pagination"] = new JsonObject { ["type"] = "page", ["sizeParameter"] = "size" },
        ["incremental"] = new JsonObject { ["parameter"] = "since", ["field"] = "updated_at", ["format"] = Format, ["utcOffset"] = "+08:00", ["overlap"] = "00:10:00" },
    };

    [Fact]
    public async Task SecondRun_AsksForChangesSinceTheLargestUpdateTimeMinusTheOverlap_AndGetsTheChangedCase()
    {
        var cases = new ConcurrentDictionary<string, JsonObject>(Cases.Range(10).ToDictionary(c => c["id"]!.GetValue<string>()));
        await using var api = await StartAsync(cases);
        await using var harness = new RestConnectorHarness();

        var first = await harness.ReadAllAsync(Source(api));
        var stored = RestCheckpoint.Parse(first[^1].CheckpointAfter);
        var changed = Cases.Case(3);
        changed["updated_at"] = "2025-03-01 12:00:00";
        cases["C0003"] = changed;
        var second = await harness.ReadAllAsync(Source(api), first[^1].CheckpointAfter);

        Assert.Equal(10, Cases.Ids(first).Count);
        Assert.Null(api.RequestsTo("/cases")[0]["since"]);
        Assert.Equal(Cases.UpdatedAt(10), stored.MaxSeen);
        Assert.False(stored.InProgress);
        // Case 10 was updated at 09:10; minus ten minutes of overlap: 09:00, so cases 0..10 are re-read (harmless).
        var secondRequests = api.RequestsTo("/cases").Skip(4).ToList();
        Assert.All(secondRequests, r => Assert.Equal("2025-03-01 09:00:00", r["since"]));
        Assert.Contains("C0003", Cases.Ids(second));
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.FromHours(8)), RestCheckpoint.Parse(second[^1].CheckpointAfter).MaxSeen);
    }

    [Fact]
    public async Task FirstRun_WithAnInitialValue_SendsIt()
    {
        var cases = new ConcurrentDictionary<string, JsonObject>(Cases.Range(10).ToDictionary(c => c["id"]!.GetValue<string>()));
        await using var api = await StartAsync(cases);
        await using var harness = new RestConnectorHarness();
        var source = Source(api);
        source["incremental"]!["initialValue"] = "2025-03-01 09:08:00";

        var pages = await harness.ReadAllAsync(source);

        Assert.Equal(["C0008", "C0009", "C0010"], Cases.Ids(pages));
    }

    [Fact]
    public async Task ResumedRead_KeepsTheSinceOfTheReadItResumes_AndStartsAtTheStoredPage()
    {
        var cases = new ConcurrentDictionary<string, JsonObject>(Cases.Range(10).ToDictionary(c => c["id"]!.GetValue<string>()));
        await using var api = await StartAsync(cases);
        await using var harness = new RestConnectorHarness();
        var interrupted = new RestCheckpoint("2025-03-01 09:02:00", new RestPosition { Page = 2 }, Cases.UpdatedAt(5)).Serialize();

        var pages = await harness.ReadAllAsync(Source(api), interrupted);

        var first = api.RequestsTo("/cases")[0];
        Assert.Equal(("2", "2025-03-01 09:02:00"), (first["page"], first["since"]));
        // Since 09:02 the cases are 2..10; page 2 of 4 starts at case 6.
        Assert.Equal(["C0006", "C0007", "C0008", "C0009", "C0010"], Cases.Ids(pages));
        Assert.Equal(Cases.UpdatedAt(10), RestCheckpoint.Parse(pages[^1].CheckpointAfter).MaxSeen);
    }
}
