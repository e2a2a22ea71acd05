using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.Connectors;
using IntegrationHub.Connectors.Definitions;
using IntegrationHub.Connectors.Files;
using IntegrationHub.Mapping.Definition;
using IntegrationHub.Samples;

namespace IntegrationHub.Benchmarks;

/// <summary>
/// Files at any size: writes a large CSV and a large XLSX of sample enforcement rows (市场监督管理局, Chinese headers) into a
/// temp folder, then reads each through the file connector exactly as a sync does — fingerprint, encoding detection,
/// pages of 500 — and prints rows/s, MB/s and the peak resident set of the read alone (Linux: the peak is reset before
/// each read through /proc/self/clear_refs).
/// </summary>
internal static class FileReadBenchmark
{
    private const long MiB = 1024 * 1024;

    public static async Task<int> RunAsync(BenchmarkOptions options, string work)
    {
        var inbox = Directory.CreateDirectory(Path.Combine(work, "inbox")).FullName;
        try
        {
            var csv = Path.Combine(inbox, "cases.csv");
            var generate = Stopwatch.StartNew();
            var csvRows = WriteCsv(csv, options.CsvMegabytes * MiB, options.Seed);
            Console.WriteLine($"generated {Describe(csv)} with {csvRows:N0} rows in {generate.Elapsed.TotalSeconds:F0} s");
            await ReadAsync("csv", csv, csvRows);
            File.Delete(csv);

            var xlsx = Path.Combine(inbox, "cases.xlsx");
            generate.Restart();
            var xlsxRows = WriteXlsx(xlsx, options.XlsxMegabytes * MiB, options.Seed);
            Console.WriteLine($"generated {Describe(xlsx)} with {xlsxRows:N0} rows in {generate.Elapsed.TotalSeconds:F0} s");
            await ReadAsync("xlsx", xlsx, xlsxRows);
            return 0;
        }
        finally
        {
            Directory.Delete(inbox, recursive: true);
        }
    }

