using static IntegrationHub.Core.Tests.Mapping.MappingFixture;

namespace IntegrationHub.Core.Tests.Mapping;

/// <summary>Source fields: column names as they are (Chinese included), then dotted paths into nested JSON.</summary>
public sealed class SourcePathTests
{
    private const string Nested = """
        {
          "case": { "party": { "name": "某食品有限公司", "type": "ENT" } },
          "items": [ { "x": "第一项" }, { "x": "第二项" } ],
          "tags": [ "甲", "乙" ],
          "当事人名称": "某商贸有限公司",
          "case.party.name": "列名里带点的值"
        }
        """;

    [Theory]
    [InlineData("当事人名称", "某商贸有限公司")]
    [InlineData("case.party.type", "ENT")]
    [InlineData("items[1].x", "第二项")]
    [InlineData("items[0].x", "第一项")]
    [InlineData("tags[1]", "乙")]
    [InlineData("case.party.name", "列名里带点的值")]
    public void From_NameOrPath_ReadsTheField(string from, string expected)
    {
        var mapped = MapRule("value", $$"""{ "from": "{{from}}" }""", Raw(Nested));

        Assert.Equal(expected, (string?)At(mapped.Output, "value"));
    }

    [Theory]
    [InlineData("items[2].x")]
    [InlineData("case.party.address")]
    [InlineData("case.firm.name")]
    [InlineData("tags.x")]
    [InlineData("当事人")]
    [InlineData("items[x].x")]
    public void From_PathThatLeadsNowhere_IsMissing(string from)
    {
        var mapped = MapRule("value", $$"""{ "from": "{{from}}", "default": "缺" }""", Raw(Nested));

        Assert.Equal("缺", (string?)At(mapped.Output, "value"));
    }

    /// <summary>Regression: an index step on an object ignored the index and walked into the object.</summary>
    [Fact]
    public void From_IndexIntoAnObject_IsMissing()
    {
        var mapped = MapRule("value", """{ "from": "case[0].party", "default": "缺" }""", Raw(Nested));

        Assert.Equal("缺", (string?)At(mapped.Output, "value"));
    }

    [Fact]
    public void From_NestedPathWithChineseNames_ReadsTheField()
    {
        var mapped = MapRule("counterparts[0].name", """{ "from": "案件.当事人[0].名称" }""", Raw("""{ "案件": { "当事人": [ { "名称": "张三" } ] } }"""));

        Assert.Equal("张三", (string?)At(mapped.Output, "counterparts[0].name"));
    }
}
