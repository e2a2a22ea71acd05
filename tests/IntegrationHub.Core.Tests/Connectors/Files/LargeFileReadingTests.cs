using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.Connectors;
using IntegrationHub.Connectors.Definitions;
using IntegrationHub.Connectors.Files;
using IntegrationHub.Mapping.Definition;

namespace IntegrationHub.Core.Tests.Connectors.Files;

/// <summary>
/// Files of tens of megabytes read through the connector as a sync reads them: full pages in order, positions that count
/// the file's rows, nothing lost at page borders. (Memory at gigabyte sizes is measured by the benchmark's files mode.)
/// </summary>
public sealed class LargeFileReadingTests : IDisposable
{
    private const int Rows = 60_000;
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Csv_TensOfMegabytes_IsReadInFullPagesWithConsecutiveLineNumbers()
    {
        using (var writer = new StreamWriter(_folder.File("cases.csv"), false, new UTF8Encoding(true)))
        {
            writer.Write("案件ID,当事人名称,违法事实,罚款金额\r\n");
            for (var i = 1; i <= Rows; i++)
                writer.Write(string.Create(CultureInfo.InvariantCulture, $"{i},\"某某公司{i}\",\"{new string('事', 300)}，第{i}号\",{i * 10}\r\n"));
        }

        var pages = await ReadAsync("csv");

        AssertPages(pages, i => $"cases.csv row {i + 1}");
        Assert.Equal("60000", pages.SelectMany(p => p.Records).Last().Data["案件ID"]!.GetValue<string>());
    }

    [Fact]
    public async Task JsonArray_TensOfMegabytes_IsStreamedInFullPagesWithRecordNumbers()
    {
        using (var writer = new StreamWriter(_folder.File("cases.json"), false, new UTF8Encoding(false)))
        {
            writer.Write("{\"data\":{\"total\":60000,\"items\":[");
            for (var i = 1; i <= Rows; i++)
                writer.Write(string.Create(CultureInfo.InvariantCulture, $"{(i > 1 ? "," : "")}{{\"案件ID\":{i},\"违法事实\":\"{new string('事', 300)}\",\"附件\":[{{\"名称\":\"决定书\"}}]}}"));
            writer.Write("]}}");
        }

        var pages = await ReadAsync("json", new JsonObject { ["recordsPath"] = "data.items" });

        AssertPages(pages, i => $"cases.json record {i}");
        Assert.Equal(Rows, pages.SelectMany(p => p.Records).Last().Data["案件ID"]!.GetValue<long>());
        Assert.Equal("决定书", pages[0].Records[0].Data["附件"]![0]!["名称"]!.GetValue<string>());
    }

    [Fact]
    public void SharedStrings_LargerThanTheSpillSize_AreReadBackFromDiskByPosition()
    {
        using var table = new SharedStringTable(spillAt: 1_000);
        for (var i = 0; i < 5_000; i++)
            table.Add(string.Create(CultureInfo.InvariantCulture, $"当事人{i}"));
        table.Complete();

        Assert.True(table.Spilled);
        Assert.Equal("当事人0", table[0]);
        Assert.Equal("当事人4999", table[4_999]);
        Assert.Equal("当事人1234", table[1_234]);
        Assert.Throws<UnreadableFileException>(() => table[5_000]);
    }

    private static void AssertPages(List<SourcePage> pages, Func<int, string> origin)
    {
        var records = pages.SelectMany(p => p.Records).ToList();
        Assert.Equal(Rows, records.Count);
        Assert.Equal(Rows / FileSourceOptions.DefaultPageSize, pages.Count(p => p.Records.Count == FileSourceOptions.DefaultPageSize));
        Assert.All(pages, p => Assert.InRange(p.Records.Count, 0, FileSourceOptions.DefaultPageSize));
        Assert.All(records, r => Assert.Null(r.Problem));
        Assert.Equal(Enumerable.Range(1, Rows).Select(origin), records.Select(r => r.Origin));
    }

    private async Task<List<SourcePage>> ReadAsync(string format, JsonObject? json = null)
    {
        var source = new JsonObject { ["path"] = _folder.Path, ["format"] = format, ["settleSeconds"] = 0 };
        if (json is not null)
            source["json"] = json;
        var connector = new ConnectorDefinition
        {
            Id = "large-files",
            Name = "large files",
            Kind = "file",
            Source = source,
            Mapping = new MappingDefinition { Version = 1, SourceKey = ["案件ID"], Fields = [] },
        };
        var pages = new List<SourcePage>();
        await foreach (var page in new FileSourceConnector(TimeProvider.System).ReadAsync(connector, null, new ConnectorContext(_folder.Path), CancellationToken.None))
            pages.Add(page);
        return pages;
    }
}
