using IntegrationHub.Canonical.Identifiers;

namespace IntegrationHub.Core.Tests.Identifiers;

public sealed class RegionCodeTests
{
    [Theory]
    [InlineData("110000", RegionLevel.Province)] // 北京
    [InlineData("110105", RegionLevel.County)] // 北京朝阳
    [InlineData("440300", RegionLevel.Prefecture)] // 深圳
    [InlineData("510100", RegionLevel.Prefecture)] // 成都
    [InlineData("510302", RegionLevel.County)] // 自贡自流井
    public void Check_DomainTestValue_IsValidAtItsLevel(string code, RegionLevel level)
    {
        var result = RegionCode.Check(code);

        Assert.Equal(IdentifierVerdict.Valid, result.Verdict);
        Assert.Equal("region-code", result.Rule);
        Assert.Equal(level, RegionCode.LevelOf(code));
    }

    [Theory]
    [InlineData("")]
    [InlineData("11010")]
    [InlineData("1101050")]
    [InlineData("11O105")]
    [InlineData("11-105")]
    [InlineData("000000")] // no province 00
    [InlineData("001234")]
    [InlineData("990000")] // no province 99
    [InlineData("110001")] // county without prefecture
    [InlineData("440099")]
    public void Check_MalformedCode_IsInvalidShape(string code)
    {
        var result = RegionCode.Check(code);

        Assert.Equal(IdentifierVerdict.Invalid, result.Verdict);
        Assert.Equal("region-code.shape", result.Rule);
        Assert.NotEmpty(result.ReasonEn);
        Assert.NotEmpty(result.ReasonZh);
    }

    [Fact]
    public void Check_PaddedCode_IsValid()
    {
        Assert.Equal(IdentifierVerdict.Valid, RegionCode.Check(" 110105 ").Verdict);
    }

    [Fact]
    public void Ancestors_County_ArePrefectureThenProvince()
    {
        Assert.Equal(["110100", "110000"], RegionCode.Ancestors("110105"));
        Assert.Equal(["510300", "510000"], RegionCode.Ancestors("510302"));
    }

    [Fact]
    public void Ancestors_Prefecture_IsProvince()
    {
        Assert.Equal(["440000"], RegionCode.Ancestors("440300"));
    }

    [Fact]
    public void Ancestors_Province_IsEmpty()
    {
        Assert.Empty(RegionCode.Ancestors("110000"));
    }

    [Fact]
    public void Ancestors_CountyDirectlyUnderProvince_GoThroughThe90Group()
    {
        Assert.Equal(["429000", "420000"], RegionCode.Ancestors("429004"));
    }

    [Theory]
    [InlineData("110001")]
    [InlineData("abc")]
    public void LevelOfAndAncestors_InvalidCode_Throw(string code)
    {
        Assert.Throws<ArgumentException>(() => RegionCode.LevelOf(code));
        Assert.Throws<ArgumentException>(() => RegionCode.Ancestors(code));
    }
}
