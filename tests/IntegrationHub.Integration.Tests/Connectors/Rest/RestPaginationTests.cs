using System.Text.Json.Nodes;
using IntegrationHub.Connectors.Rest;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace IntegrationHub.Integration.Tests.Connectors.Rest;

/// <summary>Every pagination style against a real HTTP server: each ends at an empty page or when there is no next page.</summary>
public sealed class RestPaginationTests
{
    private static readonly List<JsonObject> TwentyThree = Cases.Range(23);

    [Fact]
    public async Task Read_PageNumberPagination_ReadsEveryPageUntilAnEmptyOne()
    {
        await using var api = await DepartmentApi.StartAsync(app => app.MapGet("/cases", (int page, int pageSize) =>
            Respond.Wrapped(Respond.Slice(TwentyThree, (page - 1) * pageSize, pageSize), TwentyThree.Count)));
        await using var harness = new RestConnectorHarness();

        var pages = await harness.ReadAllAsync(new JsonObject
        {
            ["url"] = api.Url("/cases").AbsoluteUri,
            ["recordsPath"] = "$.data.items",
            ["pageSize"] = 10,
            ["pagination"] = new JsonObject { ["type"] = "page" },
        });

        Assert.Equal(TwentyThree.Select(c => c["id"]!.GetValue<string>()), Cases.Ids(pages));
        Assert.Equal(["1", "2", "3", "4"], api.RequestsTo("/cases").Select(r => r["page"]));
        Assert.All(api.RequestsTo("/cases"), r => Assert.Equal("10", r["pageSize"]));
        Assert.Empty(pages[^1].Records);
        Assert.False(RestCheckpoint.Parse(pages[^1].CheckpointAfter).InProgress);
    }

    [Fact]
    public async Task Read_PageNumberPagination_WithOwnParameterNamesAndFirstPageZero_SendsThem()
    {
        await using var api = await DepartmentApi.StartAsync(app => app.MapGet("/cases", (int pageNo, int rows) =>
            Respond.Json(Cases.Array(Respond.Slice(TwentyThree, pageNo * rows, rows)))));
        await using var harness = new RestConnectorHarness();

        var pages = await harness.ReadAllAsync(new JsonObject
        {
            ["url"] = api.Url("/cases?status=closed").AbsoluteUri,
            ["pageSize"] = 20,
            ["queryParameters"] = new JsonObject { ["region"] = "330100" },
            ["headers"] = new JsonObject { ["X-Department"] = "ecology" },
            ["pagination"] = new JsonObject { ["type"] = "page", ["pageParameter"] = "pageNo", ["sizeParameter"] = "rows", ["firstPage"] = 0 },
        });

        Assert.Equal(23, Cases.Ids(pages).Count);
        var first = api.RequestsTo("/cases")[0];
        Assert.Equal(("0", "20", "closed", "330100", "ecology"), (first["pageNo"], first["rows"], first["status"], first["region"], first.Header("X-Department")));
    }

    [Fact]
    public async Task Read_OffsetPagination_AdvancesByTheRecordsReceived_EvenWhenTheServerCapsTheLimit()
    {
        const int serverMaximum = 7;
        await using var api = await DepartmentApi.StartAsync(app => app.MapGet("/cases", (int offset, int limit) =>
            Respond.Json(new JsonObject { ["rows"] = Cases.Array(Respond.Slice(TwentyThree, offset, Math.Min(limit, serverMaximum))) })));
        await using var harness = new RestConnectorHarness();

        var pages = await harness.ReadAllAsync(new JsonObject
        {
            ["url"] = api.Url("/cases").AbsoluteUri,
            ["recordsPath"] = "rows",
            ["pageSize"] = 10,
            ["pagination"] = new JsonObject { ["type"] = "offset" },
        });

        Assert.Equal(TwentyThree.Select(c => c["id"]!.GetValue<string>()), Cases.Ids(pages));
        Assert.Equal(["0", "7", "14", "21", "23"], api.RequestsTo("/cases").Select(r => r["offset"]));
    }

