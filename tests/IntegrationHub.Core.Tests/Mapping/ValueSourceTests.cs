using static IntegrationHub.Core.Tests.Mapping.MappingFixture;

namespace IntegrationHub.Core.Tests.Mapping;

/// <summary>Where a rule's value comes from: <c>from</c> (one field or the first non-empty of several), <c>const</c>, <c>default</c>, <c>template</c>.</summary>
public sealed class ValueSourceTests
{
    [Theory]
    [InlineData("\"county\"", "\"county\"")]
    [InlineData("3", "3")]
    [InlineData("true", "true")]
    [InlineData("""{ "name": "某县综合行政执法局" }""", """{"name":"某县综合行政执法局"}""")]
    public void Const_WritesTheConstantWhateverTheRecord(string constant, string expected)
    {
        var mapped = MapRule("value", $$"""{ "const": {{constant}} }""", Raw("{}"));

        Assert.Equal(expected, JsonAt(mapped, "value"));
    }

    [Fact]
    public void Const_IsNotConvertedByTheRulesOtherKeys()
    {
        var mapped = MapRule("dates.decided", """{ "const": "2024年3月5日", "date": "yyyy-MM-dd", "text": "halfWidth" }""", Raw("{}"));

        Assert.Empty(mapped.Issues);
        Assert.Equal("2024年3月5日", (string?)At(mapped.Output, "dates.decided"));
    }

    [Theory]
    [InlineData(null, "一般")]
    [InlineData("", "一般")]
    [InlineData("   ", "一般")]
    [InlineData("简易", "简易")]
    public void Default_IsUsedWhenTheSourceFieldIsMissingOrEmpty(string? value, string expected)
    {
        var mapped = MapRule("procedure", """{ "from": "程序类型", "default": "一般" }""", Raw("程序类型", value));

        Assert.Equal(expected, (string?)At(mapped.Output, "procedure"));
    }

    [Fact]
    public void Default_Alone_WritesTheDefault()
    {
        var mapped = MapRule("agency.level", """{ "default": "county" }""", Raw("{}"));

        Assert.Equal("county", (string?)At(mapped.Output, "agency.level"));
    }

    [Fact]
    public void Default_IsNotPassedThroughTheCodeMap()
    {
        var mapped = MapRule("procedure", """{ "from": "程序类型", "code": { "map": { "简易": "simple" } }, "default": "ordinary" }""", Raw("程序类型", null));

        Assert.Empty(mapped.Issues);
        Assert.Equal("ordinary", (string?)At(mapped.Output, "procedure"));
    }

    [Theory]
    [InlineData("""{ "新文号": "甲", "旧文号": "乙" }""", "甲")]
    [InlineData("""{ "新文号": " ", "旧文号": "乙" }""", "乙")]
    [InlineData("""{ "新文号": null, "旧文号": "乙" }""", "乙")]
    [InlineData("""{ "旧文号": "乙" }""", "乙")]
    [InlineData("{}", null)]
    public void From_WithSeveralFields_TakesTheFirstNonEmpty(string raw, string? expected)
    {
        var mapped = MapRule("decisionNumber", """{ "from": ["新文号", "旧文号"] }""", Raw(raw));

        Assert.Equal(expected, (string?)At(mapped.Output, "decisionNumber"));
    }

    [Theory]
    [InlineData("""{ "年度": "2023", "序号": "12" }""", "苏市监罚〔2023〕12号")]
    [InlineData("""{ "年度": 2023, "序号": 12 }""", "苏市监罚〔2023〕12号")]
    [InlineData("""{ "年度": "2023" }""", "苏市监罚〔2023〕号")]
    public void Template_FillsEachPlaceholderWithItsField(string raw, string expected)
    {
        var mapped = MapRule("decisionNumber", """{ "template": "苏市监罚〔{年度}〕{序号}号" }""", Raw(raw));

        Assert.Equal(expected, (string?)At(mapped.Output, "decisionNumber"));
    }

    [Fact]
    public void Template_WithTextOperations_NormalizesTheFilledText()
    {
        var mapped = MapRule("decisionNumber", """{ "template": "{字号} [{年度}] {序号}号", "text": "documentNumber" }""",
            Raw("""{ "字号": "苏市监罚", "年度": "2023", "序号": "12" }"""));

        Assert.Equal("苏市监罚〔2023〕12号", (string?)At(mapped.Output, "decisionNumber"));
    }

    /// <summary>Regression: a template whose every field was empty wrote its bare punctuation ("〔〕号"), not the default.</summary>
    [Fact]
    public void Template_WhenEveryFieldIsMissing_IsMissingSoTheDefaultApplies()
    {
        var withDefault = MapRule("caseNumber", """{ "template": "{年度}-{序号}", "default": "无" }""", Raw("{}"));
        var withoutDefault = MapRule("caseNumber", """{ "template": "〔{年度}〕{序号}号" }""", Raw("""{ "年度": " " }"""));

        Assert.Equal("无", (string?)At(withDefault.Output, "caseNumber"));
        Assert.Null(At(withoutDefault.Output, "caseNumber"));
    }
}
