using static IntegrationHub.Core.Tests.Mapping.MappingFixture;

namespace IntegrationHub.Core.Tests.Mapping;

/// <summary><c>"bool": {"true": [...], "false": [...]}</c>: the department's words for yes and no.</summary>
public sealed class BoolRuleTests
{
    private const string Rule = """{ "from": "是否重大案件", "bool": { "true": ["是", "1", "Y"], "false": ["否", "0", "N"] } }""";

    [Theory]
    [InlineData("是", true)]
    [InlineData("1", true)]
    [InlineData("Y", true)]
    [InlineData("y", true)]
    [InlineData(" 是 ", true)]
    [InlineData("否", false)]
    [InlineData("0", false)]
    [InlineData("n", false)]
    public void Bool_AListedWord_BecomesTrueOrFalse(string value, bool expected)
    {
        var mapped = MapRule("legalReview.required", Rule, Raw("是否重大案件", value));

        Assert.Empty(mapped.Issues);
        Assert.Equal(expected, (bool?)At(mapped.Output, "legalReview.required"));
    }

    [Fact]
    public void Bool_FromAJsonBooleanOrNumberColumn_IsComparedAsText()
    {
        const string rule = """{ "from": "重大", "bool": { "true": ["true", "1"], "false": ["false", "0"] } }""";

        Assert.Equal(true, (bool?)At(MapRule("legalReview.required", rule, Raw("""{ "重大": true }""")).Output, "legalReview.required"));
        Assert.Equal(false, (bool?)At(MapRule("legalReview.required", rule, Raw("""{ "重大": 0 }""")).Output, "legalReview.required"));
    }

    [Theory]
    [InlineData("不是")]
    [InlineData("2")]
    [InlineData("yes")]
    public void Bool_AnUnlistedWord_IsAnErrorNamingFieldSourceAndValue(string value)
    {
        var mapped = MapRule("legalReview.required", Rule, Raw("是否重大案件", value));

        var issue = Assert.Single(mapped.Issues);
        Assert.Equal("mapping.bool-value", issue.Rule);
        Assert.Equal("legalReview.required", issue.Field);
        Assert.Equal("是否重大案件", issue.SourceField);
        Assert.Equal(value, issue.Value);
        Assert.Null(At(mapped.Output, "legalReview"));
    }
}
