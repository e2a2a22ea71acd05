using static IntegrationHub.Core.Tests.Mapping.MappingFixture;

namespace IntegrationHub.Core.Tests.Mapping;

/// <summary><c>"when"</c>: a rule applies only when its condition holds for the source record.</summary>
public sealed class ConditionTests
{
    [Theory]
    [InlineData("""{ "field": "当事人类型", "equals": "PER" }""", "PER", true)]
    [InlineData("""{ "field": "当事人类型", "equals": "PER" }""", " PER ", true)]
    [InlineData("""{ "field": "当事人类型", "equals": "PER" }""", "per", false)]
    [InlineData("""{ "field": "当事人类型", "equals": "PER" }""", "ENT", false)]
    [InlineData("""{ "field": "当事人类型", "equals": "PER" }""", null, false)]
    [InlineData("""{ "field": "当事人类型", "in": ["ENT", "ORG", "IND"] }""", "ORG", true)]
    [InlineData("""{ "field": "当事人类型", "in": ["ENT", "ORG", "IND"] }""", "PER", false)]
    [InlineData("""{ "field": "当事人类型", "in": ["ENT", "ORG", "IND"] }""", null, false)]
    [InlineData("""{ "field": "当事人类型", "exists": true }""", "PER", true)]
    [InlineData("""{ "field": "当事人类型", "exists": true }""", "  ", false)]
    [InlineData("""{ "field": "当事人类型", "exists": true }""", null, false)]
    [InlineData("""{ "field": "当事人类型", "exists": false }""", null, true)]
    [InlineData("""{ "field": "当事人类型", "exists": false }""", "PER", false)]
    [InlineData("""{ "field": "当事人类型", "exists": true, "in": ["PER"] }""", "PER", true)]
    [InlineData("""{ "field": "当事人类型", "exists": true, "in": ["PER"] }""", "ENT", false)]
    public void When_Condition_DecidesWhetherTheRuleApplies(string condition, string? partyType, bool applies)
    {
        var mapped = MapRule("counterparts[0].idNumber", $$"""{ "from": "证件号码", "when": {{condition}} }""",
            Raw(partyType is null ? """{ "证件号码": "110101199003074514" }""" : $$"""{ "证件号码": "110101199003074514", "当事人类型": "{{partyType}}" }"""));

        Assert.Equal(applies ? "110101199003074514" : null, (string?)At(mapped.Output, "counterparts[0].idNumber"));
    }

    [Theory]
    [InlineData("""{ "field": "级别", "equals": 3 }""", true)]
    [InlineData("""{ "field": "级别", "in": [1, 3] }""", true)]
    [InlineData("""{ "field": "级别", "in": [1, 2] }""", false)]
    public void When_ComparingWithANumber_MatchesANumericColumn(string condition, bool applies)
    {
        var mapped = MapRule("agency.level", $$"""{ "const": "county", "when": {{condition}} }""", Raw("""{ "级别": 3 }"""));

        Assert.Equal(applies ? "county" : null, (string?)At(mapped.Output, "agency.level"));
    }

    [Fact]
    public void When_ConditionFails_TheRuleRaisesNoIssueEither()
    {
        var mapped = MapRule("dates.decided", """{ "from": "决定日期", "date": "yyyyMMdd", "when": { "field": "案件类别", "equals": "02" } }""",
            Raw("""{ "决定日期": "不是日期", "案件类别": "06" }"""));

        Assert.Empty(mapped.Issues);
    }

    [Fact]
    public void When_OnAConstRule_WritesTheConstantOnlyWhenItHolds()
    {
        const string fields = """
            {
              "counterparts[0].idType": { "const": "residentIdCard", "when": { "field": "party_type", "equals": "PER" } },
              "counterparts[0].name": { "from": "party_name" }
            }
            """;

        Assert.Equal("residentIdCard", (string?)At(Map(fields, Raw("""{ "party_type": "PER", "party_name": "张三" }""")).Output, "counterparts[0].idType"));
        Assert.Null(At(Map(fields, Raw("""{ "party_type": "ENT", "party_name": "某公司" }""")).Output, "counterparts[0].idType"));
    }
}
