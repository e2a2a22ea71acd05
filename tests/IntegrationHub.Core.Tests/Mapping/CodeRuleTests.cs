using static IntegrationHub.Core.Tests.Mapping.MappingFixture;

namespace IntegrationHub.Core.Tests.Mapping;

/// <summary><c>"code"</c>: a department's codes become canonical values; each map decides what an unknown code does.</summary>
public sealed class CodeRuleTests
{
    private const string CodeLists = """
        {
          "category": { "map": { "01": "licensing", "02": "penalty", "06": "inspection" }, "unknown": "reject" },
          "idType": { "map": { "身份证": "residentIdCard", "护照": "passport" }, "unknown": { "default": "other" } }
        }
        """;

    [Theory]
    [InlineData("01", "licensing")]
    [InlineData("02", "penalty")]
    [InlineData(" 06 ", "inspection")]
    public void Code_FromANamedList_BecomesTheCanonicalValue(string value, string expected)
    {
        var mapped = MapRule("category", """{ "from": "案件类别", "code": "category" }""", Raw("案件类别", value), CodeLists);

        Assert.Empty(mapped.Issues);
        Assert.Equal(expected, (string?)At(mapped.Output, "category"));
    }

    [Fact]
    public void Code_FromAnInlineMap_BecomesTheCanonicalValue()
    {
        var mapped = MapRule("counterparts[0].kind", """{ "from": "当事人类型", "code": { "map": { "1": "legalPerson", "2": "naturalPerson" } } }""", Raw("当事人类型", "2"));

        Assert.Equal("naturalPerson", (string?)At(mapped.Output, "counterparts[0].kind"));
    }

    [Fact]
    public void Code_FromAJsonNumberColumn_IsComparedAsText()
    {
        var mapped = MapRule("counterparts[0].kind", """{ "from": "当事人类型", "code": { "map": { "1": "legalPerson" } } }""", Raw("""{ "当事人类型": 1 }"""));

        Assert.Equal("legalPerson", (string?)At(mapped.Output, "counterparts[0].kind"));
    }

    /// <summary>Every unknown-code policy, applied to the unlisted code "99".</summary>
    [Theory]
    [InlineData("", null, "mapping.code-unknown")]
    [InlineData(""", "unknown": "reject" """, null, "mapping.code-unknown")]
    [InlineData(""", "unknown": "keep" """, "99", null)]
    [InlineData(""", "unknown": "null" """, null, null)]
    [InlineData(""", "unknown": { "default": "other" } """, "other", null)]
    public void Code_NotInTheMap_FollowsTheUnknownPolicy(string policy, string? expected, string? rule)
    {
        var mapped = MapRule("category", $$"""{ "from": "案件类别", "code": { "map": { "01": "licensing" }{{policy}} } }""", Raw("案件类别", "99"));

        Assert.Equal(expected, (string?)At(mapped.Output, "category"));
        Assert.Equal(rule, mapped.Issues.SingleOrDefault()?.Rule);
    }

    [Fact]
    public void Code_UnknownAndRejected_IsAnErrorNamingFieldSourceCodeAndList()
    {
        var mapped = MapRule("category", """{ "from": "案件类别", "code": "category" }""", Raw("案件类别", " 99 "), CodeLists);

        var issue = Assert.Single(mapped.Issues);
        Assert.Equal("mapping.code-unknown", issue.Rule);
        Assert.Equal("category", issue.Field);
        Assert.Equal("案件类别", issue.SourceField);
        Assert.Equal("99", issue.Value);
        Assert.Contains("'category'", issue.MessageEn, StringComparison.Ordinal);
        Assert.Contains("代码表“category”", issue.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Code_UnknownInANamedListWithADefault_UsesTheDefault()
    {
        var mapped = MapRule("counterparts[0].idType", """{ "from": "证件类型", "code": "idType" }""", Raw("证件类型", "军官证"), CodeLists);

        Assert.Empty(mapped.Issues);
        Assert.Equal("other", (string?)At(mapped.Output, "counterparts[0].idType"));
    }

    [Fact]
    public void Code_MapKeysWrittenWithSpaces_MatchTrimmedCodes()
    {
        var mapped = MapRule("category", """{ "from": "案件类别", "code": { "map": { " 02 ": "penalty" } } }""", Raw("案件类别", "02"));

        Assert.Equal("penalty", (string?)At(mapped.Output, "category"));
    }
}
