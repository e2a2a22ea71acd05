using IntegrationHub.Mapping.Engine;
using static IntegrationHub.Core.Tests.Mapping.MappingFixture;

namespace IntegrationHub.Core.Tests.Mapping;

/// <summary><c>"number"</c>: amounts as departments write them become decimals in 元, rounded to the fen.</summary>
public sealed class NumberRuleTests
{
    private const string Target = "penalties[0].amountYuan";
    private const string Source = "罚款金额";

    [Theory]
    [InlineData("3000", "3000")]
    [InlineData("1,234.5", "1234.5")]
    [InlineData("12,345,678", "12345678")]
    [InlineData("1，234", "1234")]
    [InlineData(" 500 ", "500")]
    [InlineData("0.5", "0.5")]
    public void Number_WithThousandsSeparators_ParsesToTheAmount(string value, string expected) =>
        Assert.Equal(expected, Amount(value, "true"));

    [Theory]
    [InlineData("３０００", "3000")]
    [InlineData("１２．５", "12.5")]
    [InlineData("１，２３４", "1234")]
    [InlineData("２万元", "20000")]
    public void Number_WithFullWidthDigits_ParsesToTheAmount(string value, string expected) =>
        Assert.Equal(expected, Amount(value, "true"));

    [Theory]
    [InlineData("""{ "unit": "yuan" }""", "3000", "3000")]
    [InlineData("""{ "unit": "wanYuan" }""", "2", "20000")]
    [InlineData("""{ "unit": "wanYuan" }""", "0.35", "3500")]
    [InlineData("""{ "unit": "wanYuan" }""", "1.23456", "12345.6")]
    [InlineData("""{ "unit": "wanYuan" }""", "1,200", "12000000")]
    [InlineData("{}", "3000", "3000")]
    public void Number_InTheDeclaredUnit_IsStoredInYuan(string number, string value, string expected) =>
        Assert.Equal(expected, Amount(value, number));

    [Theory]
    [InlineData("""{ "unit": "yuan" }""", "2万元", "20000")]
    [InlineData("""{ "unit": "yuan" }""", "1.5万", "15000")]
    [InlineData("""{ "unit": "yuan" }""", "3000元", "3000")]
    [InlineData("""{ "unit": "wanYuan" }""", "3000元", "3000")]
    [InlineData("""{ "unit": "wanYuan" }""", "3,000 元", "3000")]
    [InlineData("""{ "unit": "wanYuan" }""", "2万元", "20000")]
    [InlineData("true", "0.8万元", "8000")]
    public void Number_WithAUnitWordInTheValue_UsesThatUnitOverTheDeclaredOne(string number, string value, string expected) =>
        Assert.Equal(expected, Amount(value, number));

    [Theory]
    [InlineData("true", "12.345", "12.35")]
    [InlineData("true", "12.344", "12.34")]
    [InlineData("true", "0.005", "0.01")]
    [InlineData("true", "-0.005", "-0.01")]
    [InlineData("""{ "unit": "wanYuan" }""", "0.0000015", "0.02")]
    [InlineData("""{ "unit": "wanYuan" }""", "1.2345678", "12345.68")]
    public void Number_WithMoreThanTwoDecimals_IsRoundedToTheFenAwayFromZero(string number, string value, string expected) =>
        Assert.Equal(expected, Amount(value, number));

    /// <summary>Equal amounts must give equal JSON, or the same case would hash differently from two sources.</summary>
    [Theory]
    [InlineData("""{ "unit": "yuan" }""", "20000", """{ "unit": "wanYuan" }""", "2.0")]
    [InlineData("""{ "unit": "yuan" }""", "20000.00", """{ "unit": "yuan" }""", "2万元")]
    [InlineData("""{ "unit": "yuan" }""", "1.50", """{ "unit": "yuan" }""", "1.5")]
    [InlineData("""{ "unit": "wanYuan" }""", "0.10", """{ "unit": "yuan" }""", "1,000.000元")]
    [InlineData("true", "100.0", "true", "１００")]
    public void Number_WithTrailingZeros_GivesTheSameJsonAsWithout(string numberA, string valueA, string numberB, string valueB) =>
        Assert.Equal(Amount(valueA, numberA), Amount(valueB, numberB));

    [Theory]
    [InlineData("abc")]
    [InlineData("1.2.3")]
    [InlineData("十万元")]
    [InlineData("1e5")]
    [InlineData("12 34")]
    [InlineData("￥100")]
    [InlineData("万元")]
    public void Number_Unreadable_IsAnErrorNamingFieldSourceAndValue(string value)
    {
        var mapped = MapAmount(value, """{ "unit": "yuan" }""");

        var issue = Assert.Single(mapped.Issues);
        Assert.Equal("mapping.number-format", issue.Rule);
        Assert.Equal(Target, issue.Field);
        Assert.Equal(Source, issue.SourceField);
        Assert.Equal(value, issue.Value);
        Assert.Null(At(mapped.Output, Target));
    }

    [Fact]
    public void Number_FromAJsonNumberColumn_KeepsItsValue()
    {
        var mapped = MapRule(Target, """{ "from": "罚款金额", "number": { "unit": "wanYuan" } }""", Raw("""{ "罚款金额": 1.50 }"""));

        Assert.Equal("15000", JsonAt(mapped, Target));
    }

    private static string? Amount(string value, string number)
    {
        var mapped = MapAmount(value, number);
        Assert.Empty(mapped.Issues);
        return JsonAt(mapped, Target);
    }

    private static MappedRecord MapAmount(string value, string number) =>
        MapRule(Target, $$"""{ "from": "{{Source}}", "number": {{number}} }""", Raw(Source, value));
}
