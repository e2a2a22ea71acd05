using static IntegrationHub.Core.Tests.Mapping.MappingFixture;

namespace IntegrationHub.Core.Tests.Mapping;

/// <summary>Target paths: nested objects, <c>[n]</c> elements, <c>[]</c> lists, <c>[key=value]</c> selectors, and pruning.</summary>
public sealed class TargetPathTests
{
    [Fact]
    public void Target_WithDots_BuildsNestedObjectsSharedByTheirRules()
    {
        var mapped = Map("""
            {
              "agency.name": { "from": "执法机关" },
              "agency.uscc": { "from": "执法机关代码" },
              "legalReview.opinion.text": { "from": "审核意见" }
            }
            """, Raw("""{ "执法机关": "某县市场监督管理局", "执法机关代码": "11320100MB1234567X", "审核意见": "同意" }"""));

        Assert.Equal("""{"schema":"1","agency":{"name":"某县市场监督管理局","uscc":"11320100MB1234567X"},"legalReview":{"opinion":{"text":"同意"}}}""", OutputJson(mapped));
    }

    [Fact]
    public void Target_WithIndexes_WritesTheElementsAtTheirPositions()
    {
        var mapped = Map("""
            {
              "officers[0].name": { "from": "主办人" },
              "officers[0].certificateNumber": { "from": "主办人证号" },
              "officers[1].name": { "from": "协办人" },
              "officers[1].certificateNumber": { "from": "协办人证号" }
            }
            """, Raw("""{ "主办人": "张三", "主办人证号": "32010001", "协办人": "李四", "协办人证号": "32010002" }"""));

        Assert.Equal("""[{"name":"张三","certificateNumber":"32010001"},{"name":"李四","certificateNumber":"32010002"}]""", JsonAt(mapped, "officers"));
    }

    [Fact]
    public void Target_IndexOnTheLastStep_WritesTheValueItself()
    {
        var mapped = Map("""{ "legalBasis[0]": { "from": "依据一" }, "legalBasis[1]": { "from": "依据二" } }""", Raw("""{ "依据一": "甲", "依据二": "乙" }"""));

        Assert.Equal("""["甲","乙"]""", JsonAt(mapped, "legalBasis"));
    }

    [Fact]
    public void Target_ElementsAndObjectsThatEndEmpty_ArePruned()
    {
        var mapped = Map("""
            {
              "officers[0].name": { "from": "主办人" },
              "officers[1].name": { "from": "协办人" },
              "officers[1].certificateNumber": { "from": "协办人证号" },
              "officers[2].name": { "from": "第三人" },
              "legalReview.reviewer": { "from": "审核人" },
              "publication": { "const": { "publishedOn": null, "channels": [] } }
            }
            """, Raw("""{ "主办人": "张三", "协办人": "", "协办人证号": null, "第三人": "王五" }"""));

        Assert.Equal("""{"schema":"1","officers":[{"name":"张三"},{"name":"王五"}]}""", OutputJson(mapped));
    }

    [Fact]
    public void Target_EmptyElementBeforeAFilledOne_IsPrunedAndTheNextMovesUp()
    {
        var mapped = Map("""{ "officers[0].name": { "from": "主办人" }, "officers[1].name": { "from": "协办人" } }""", Raw("""{ "协办人": "李四" }"""));

        Assert.Equal("""[{"name":"李四"}]""", JsonAt(mapped, "officers"));
    }

    [Theory]
    [InlineData(null, "[\"甲\",\"乙\"]")]
    [InlineData("kind", "[{\"kind\":\"甲\"},{\"kind\":\"乙\"}]")]
    public void Target_EachWithOrWithoutItem_GivesValuesOrObjects(string? item, string expected)
    {
        var rule = item is null ? """{ "from": "x", "split": "、" }""" : $$"""{ "from": "x", "split": "、", "item": "{{item}}" }""";

        Assert.Equal(expected, JsonAt(MapRule("list[]", rule, Raw("x", "甲、乙")), "list"));
    }

    /// <summary>Selector rules run after the rules that create the elements, wherever they stand in the mapping.</summary>
    [Fact]
    public void Target_WithSelector_WritesIntoTheMatchingElementEvenWhenListedFirst()
    {
        var mapped = Map("""
            {
              "penalties[type=fine].amountYuan": { "from": "罚款金额", "number": { "unit": "yuan" } },
              "penalties[type=confiscationOfIllegalGains].amountYuan": { "from": "没收金额", "number": { "unit": "yuan" } },
              "penalties[]": { "from": "处罚种类", "split": "、", "code": { "map": { "警告": "warning", "罚款": "fine", "没收违法所得": "confiscationOfIllegalGains" } }, "item": "type" }
            }
            """, Raw("""{ "处罚种类": "警告、罚款、没收违法所得", "罚款金额": "5000", "没收金额": "1200.50" }"""));

        Assert.Empty(mapped.Issues);
        Assert.Equal(
            """[{"type":"warning"},{"type":"fine","amountYuan":5000},{"type":"confiscationOfIllegalGains","amountYuan":1200.5}]""",
            JsonAt(mapped, "penalties"));
    }

    [Fact]
    public void Target_WithSelectorMatchingNoElement_IsSkipped()
    {
        var mapped = Map("""
            {
              "penalties[]": { "from": "处罚种类", "split": "、", "item": "type" },
              "penalties[type=fine].amountYuan": { "from": "罚款金额", "number": true }
            }
            """, Raw("""{ "处罚种类": "warning", "罚款金额": "5000" }"""));

        Assert.Empty(mapped.Issues);
        Assert.Equal("""[{"type":"warning"}]""", JsonAt(mapped, "penalties"));
    }

    [Fact]
    public void Target_WithSelectorAndNoList_WritesNothing()
    {
        var mapped = MapRule("penalties[type=fine].amountYuan", """{ "from": "罚款金额", "number": true }""", Raw("罚款金额", "5000"));

        Assert.Equal("""{"schema":"1"}""", OutputJson(mapped));
    }

    [Fact]
    public void Target_Output_AlwaysCarriesTheSchemaVersion() =>
        Assert.Equal("""{"schema":"1"}""", OutputJson(Map("{}", Raw("{}"))));
}