    private static async Task ReadAsync(string format, string path, long expected)
    {
        var connector = new ConnectorDefinition
        {
            Id = $"bench-{format}",
            Name = $"bench {format}",
            Kind = "file",
            Source = new JsonObject
            {
                ["path"] = Path.GetDirectoryName(path),
                ["format"] = format,
                ["pattern"] = Path.GetFileName(path),
                ["settleSeconds"] = 0,
                ["pageSize"] = FileSourceOptions.DefaultPageSize,
            },
            Mapping = new MappingDefinition { Version = 1, SourceKey = [SampleDepartment.MarketRegulation.KeyColumn], Fields = [] },
        };
        var bytes = new FileInfo(path).Length;
        GC.Collect();
        ResetPeakResidentSet();
        using var memory = new PeakMemorySampler();
        var cpu = Environment.CpuUsage.TotalTime;
        var watch = Stopwatch.StartNew();
        long records = 0, problems = 0, pages = 0, largestPage = 0;
        await foreach (var page in new FileSourceConnector(TimeProvider.System).ReadAsync(connector, null, new ConnectorContext(Path.GetTempPath()), CancellationToken.None))
        {
            pages++;
            records += page.Records.Count;
            problems += page.Records.Count(r => r.Problem is not null);
            largestPage = Math.Max(largestPage, page.Records.Count);
        }

        watch.Stop();
        var seconds = watch.Elapsed.TotalSeconds;
        // CPU time says what the read costs whatever else runs on the machine (wall time does not, on a shared one).
        var cpuSeconds = (Environment.CpuUsage.TotalTime - cpu).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"read    {format,-4} {bytes / (double)MiB,8:N0} MiB  {records,11:N0} records ({problems} problems, expected {expected:N0})  {pages:N0} pages of ≤ {largestPage}  " +
            $"{seconds,6:F1} s  {records / seconds,9:N0} rows/s  {bytes / (double)MiB / seconds,6:F1} MB/s  " +
            $"CPU {cpuSeconds:F0} s ({records / cpuSeconds:N0} rows per CPU-second)  " +
            $"peak RSS {memory.PeakWorkingSetMb:N0} MiB  peak managed heap {memory.PeakManagedMb:N0} MiB"));
    }

    /// <summary>Makes the kernel's peak resident set (VmHWM) start again from the current one, so each read's peak is its own.</summary>
    private static void ResetPeakResidentSet()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.WriteLine("(the peak resident set cannot be reset here: the figure includes the generation)");
        }
    }

    private static IEnumerable<SampleRow> MarketRows(int seed) =>
        new SampleGenerator(seed).Generate(int.MaxValue).Where(r => r.Department == SampleDepartment.MarketRegulation).Select(r => r.Row);

    private static long WriteCsv(string path, long size, int seed)
    {
        var columns = SampleDepartment.MarketRegulation.Columns;
        using var writer = new StreamWriter(path, false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 20);
        writer.Write(string.Join(',', columns.Select(c => c.Name)));
        writer.Write("\r\n");
        long rows = 0;
        foreach (var row in MarketRows(seed))
        {
            for (var i = 0; i < columns.Count; i++)
            {
                if (i > 0)
                    writer.Write(',');
                writer.Write(Quoted(Text(row.Values.GetValueOrDefault(columns[i].Name))));
            }

            writer.Write("\r\n");
            if (++rows % 10_000 == 0 && writer.BaseStream.Position >= size)
                break;
        }

        return rows;
    }

    /// <summary>
    /// A workbook as Excel writes it: text in the shared strings (one entry per text cell: the worst case for the table),
    /// numbers inline. Written as a stream; the text goes to a temporary file first and becomes sharedStrings.xml after
    /// the sheet.
    /// </summary>
    private static long WriteXlsx(string path, long size, int seed)
    {
        var columns = SampleDepartment.MarketRegulation.Columns;
        var stringsFile = path + ".strings";
        long rows = 0, strings = 0;
        using (var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 20))
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create))
        {
            Entry(zip, "[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>""");
            Entry(zip, "_rels/.rels", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Entry(zip, "xl/workbook.xml", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="案件" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            Entry(zip, "xl/_rels/workbook.xml.rels", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>""");
            using (var text = new StreamWriter(stringsFile, false, new UTF8Encoding(false), 1 << 20))
            using (var sheet = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest).Open(), new UTF8Encoding(false), 1 << 20))
            {
                sheet.Write("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>""");
                sheet.Write("<row r=\"1\">");
                foreach (var column in columns)
                    sheet.Write($"<c t=\"inlineStr\"><is><t>{SecurityElement.Escape(column.Name)}</t></is></c>");
                sheet.Write("</row>");
                foreach (var row in MarketRows(seed))
                {
                    rows++;
                    sheet.Write(string.Create(CultureInfo.InvariantCulture, $"<row r=\"{rows + 1}\">"));
                    foreach (var column in columns)
                    {
                        switch (row.Values.GetValueOrDefault(column.Name))
                        {
                            case null:
                                break;
                            case long or int or decimal:
                                sheet.Write(string.Create(CultureInfo.InvariantCulture, $"<c><v>{row.Values[column.Name]}</v></c>"));
                                break;
                            case var value:
                                text.Write(SecurityElement.Escape(Text(value)).ReplaceLineEndings("&#10;"));
                                text.Write('\n');
                                sheet.Write(string.Create(CultureInfo.InvariantCulture, $"<c t=\"s\"><v>{strings++}</v></c>"));
                                break;
                        }
                    }

                    sheet.Write("</row>");
                    // The sheet and the strings are compressed at about the same ratio: stop when both together reach the size.
                    if (rows % 10_000 == 0 && file.Position + text.BaseStream.Position / 5 >= size)
                        break;
                }

                sheet.Write("</sheetData></worksheet>");
            }

            using var shared = new StreamWriter(zip.CreateEntry("xl/sharedStrings.xml", CompressionLevel.Fastest).Open(), new UTF8Encoding(false), 1 << 20);
            shared.Write(string.Create(CultureInfo.InvariantCulture,
                $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{strings}" uniqueCount="{strings}">"""));
            using (var text = new StreamReader(stringsFile, Encoding.UTF8))
            {
                while (text.ReadLine() is { } line)
                {
                    shared.Write("<si><t xml:space=\"preserve\">");
                    shared.Write(line);
                    shared.Write("</t></si>");
                }
            }

            shared.Write("</sst>");
        }

        File.Delete(stringsFile);
        return rows;
    }

    private static void Entry(ZipArchive zip, string name, string content)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Fastest).Open(), new UTF8Encoding(false));
        writer.Write(content);
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Quoted(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    private static string Describe(string path) =>
        string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(path)} ({new FileInfo(path).Length / (double)MiB:N0} MiB)");
}
