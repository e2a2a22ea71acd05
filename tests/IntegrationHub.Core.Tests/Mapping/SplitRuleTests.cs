using static IntegrationHub.Core.Tests.Mapping.MappingFixture;

namespace IntegrationHub.Core.Tests.Mapping;

/// <summary><c>"split"</c> with a <c>[]</c> target: one source text becomes several array elements.</summary>
public sealed class SplitRuleTests
{
    [Theory]
    [InlineData("罚款;警告", """["罚款","警告"]""")]
    [InlineData("罚款；警告、没收违法所得,通报批评，责令停产停业", """["罚款","警告","没收违法所得","通报批评","责令停产停业"]""")]
    [InlineData(" 罚款 ; 警告 ", """["罚款","警告"]""")]
    [InlineData("罚款;;警告；", """["罚款","警告"]""")]
    [InlineData("罚款", """["罚款"]""")]
    public void Split_OnSeveralSeparators_GivesOneElementPerNonEmptyPart(string value, string expected)
    {
        var mapped = MapRule("legalBasis[]", """{ "from": "处罚种类", "split": [";", "；", "、", ",", "，"] }""", Raw("处罚种类", value));

        Assert.Equal(expected, JsonAt(mapped, "legalBasis"));
    }

    [Fact]
    public void Split_WithASingleSeparatorString_SplitsOnIt()
    {
        var mapped = MapRule("legalBasis[]", """{ "from": "处罚依据", "split": "；" }""", Raw("处罚依据", "《食品安全法》第一百二十四条；《行政处罚法》第二十八条"));

        Assert.Equal("""["《食品安全法》第一百二十四条","《行政处罚法》第二十八条"]""", JsonAt(mapped, "legalBasis"));
    }

    [Fact]
    public void Split_WithItem_MakesEachPartAnObjectWithThatProperty()
    {
        var mapped = MapRule("penalties[]", """{ "from": "处罚种类", "split": ["、"], "item": "type" }""", Raw("处罚种类", "罚款、警告"));

        Assert.Equal("""[{"type":"罚款"},{"type":"警告"}]""", JsonAt(mapped, "penalties"));
    }

    [Fact]
    public void Split_WithACodeMap_TranslatesEachPart()
    {
        var mapped = MapRule(
            "penalties[]",
            """{ "from": "处罚种类", "split": ["、", ";"], "code": { "map": { "罚款": "fine", "警告": "warning" } }, "item": "type" }""",
            Raw("处罚种类", "罚款; 警告"));

        Assert.Equal("""[{"type":"fine"},{"type":"warning"}]""", JsonAt(mapped, "penalties"));
    }

    [Fact]
    public void Split_WithOneUnknownCode_RejectsThatPartAndKeepsTheOthers()
    {
        var mapped = MapRule(
            "penalties[]",
            """{ "from": "处罚种类", "split": "、", "code": { "map": { "罚款": "fine", "警告": "warning" } }, "item": "type" }""",
            Raw("处罚种类", "罚款、记过、警告"));

        Assert.Equal("记过", Assert.Single(mapped.Issues).Value);
        Assert.Equal("""[{"type":"fine"},{"type":"warning"}]""", JsonAt(mapped, "penalties"));
    }

    [Fact]
    public void EachTarget_FromAJsonArraySourceField_TakesEveryElement()
    {
        var mapped = MapRule("legalBasis[]", """{ "from": "依据" }""", Raw("""{ "依据": ["甲法第一条", "乙法第二条"] }"""));

        Assert.Equal("""["甲法第一条","乙法第二条"]""", JsonAt(mapped, "legalBasis"));
    }
}
