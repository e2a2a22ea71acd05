using System.Text;
using System.Text.Json.Nodes;
using ClosedXML.Excel;
using IntegrationHub.Connectors;
using IntegrationHub.Connectors.Files;

namespace IntegrationHub.Core.Tests.Connectors.Files;

public sealed class FileRecordReadersTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static FileSourceOptions Options(FileFormat format) => new() { Path = ".", Format = format, Pattern = "*" };

    private List<FileRow> Read(string name, FileSourceOptions options) => [.. FileRecordReaders.Read(_folder.File(name), options)];

    [Fact]
    public void Csv_GbkEncodedWithChineseHeaders_ReadsChineseFieldsAndValues()
    {
        File.WriteAllBytes(_folder.File("cases.csv"), FileTextEncodings.Gb18030.GetBytes("案件ID,当事人名称,罚款金额\r\nA-1,某某餐饮有限公司,5000\r\nA-2,张三,200\r\n"));

        var rows = Read("cases.csv", Options(FileFormat.Csv));

        Assert.Equal(2, rows.Count);
        Assert.Equal("某某餐饮有限公司", rows[0].Data["当事人名称"]!.GetValue<string>());
        Assert.Equal("A-2", rows[1].Data["案件ID"]!.GetValue<string>());
        Assert.Equal("row 2", rows[0].Position);
        Assert.All(rows, r => Assert.Null(r.Problem));
    }

    [Fact]
    public void Csv_Utf8WithBom_HasNoBomInTheFirstColumnName()
    {
        File.WriteAllText(_folder.File("cases.csv"), "案件ID,案件名称\nA-1,销售过期食品案\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var row = Assert.Single(Read("cases.csv", Options(FileFormat.Csv)));

        Assert.Equal("A-1", row.Data["案件ID"]!.GetValue<string>());
    }

    [Fact]
    public void Csv_DeclaredGbkEncoding_IsUsedWithoutDetection()
    {
        File.WriteAllBytes(_folder.File("cases.csv"), FileTextEncodings.Gb18030.GetBytes("名称\n市场监督管理局\n"));

        var row = Assert.Single(Read("cases.csv", Options(FileFormat.Csv) with { Encoding = "gbk" }));

        Assert.Equal("市场监督管理局", row.Data["名称"]!.GetValue<string>());
    }

    [Fact]
    public void Csv_QuotedFieldsWithDelimiterQuotesAndLineBreaks_AreOneFieldEach_AndRowsKeepTheirLineNumbers()
    {
        File.WriteAllText(_folder.File("cases.csv"), "id;text\n1;\"a;b \"\"c\"\"\nnext line\"\n2;plain\n");

        var rows = Read("cases.csv", Options(FileFormat.Csv) with { Csv = new CsvFormatOptions(Delimiter: ";") });

        Assert.Equal("a;b \"c\"\nnext line", rows[0].Data["text"]!.GetValue<string>());
        Assert.Equal(["row 2", "row 4"], rows.Select(r => r.Position));
    }

    [Fact]
    public void Csv_SkippedTitleLineAndNoHeader_UsesTheConfiguredColumnNames()
    {
        File.WriteAllText(_folder.File("cases.csv"), "市场监管局 2026年11月 导出\nA-1,张三\n");

        var row = Assert.Single(Read("cases.csv", Options(FileFormat.Csv) with { Csv = new CsvFormatOptions(Header: false, Columns: ["案件ID", "当事人名称"], SkipLines: 1) }));

        Assert.Equal("张三", row.Data["当事人名称"]!.GetValue<string>());
        Assert.Equal("row 2", row.Position);
    }

    [Fact]
    public void Csv_RowsWithTheWrongFieldCountOrAStrayQuote_AreProblemRowsWithWhatCouldBeRead()
    {
        File.WriteAllText(_folder.File("cases.csv"), "id,name\n1,ok\n2,too,many\n3,bad\"quote\n4\n");

        var rows = Read("cases.csv", Options(FileFormat.Csv));

        Assert.Equal(4, rows.Count);
        Assert.Null(rows[0].Problem);
        Assert.Contains("3 field(s)", rows[1].Problem, StringComparison.Ordinal);
        Assert.Equal("too", rows[1].Data["name"]!.GetValue<string>());
        Assert.Contains("quote", rows[2].Problem, StringComparison.Ordinal);
        Assert.Contains("1 field(s)", rows[3].Problem, StringComparison.Ordinal);
        Assert.Equal("4", rows[3].Data["id"]!.GetValue<string>());
    }

    [Fact]
    public void Csv_FieldOverTheLengthLimit_IsCutWithAProblem_AndTheRowsAfterItKeepTheirLineNumbers()
    {
        File.WriteAllText(_folder.File("cases.csv"), $"id,facts\n1,\"{new string('事', 3_000)}\n{new string('实', 3_000)}\"\n2,ok\n");
        var limits = SourceLimits.Default with { MaxFieldLength = 1_000 };

        var rows = FileRecordReaders.Read(_folder.File("cases.csv"), Options(FileFormat.Csv), limits).ToList();

        Assert.Equal(["row 2", "row 4"], rows.Select(r => r.Position));
        Assert.Contains("6,001 characters long, over the limit of 1,000 (rule: Hub:Limits:MaxFieldLength)", rows[0].Problem, StringComparison.Ordinal);
        Assert.EndsWith("… (6,001 characters)", rows[0].Data["facts"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(rows[1].Problem);
    }

    [Fact]
    public void Csv_HeaderWithMoreColumnsThanTheLimit_IsUnreadableAsAWhole()
    {
        File.WriteAllText(_folder.File("cases.csv"), string.Join(',', Enumerable.Range(1, 3_000).Select(i => $"c{i}")) + "\n1\n");

        var error = Assert.Throws<UnreadableFileException>(() => FileRecordReaders.Read(_folder.File("cases.csv"), Options(FileFormat.Csv)).ToList());

        Assert.Contains("3,000 columns, over the limit of 2,000 (rule: Hub:Limits:MaxFields)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Xlsx_SheetByName_ReadsNumbersAsNumbersAndDatesAsIsoDates()
    {
        using (var workbook = new XLWorkbook())
        {
            workbook.AddWorksheet("说明").Cell(1, 1).Value = "not the data";
            var sheet = workbook.AddWorksheet("案件");
            sheet.Cell(1, 1).Value = "案件ID";
            sheet.Cell(1, 2).Value = "决定日期";
            sheet.Cell(1, 3).Value = "罚款金额";
            sheet.Cell(1, 4).Value = "更新时间";
            sheet.Cell(2, 1).Value = 1001;
            sheet.Cell(2, 2).Value = new DateTime(2026, 3, 5);
            sheet.Cell(2, 3).Value = 1234.5;
            sheet.Cell(2, 4).Value = new DateTime(2026, 3, 5, 14, 30, 0);
            sheet.Cell(4, 1).Value = 1002;
            workbook.SaveAs(_folder.File("cases.xlsx"));
        }

        var rows = Read("cases.xlsx", Options(FileFormat.Xlsx) with { Xlsx = new XlsxFormatOptions(SheetName: "案件") });

        Assert.Equal(2, rows.Count);
        Assert.Equal(1001L, rows[0].Data["案件ID"]!.GetValue<long>());
        Assert.Equal("2026-03-05", rows[0].Data["决定日期"]!.GetValue<string>());
        Assert.Equal(1234.5m, rows[0].Data["罚款金额"]!.GetValue<decimal>());
        Assert.Equal("2026-03-05T14:30:00", rows[0].Data["更新时间"]!.GetValue<string>());
        Assert.Equal("row 4", rows[1].Position);
        Assert.Null(rows[1].Data["决定日期"]);
    }

    [Fact]
    public void Xlsx_ValueInAColumnWithoutHeader_IsAProblemRow()
    {
        using (var workbook = new XLWorkbook())
        {
            var sheet = workbook.AddWorksheet("Sheet1");
            sheet.Cell(1, 1).Value = "id";
            sheet.Cell(2, 1).Value = "a";
            sheet.Cell(2, 3).Value = "stray";
            workbook.SaveAs(_folder.File("cases.xlsx"));
        }

        var row = Assert.Single(Read("cases.xlsx", Options(FileFormat.Xlsx)));

        Assert.Contains("C2", row.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Xlsx_StreamingReader_GivesTheValuesClosedXmlGives_ForEveryKindOfCell()
    {
        using (var workbook = new XLWorkbook())
        {
            var sheet = workbook.AddWorksheet("案件");
            string[] header = ["案件ID", "名称", "金额", "决定日期", "更新时间", "重大", "时长", "编号文本", "名称", "空列"];
            for (var c = 0; c < header.Length; c++)
                sheet.Cell(1, c + 1).Value = header[c];
            for (var r = 2; r <= 40; r++)
            {
                sheet.Cell(r, 1).Value = r * 1000L;
                sheet.Cell(r, 2).Value = r % 3 == 0 ? "" : $"某某公司 {r} 「引号」 <尖括号> & 符号";
                sheet.Cell(r, 3).Value = r * 12.345;
                sheet.Cell(r, 4).Value = new DateTime(2026, 1, 1).AddDays(r);
                sheet.Cell(r, 5).Value = new DateTime(2026, 1, 1, 8, 0, 0).AddMinutes(r * 37);
                sheet.Cell(r, 6).Value = r % 2 == 0;
                sheet.Cell(r, 7).Value = TimeSpan.FromMinutes(r * 61);
                sheet.Cell(r, 8).SetValue($"{r:D6}");
                sheet.Cell(r, 9).Value = r % 5 == 0 ? "重复表头" : "";
            }

            sheet.Cell(20, 12).Value = "无表头的值";
            sheet.Row(30).Clear();
            workbook.SaveAs(_folder.File("cases.xlsx"));
        }

        var rows = Read("cases.xlsx", Options(FileFormat.Xlsx));

        using var expected = new XLWorkbook(_folder.File("cases.xlsx"));
        var names = new[] { "案件ID", "名称", "金额", "决定日期", "更新时间", "重大", "时长", "编号文本", "名称_2", "空列" };
        var expectedRows = expected.Worksheet(1).RowsUsed().Where(r => r.RowNumber() > 1 && !r.IsEmpty()).ToList();
        Assert.Equal(expectedRows.Select(r => $"row {r.RowNumber()}"), rows.Select(r => r.Position));
        foreach (var (row, xl) in rows.Zip(expectedRows))
        {
            Assert.Equal(names, row.Data.Select(p => p.Key));
            for (var c = 0; c < names.Length; c++)
            {
                var cell = xl.Cell(c + 1);
                object? value = cell.IsEmpty() ? null : cell.DataType switch
                {
                    XLDataType.Number => cell.GetDouble() == Math.Floor(cell.GetDouble())
                        ? (long)cell.GetDouble()
                        : decimal.Parse(cell.GetDouble().ToString("R", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture),
                    XLDataType.Boolean => cell.GetBoolean(),
                    XLDataType.DateTime => cell.GetDateTime().TimeOfDay == TimeSpan.Zero
                        ? cell.GetDateTime().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
                        : cell.GetDateTime().ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture),
                    XLDataType.TimeSpan => cell.GetTimeSpan().ToString("c", System.Globalization.CultureInfo.InvariantCulture),
                    _ => cell.GetString() is { Length: > 0 } text ? text : null,
                };
                var actual = row.Data[names[c]];
                Assert.Equal(value is null ? null : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture), actual is null ? null : actual.GetValueKind() == System.Text.Json.JsonValueKind.String ? actual.GetValue<string>() : actual.ToJsonString().ToLowerInvariant() == "true" ? "True" : actual.ToJsonString() == "false" ? "False" : actual.ToJsonString());
            }

            Assert.Equal(xl.RowNumber() == 20 ? "cell(s) L20 hold a value in a column without a header" : null, row.Problem);
        }
    }

    [Fact]
    public void Xlsx_FileThatIsNotAWorkbook_IsUnreadableAsAWhole()
    {
        File.WriteAllText(_folder.File("cases.xlsx"), "this is not a zip file");

        Assert.Throws<UnreadableFileException>(() => Read("cases.xlsx", Options(FileFormat.Xlsx)));
    }

    [Fact]
    public void Json_RecordsAtAPath_AreRead_AndANonObjectElementIsAProblemRow()
    {
        File.WriteAllText(_folder.File("cases.json"), """{"data":{"items":[{"案件ID":"A-1"},42,{"案件ID":"A-3"}]}}""");

        var rows = Read("cases.json", Options(FileFormat.Json) with { JsonRecordsPath = "data.items" });

        Assert.Equal(3, rows.Count);
        Assert.Equal("A-3", rows[2].Data["案件ID"]!.GetValue<string>());
        Assert.Equal("record 2", rows[1].Position);
        Assert.Contains("a number", rows[1].Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_FileThatIsNotValidJson_IsUnreadableAsAWhole()
    {
        File.WriteAllText(_folder.File("cases.json"), """[{"a":1},{"a":""");

        Assert.Throws<UnreadableFileException>(() => Read("cases.json", Options(FileFormat.Json)));
    }

    [Fact]
    public void JsonLines_InvalidLine_IsAProblemRowWithTheLineText_AndTheOthersAreRead()
    {
        File.WriteAllText(_folder.File("cases.jsonl"), "{\"id\":\"1\"}\n\n{\"id\":\n{\"id\":\"3\"}\n");

        var rows = Read("cases.jsonl", Options(FileFormat.JsonLines));

        Assert.Equal(3, rows.Count);
        Assert.Equal(["line 1", "line 3", "line 4"], rows.Select(r => r.Position));
        Assert.Contains("not valid JSON", rows[1].Problem, StringComparison.Ordinal);
        Assert.Equal("{\"id\":", rows[1].Data["line"]!.GetValue<string>());
        Assert.Null(rows[2].Problem);
    }

    [Fact]
    public void Xml_RecordPath_TurnsAttributesAndChildElementsIntoFields()
    {
        File.WriteAllText(_folder.File("cases.xml"), """
            <?xml version="1.0" encoding="utf-8"?>
            <root><meta><case>not a record</case></meta><cases>
              <case id="A-1"><当事人名称>张三</当事人名称><处罚种类>警告</处罚种类><处罚种类>罚款</处罚种类><机关 code="11"><名称>市局</名称></机关></case>
              <case id="A-2">stray text<当事人名称>李四</当事人名称></case>
            </cases></root>
            """);

        var rows = Read("cases.xml", Options(FileFormat.Xml) with { XmlRecordPath = "/root/cases/case" });

        Assert.Equal(2, rows.Count);
        Assert.Equal("A-1", rows[0].Data["id"]!.GetValue<string>());
        Assert.Equal("张三", rows[0].Data["当事人名称"]!.GetValue<string>());
        Assert.Equal(["警告", "罚款"], rows[0].Data["处罚种类"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal("市局", rows[0].Data["机关"]!["名称"]!.GetValue<string>());
        Assert.Null(rows[0].Problem);
        Assert.Contains("stray text", rows[1].Problem, StringComparison.Ordinal);
        Assert.Equal("李四", rows[1].Data["当事人名称"]!.GetValue<string>());
    }

    [Fact]
    public void Xml_GbkDeclaredFile_IsDecodedByItsDeclaration()
    {
        File.WriteAllBytes(_folder.File("cases.xml"), FileTextEncodings.Gb18030.GetBytes("<?xml version=\"1.0\" encoding=\"GBK\"?><r><c><名称>市场监督管理局</名称></c></r>"));

        var row = Assert.Single(Read("cases.xml", Options(FileFormat.Xml) with { XmlRecordPath = "/r/c" }));

        Assert.Equal("市场监督管理局", row.Data["名称"]!.GetValue<string>());
    }

    [Fact]
    public void Xml_FileThatIsNotWellFormed_IsUnreadableAsAWhole()
    {
        File.WriteAllText(_folder.File("cases.xml"), "<root><cases><case id=\"1\"></cases></root>");

        Assert.Throws<UnreadableFileException>(() => Read("cases.xml", Options(FileFormat.Xml) with { XmlRecordPath = "/root/cases/case" }));
    }

    private static JsonObject Unused() => [];
}
