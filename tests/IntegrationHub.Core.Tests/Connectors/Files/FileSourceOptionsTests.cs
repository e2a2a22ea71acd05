using System.Text.Json.Nodes;
using IntegrationHub.Connectors;
using IntegrationHub.Connectors.Files;

namespace IntegrationHub.Core.Tests.Connectors.Files;

public sealed class FileSourceOptionsTests
{
    [Fact]
    public void From_MinimalCsvSource_FillsTheDocumentedDefaults()
    {
        var options = FileSourceOptions.From(new JsonObject { ["path"] = "{dataDirectory}/inbox", ["format"] = "csv" }, "c");
        Assert.Equal("*.csv", options.Pattern);
        Assert.Equal("auto", options.Encoding);
        Assert.Equal(500, options.PageSize);
        Assert.Null(options.Readiness.MarkerSuffix);
        Assert.Equal(TimeSpan.FromSeconds(5), options.Readiness.Settle);
        Assert.True(options.Csv.Header);
        Assert.Equal(",", options.Csv.Delimiter);
    }

    [Fact]
    public void From_XmlWithoutRecordPath_NamesTheMissingSetting()
    {
        var error = Assert.Throws<ConnectorConfigurationException>(() => FileSourceOptions.From(new JsonObject { ["path"] = "x", ["format"] = "xml" }, "c"));
        Assert.Equal("source.xml.recordPath", error.Setting);
    }

    [Fact]
    public void From_UnknownEncoding_NamesTheSetting()
    {
        var error = Assert.Throws<ConnectorConfigurationException>(() =>
            FileSourceOptions.From(new JsonObject { ["path"] = "x", ["format"] = "csv", ["encoding"] = "big5" }, "c"));
        Assert.Equal("source.encoding", error.Setting);
    }
}
