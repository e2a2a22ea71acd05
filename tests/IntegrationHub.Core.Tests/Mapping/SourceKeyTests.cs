using System.Text.Json.Nodes;
using IntegrationHub.Mapping.Definition;
using IntegrationHub.Mapping.Engine;

namespace IntegrationHub.Core.Tests.Mapping;

/// <summary><c>sourceKey</c> and <c>sourceVersion</c>: how a record is identified and versioned in its source system.</summary>
public sealed class SourceKeyTests
{
    [Theory]
    [InlineData("\"案件ID\"", """{ "案件ID": "A-001" }""", "A-001")]
    [InlineData("\"案件ID\"", """{ "案件ID": 1001 }""", "1001")]
    [InlineData("[\"机关代码\", \"案件编号\"]", """{ "机关代码": "11320100MB1234567X", "案件编号": "2024-12" }""", "11320100MB1234567X/2024-12")]
    [InlineData("\"case.id\"", """{ "case": { "id": "B-7" } }""", "B-7")]
    public void SourceKey_OfOneOrSeveralFields_IdentifiesTheRecord(string sourceKey, string raw, string expected)
    {
        var mapped = Engine(sourceKey).Map(JsonNode.Parse(raw)!.AsObject());

        Assert.Empty(mapped.Issues);
        Assert.Equal(expected, mapped.SourceKey);
    }

    [Theory]
    [InlineData("\"案件ID\"", """{ "其他": "x" }""", "案件ID")]
    [InlineData("\"案件ID\"", """{ "案件ID": "  " }""", "案件ID")]
    [InlineData("[\"机关代码\", \"案件编号\"]", """{ "机关代码": "11320100MB1234567X" }""", "案件编号")]
    [InlineData("[\"机关代码\", \"案件编号\"]", """{ "案件编号": null }""", "机关代码/案件编号")]
    public void SourceKey_Missing_IsAnErrorNamingTheKeyFields(string sourceKey, string raw, string missing)
    {
        var mapped = Engine(sourceKey).Map(JsonNode.Parse(raw)!.AsObject());

        var issue = Assert.Single(mapped.Issues);
        Assert.Equal("mapping.source-key-missing", issue.Rule);
        Assert.Equal("sourceKey", issue.Field);
        Assert.Equal(missing, issue.SourceField);
        Assert.Contains(missing, issue.MessageZh, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "案件ID": "A-1", "更新时间": "2025-01-01 09:00:00.000" }""", "2025-01-01 09:00:00.000")]
    [InlineData("""{ "案件ID": "A-1" }""", null)]
    public void SourceVersion_IsReadAsText(string raw, string? expected) =>
        Assert.Equal(expected, Engine("\"案件ID\"").Map(JsonNode.Parse(raw)!.AsObject()).SourceVersion);

    private static MappingEngine Engine(string sourceKey) =>
        new(MappingDefinition.Parse($$"""{ "version": 1, "sourceKey": {{sourceKey}}, "sourceVersion": "更新时间", "fields": {} }"""));
}