    [Fact]
    public async Task Read_CursorPagination_FollowsTheTokenInTheBody_AndStopsWhenItIsNull()
    {
        await using var api = await DepartmentApi.StartAsync(app => app.MapGet("/cases", (string? after) =>
        {
            var start = after is null ? 0 : int.Parse(after[1..], System.Globalization.CultureInfo.InvariantCulture);
            var items = Respond.Slice(TwentyThree, start, 10);
            var next = start + 10 < TwentyThree.Count ? $"c{start + 10}" : null;
            return Respond.Json(new JsonObject { ["items"] = Cases.Array(items), ["meta"] = new JsonObject { ["next"] = next } });
        }));
        await using var harness = new RestConnectorHarness();

        var pages = await harness.ReadAllAsync(new JsonObject
        {
            ["url"] = api.Url("/cases").AbsoluteUri,
            ["recordsPath"] = "items",
            ["pagination"] = new JsonObject { ["type"] = "cursor", ["cursorPath"] = "meta.next", ["cursorParameter"] = "after" },
        });

        Assert.Equal(TwentyThree.Select(c => c["id"]!.GetValue<string>()), Cases.Ids(pages));
        Assert.Equal([null, "c10", "c20"], api.RequestsTo("/cases").Select(r => r["after"]));
        Assert.Equal("c10", RestCheckpoint.Parse(pages[0].CheckpointAfter).Next!.Cursor);
        Assert.False(RestCheckpoint.Parse(pages[^1].CheckpointAfter).InProgress);
    }

    [Fact]
    public async Task Read_LinkHeaderPagination_FollowsRelNext_RelativeOrAbsolute()
    {
        await using var api = await DepartmentApi.StartAsync(app => app.MapGet("/v2/cases", (HttpContext context, int? p) =>
        {
            var page = p ?? 1;
            var request = context.Request;
            var absolute = $"{request.Scheme}://{request.Host}/v2/cases?p={page + 1}";
            if (page * 10 < TwentyThree.Count)
            {
                // An absolute link on odd pages, a relative one on even pages; other relations around it.
                var next = page % 2 == 1 ? absolute : $"cases?p={page + 1}";
                context.Response.Headers.Append("Link", $"<{request.Scheme}://{request.Host}/v2/cases?p=1>; rel=\"first\", <{next}>; rel=\"next\"; title=\"a, b\"");
            }

            return Respond.Json(Cases.Array(Respond.Slice(TwentyThree, (page - 1) * 10, 10)));
        }));
        await using var harness = new RestConnectorHarness();

        var pages = await harness.ReadAllAsync(new JsonObject
        {
            ["url"] = api.Url("/v2/cases").AbsoluteUri,
            ["pagination"] = new JsonObject { ["type"] = "link" },
        });

        Assert.Equal(TwentyThree.Select(c => c["id"]!.GetValue<string>()), Cases.Ids(pages));
        Assert.Equal([null, "2", "3"], api.RequestsTo("/v2/cases").Select(r => r["p"]));
        Assert.Equal(3, pages.Count);
    }

    [Fact]
    public async Task Read_WithoutPagination_MakesOneRequest_ForARootArray()
    {
        await using var api = await DepartmentApi.StartAsync(app => app.MapGet("/all", () => Respond.Json(Cases.Array(TwentyThree))));
        await using var harness = new RestConnectorHarness();

        var pages = await harness.ReadAllAsync(new JsonObject { ["url"] = api.Url("/all").AbsoluteUri });

        var page = Assert.Single(pages);
        Assert.Equal(23, page.Records.Count);
        Assert.Single(api.Requests);
        Assert.Contains("/all", page.Records[0].Origin, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_AnEmptyFirstPage_SucceedsWithNoRecords_AndEndsTheRead()
    {
        await using var api = await DepartmentApi.StartAsync(app => app.MapGet("/cases", () => Respond.Wrapped([], 0)));
        await using var harness = new RestConnectorHarness();
        var source = new JsonObject
        {
            ["url"] = api.Url("/cases").AbsoluteUri,
            ["recordsPath"] = "data.items",
            ["pagination"] = new JsonObject { ["type"] = "page" },
        };

        var check = await harness.CheckAsync(source);
        var pages = await harness.ReadAllAsync(source);

        Assert.True(check.Succeeded, check.Message);
        Assert.Equal(0, check.RecordsRead);
        var page = Assert.Single(pages);
        Assert.Empty(page.Records);
    }
}
