using IntegrationHub.Mapping.Engine;
using static IntegrationHub.Core.Tests.Mapping.MappingFixture;

namespace IntegrationHub.Core.Tests.Mapping;

/// <summary><c>"date": [formats]</c>: departmental date texts become yyyy-MM-dd, instants as the calendar date in China.</summary>
public sealed class DateRuleTests
{
    private const string Target = "dates.decided";
    private const string Source = "决定日期";

    [Theory]
    [InlineData("2024年3月5日", "2024-03-05")]
    [InlineData("2024年12月31日", "2024-12-31")]
    [InlineData("2024年03月05日", "2024-03-05")]
    [InlineData("２０２４年３月５日", "2024-03-05")]
    [InlineData(" 2024年3月5日 ", "2024-03-05")]
    public void Date_InChineseFormat_ParsesToIsoDate(string value, string expected) =>
        Assert.Equal(expected, Parse(value, "yyyy年M月d日"));

    [Theory]
    [InlineData("yyyyMMdd", "20240305", "2024-03-05")]
    [InlineData("yyyyMMdd", "20241231", "2024-12-31")]
    [InlineData("yyyy/M/d", "2024/3/5", "2024-03-05")]
    [InlineData("yyyy/M/d", "2024/12/31", "2024-12-31")]
    [InlineData("yyyy-MM-dd", "2024-03-05", "2024-03-05")]
    [InlineData("yyyy-MM-dd HH:mm:ss", "2024-03-05 23:59:59", "2024-03-05")]
    [InlineData("yyyy-MM-dd HH:mm:ss", "2024-03-05 00:00:00", "2024-03-05")]
    public void Date_InDotNetPattern_ParsesToIsoDate(string format, string value, string expected) =>
        Assert.Equal(expected, Parse(value, format));

    [Fact]
    public void Date_InSeveralFormats_TakesTheFirstThatFits() =>
        Assert.Equal(["2024-03-05", "2024-03-06", "2024-03-07"], new[] { "2024年3月5日", "20240306", "2024/3/7" }
            .Select(value => Parse(value, "yyyy年M月d日", "yyyyMMdd", "yyyy/M/d")));

    [Theory]
    [InlineData("2024-03-05", "2024-03-05")]
    [InlineData("2024-03-05T23:59:59", "2024-03-05")]
    [InlineData("2024-03-05 23:59:59", "2024-03-05")]
    [InlineData("2024-03-05T23:59:59.123", "2024-03-05")]
    public void Date_IsoWithoutOffset_KeepsTheWrittenDate(string value, string expected) =>
        Assert.Equal(expected, Parse(value, "iso"));

    /// <summary>16:00 UTC is midnight in China: an instant late in the UTC day is already the next day there.</summary>
    [Theory]
    [InlineData("2024-03-05T15:59:59Z", "2024-03-05")]
    [InlineData("2024-03-05T16:00:00Z", "2024-03-06")]
    [InlineData("2024-03-05T23:30:00+00:00", "2024-03-06")]
    [InlineData("2024-03-05T23:30:00.5+00:00", "2024-03-06")]
    [InlineData("2024-03-05 23:30:00+00:00", "2024-03-06")]
    [InlineData("2024-03-05 23:30:00Z", "2024-03-06")]
    [InlineData("2024-03-05T23:30:00+08:00", "2024-03-05")]
    [InlineData("2024-03-06T00:30:00+08:00", "2024-03-06")]
    [InlineData("2024-03-05T10:59:59-05:00", "2024-03-05")]
    [InlineData("2024-03-05T11:00:00-05:00", "2024-03-06")]
    public void Date_IsoWithOffset_LandsOnTheChinaDate(string value, string expected) =>
        Assert.Equal(expected, Parse(value, "iso"));

    /// <summary>Regression: "iso" read anything DateTime.TryParse reads, such as the American "3/5/2024".</summary>
    [Theory]
    [InlineData("3/5/2024")]
    [InlineData("March 5, 2024")]
    [InlineData("20240305")]
    public void Date_IsoGivenAnotherShape_IsRejected(string value) =>
        Assert.Equal("mapping.date-format", Assert.Single(MapDate(value, "iso").Issues).Rule);

