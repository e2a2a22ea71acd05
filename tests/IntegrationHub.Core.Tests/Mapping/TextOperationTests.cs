using static IntegrationHub.Core.Tests.Mapping.MappingFixture;

namespace IntegrationHub.Core.Tests.Mapping;

/// <summary><c>"text": [operations]</c>: the normalizations applied, in order, before any code, date or number rule.</summary>
public sealed class TextOperationTests
{
    private const string Target = "decisionNumber";
    private const string Source = "决定书文号";

    [Theory]
    [InlineData("  市场监督管理局 \t", "市场监督管理局")]
    [InlineData("\u3000市场监督管理局\u3000", "市场监督管理局")]
    [InlineData("市场 监督", "市场 监督")]
    public void Text_Trim_RemovesSurroundingWhiteSpaceIncludingTheIdeographicSpace(string value, string expected) =>
        Assert.Equal(expected, Normalize(value, "trim"));

    [Theory]
    [InlineData("ＡＢＣ１２３", "ABC123")]
    [InlineData("９１３２０１００ＭＡ１ＸＹＺ９Ｑ", "91320100MA1XYZ9Q")]
    [InlineData("Ａ\u3000Ｂ", "A B")]
    [InlineData("（２０２３）１２号", "(2023)12号")]
    [InlineData("［２０２３］", "[2023]")]
    [InlineData("！＃＄％＆＊＋－／：；＜＝＞？＠～", "!#$%&*+-/:;<=>?@~")]
    [InlineData("市监罚〔2023〕12号", "市监罚〔2023〕12号")]
    public void Text_HalfWidth_TurnsFullWidthFormsAndTheIdeographicSpaceIntoAscii(string value, string expected) =>
        Assert.Equal(expected, Normalize(value, "halfWidth"));

    [Theory]
    [InlineData("upper", "91320100ma1xyz9q", "91320100MA1XYZ9Q")]
    [InlineData("upper", "苏ab", "苏AB")]
    [InlineData("lower", "PASS", "pass")]
    [InlineData("lower", "Ｙ", "ｙ")]
    public void Text_UpperAndLower_ChangeLetterCaseInvariantly(string operation, string value, string expected) =>
        Assert.Equal(expected, Normalize(value, operation));

    [Theory]
    [InlineData("违反  《食品安全法》\t第三十四条", "违反 《食品安全法》 第三十四条")]
    [InlineData("  a \u3000 b  ", "a b")]
    [InlineData("a\r\nb", "a b")]
    public void Text_CollapseSpaces_LeavesSingleSpacesBetweenWords(string value, string expected) =>
        Assert.Equal(expected, Normalize(value, "collapseSpaces"));

    [Theory]
    [InlineData("苏市监罚〔2023〕12号")]
    [InlineData("苏市监罚[2023]12号")]
    [InlineData("苏市监罚［2023］12号")]
    [InlineData("苏市监罚(2023)12号")]
    [InlineData("苏市监罚（2023）12号")]
    [InlineData("苏市监罚【2023】12号")]
    [InlineData("苏市监罚 [2023] 12 号")]
    [InlineData("苏市监罚 ［ 2023 ］ 12 号")]
    [InlineData("苏市监罚 ( 2023 ) 12号")]
    [InlineData("苏市监罚（ 2023 ）12号")]
    [InlineData("苏市监罚【2023 】12 号")]
    [InlineData("苏市监罚 〔 2023 〕 12 号")]
    [InlineData("苏市监罚\u3000〔2023〕\u300012号")]
    public void Text_DocumentNumber_WritesTheYearInHexagonalBracketsWithoutSpaces(string value) =>
        Assert.Equal("苏市监罚〔2023〕12号", Normalize(value, "documentNumber"));

    [Theory]
    [InlineData("苏市监罚(12)号", "苏市监罚(12)号")]
    [InlineData("苏市监罚[2023-12]号", "苏市监罚[2023-12]号")]
    [InlineData("苏环罚字(1999)3号", "苏环罚字〔1999〕3号")]
    public void Text_DocumentNumber_RewritesOnlyBracketsAroundAYear(string value, string expected) =>
        Assert.Equal(expected, Normalize(value, "documentNumber"));

    [Fact]
    public void Text_DocumentNumberWithFullWidthDigits_NeedsHalfWidthFirst()
    {
        Assert.Equal("苏市监罚〔2023〕12号", Normalize("苏市监罚（２０２３）１２号", "halfWidth", "documentNumber"));
        Assert.Equal("苏市监罚(2023)12号", Normalize("苏市监罚（２０２３）１２号", "documentNumber", "halfWidth"));
    }

    [Theory]
    [InlineData("   ")]
    [InlineData("\u3000")]
    [InlineData("")]
    public void Text_BlankAfterNormalization_IsMissingSoTheDefaultApplies(string value)
    {
        var mapped = MapRule("caseName", """{ "from": "案件名称", "text": ["trim", "nullIfEmpty"], "default": "（无）" }""", Raw("案件名称", value));

        Assert.Equal("（无）", (string?)At(mapped.Output, "caseName"));
    }

    [Fact]
    public void Text_AsASingleOperation_IsTheSameAsAListOfOne() =>
        Assert.Equal(Normalize(" ａ ", "halfWidth"), Normalize(" ａ ", ["halfWidth"]));

    private static string? Normalize(string value, params string[] operations) =>
        (string?)At(MapRule(Target, $$"""{ "from": "{{Source}}", "text": [{{string.Join(", ", operations.Select(o => $"\"{o}\""))}}] }""", Raw(Source, value)).Output, Target);

    private static string? Normalize(string value, string operation) =>
        (string?)At(MapRule(Target, $$"""{ "from": "{{Source}}", "text": "{{operation}}" }""", Raw(Source, value)).Output, Target);
}
