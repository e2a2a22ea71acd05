using System.Text.Json.Nodes;
using IntegrationHub.Connectors;

namespace IntegrationHub.Core.Tests.Connectors;

public sealed class SourceRecordScreenTests
{
    private static SourceRecord Screen(string value, SourceLimits? limits = null) =>
        SourceRecordScreen.Screen(new SourceRecord(new JsonObject { ["id"] = "1", ["当事人名称"] = value }), limits ?? SourceLimits.Default);

    [Fact]
    public void Screen_ValueWithABidirectionalOverride_IsAProblemNamingFieldEscapedValueAndRule()
    {
        var problem = Screen("某某公司\u202Egpj.exe").Problem;

        Assert.Contains("'当事人名称'", problem, StringComparison.Ordinal);
        Assert.Contains("'某某公司\\u202Egpj.exe'", problem, StringComparison.Ordinal);
        Assert.Contains("U+202E", problem, StringComparison.Ordinal);
        Assert.Contains("rule:", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("\u202E", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Screen_NulCharacter_IsAProblem_ButTabAndLineBreaksAreText()
    {
        Assert.Contains("U+0000", Screen("张三\0").Problem, StringComparison.Ordinal);
        Assert.Null(Screen("第一行\t\r\n第二行").Problem);
    }

    [Fact]
    public void Screen_ValueOverTheLengthLimit_IsCutToItsStart_AndTheProblemNamesTheLimit()
    {
        var record = Screen(new string('案', 5_000), SourceLimits.Default with { MaxFieldLength = 1_000 });

        Assert.Contains("5,000 characters long, over the limit of 1,000 (rule: Hub:Limits:MaxFieldLength)", record.Problem, StringComparison.Ordinal);
        Assert.StartsWith(new string('案', 80) + "… (5,000 characters)", record.Data["当事人名称"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://example.invalid\")")]
    [InlineData("+1+1")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1)")]
    public void Screen_SpreadsheetFormulaStrings_AreDataAndPassUnchanged(string value)
    {
        var record = Screen(value);

        Assert.Null(record.Problem);
        Assert.Equal(value, record.Data["当事人名称"]!.GetValue<string>());
    }

    [Fact]
    public void Screen_ProblemInANestedValue_NamesItsPathThroughObjectsAndArrays()
    {
        var data = new JsonObject
        {
            ["id"] = "1",
            ["附件"] = new JsonObject { ["名单"] = new JsonArray("甲", "乙\u202E"), ["层"] = new JsonObject { ["深"] = new JsonObject { ["值"] = "x" } } },
            ["表"] = new JsonArray(new JsonArray("丙", "丁\u202E"), new JsonObject { ["名"] = "戊\u202E" }),
        };

        var problem = SourceRecordScreen.Screen(new SourceRecord(data), SourceLimits.Default with { MaxDepth = 3 }).Problem;

        Assert.NotNull(problem);
        Assert.Contains("'附件.名单[1]'", problem, StringComparison.Ordinal);
        Assert.Contains("'表[0][1]'", problem, StringComparison.Ordinal);
        Assert.Contains("'表[1].名'", problem, StringComparison.Ordinal);
        Assert.Contains("The value of '附件.层.深' nests deeper than 3 levels", problem, StringComparison.Ordinal);
    }
}