    /// <summary>Regression: a pattern with an offset was converted to the machine's time zone, not China's.</summary>
    [Theory]
    [InlineData("2024-03-05T23:30:00+00:00", "2024-03-06")]
    [InlineData("2024-03-05T23:30:00+08:00", "2024-03-05")]
    public void Date_PatternWithOffset_LandsOnTheChinaDateWhateverTheMachineTimeZone(string value, string expected) =>
        Assert.Equal(expected, Parse(value, "yyyy-MM-dd'T'HH:mm:sszzz"));

    [Theory]
    [InlineData("1709654399000", "2024-03-05")]
    [InlineData("1709654400000", "2024-03-06")]
    [InlineData("1709568000000", "2024-03-05")]
    [InlineData("10000000000", "1970-04-27")]
    public void Date_EpochMillis_LandsOnTheChinaDate(string value, string expected) =>
        Assert.Equal(expected, Parse(value, "epochMillis"));

    [Theory]
    [InlineData("1709654399", "2024-03-05")]
    [InlineData("1709654400", "2024-03-06")]
    [InlineData("100000000", "1973-03-03")]
    public void Date_EpochSeconds_LandsOnTheChinaDate(string value, string expected) =>
        Assert.Equal(expected, Parse(value, "epochSeconds"));

    /// <summary>Regression: an epoch format took any integer, so 20240305 listed after it became a day in 1970.</summary>
    [Theory]
    [InlineData("epochMillis")]
    [InlineData("epochSeconds")]
    public void Date_EightDigitsWithAnEpochFormatListedFirst_IsReadByTheNextFormat(string epoch) =>
        Assert.Equal("2024-03-05", Parse("20240305", epoch, "yyyyMMdd"));

    [Theory]
    [InlineData("epochMillis", "1709654400")]
    [InlineData("epochMillis", "17096544000000")]
    [InlineData("epochMillis", "20240305")]
    [InlineData("epochMillis", "-1709654400000")]
    [InlineData("epochMillis", "1709654400000.5")]
    [InlineData("epochSeconds", "17096544")]
    [InlineData("epochSeconds", "17096544000")]
    [InlineData("epochSeconds", "+1709654400")]
    public void Date_EpochValueOfTheWrongLength_IsRejected(string format, string value) =>
        Assert.Equal("mapping.date-format", Assert.Single(MapDate(value, format).Issues).Rule);

    [Theory]
    [InlineData("45356", "2024-03-05")]
    [InlineData("45356.75", "2024-03-05")]
    [InlineData("1", "1899-12-31")]
    [InlineData("60", "1900-02-28")]
    public void Date_ExcelSerial_CountsDaysFrom18991230(string value, string expected) =>
        Assert.Equal(expected, Parse(value, "excelSerial"));

    [Theory]
    [InlineData("2024年2月30日", "yyyy年M月d日")]
    [InlineData("2024-13-01", "yyyy-MM-dd")]
    [InlineData("2024.03.05", "yyyy-MM-dd")]
    [InlineData("三月五日", "yyyy年M月d日")]
    [InlineData("20240305", "yyyy-MM-dd")]
    [InlineData("0", "excelSerial")]
    [InlineData("2024-03-05T25:00:00Z", "iso")]
    public void Date_Unparseable_IsAnErrorNamingFieldSourceAndValue(string value, string format)
    {
        var mapped = MapDate(value, format);

        var issue = Assert.Single(mapped.Issues);
        Assert.Equal("mapping.date-format", issue.Rule);
        Assert.Equal(Target, issue.Field);
        Assert.Equal(Source, issue.SourceField);
        Assert.Equal(value, issue.Value);
        Assert.Contains(format, issue.MessageEn, StringComparison.Ordinal);
        Assert.Contains(value, issue.MessageZh, StringComparison.Ordinal);
        Assert.Null(At(mapped.Output, Target));
    }

    [Fact]
    public void Date_Missing_WritesNothingAndIsNoError()
    {
        var mapped = MapRule(Target, """{ "from": "决定日期", "date": "yyyy年M月d日" }""", Raw(Source, null));

        Assert.Empty(mapped.Issues);
        Assert.Null(At(mapped.Output, Target));
    }

    private static string? Parse(string value, params string[] formats)
    {
        var mapped = MapDate(value, formats);
        Assert.Empty(mapped.Issues);
        return (string?)At(mapped.Output, Target);
    }

    private static MappedRecord MapDate(string value, params string[] formats) =>
        MapRule(Target, $$"""{ "from": "{{Source}}", "date": [{{string.Join(", ", formats.Select(f => $"\"{f}\""))}}] }""", Raw(Source, value));
}
