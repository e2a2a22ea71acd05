using System.IO.Compression;
using System.Security;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Connectors.Files;

namespace IntegrationHub.Integration.Tests.Hostile;

/// <summary>
/// Turns a case's input into bytes for its source kind. Big inputs (a 50 MB field, 100,000 columns, nesting 100,000
/// deep, a zip bomb) are generated here at test time, never committed.
/// </summary>
public static class HostileInputs
{
    public const string Field = "当事人名称";

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The payload's value (repeated characters for the big ones).</summary>
    public static string PayloadValue(JsonObject payload) =>
        payload["repeat"] is { } repeat
            ? Repeated.GetOrAdd((repeat.GetValue<string>(), payload["count"]!.GetValue<int>()), r => new string(r.Text[0], r.Count))
            : payload["value"]!.GetValue<string>();

    // The big payloads are made once per run, not once per carrier.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Text, int Count), string> Repeated = new();

    /// <summary>One record {id, 当事人名称: value} in the format of <paramref name="format"/>.</summary>
    public static byte[] Record(string format, string value) => format switch
    {
        "csv" => Utf8($"id,{Field}\r\n1,\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"\r\n"),
        "jsonl" => Utf8(RecordJson(value) + "\n"),
        "json" => Utf8($"[{RecordJson(value)}]"),
        "xml" => Utf8($"<?xml version=\"1.0\" encoding=\"utf-8\"?><root><case><id>1</id><{Field}>{SecurityElement.Escape(value)}</{Field}></case></root>"),
        "singer" => Utf8(Singer(RecordJson(value))),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "no such format"),
    };

    public static string RecordJson(string value) => JsonSerializer.Serialize(new Dictionary<string, string> { ["id"] = "1", [Field] = value }, Json);

    public static string Singer(string recordJson) =>
        "{\"type\":\"SCHEMA\",\"stream\":\"cases\",\"schema\":{},\"key_properties\":[\"id\"]}\n" +
        $"{{\"type\":\"RECORD\",\"stream\":\"cases\",\"record\":{recordJson}}}\n{{\"type\":\"STATE\",\"value\":{{\"n\":1}}}}\n";

    /// <summary>The bytes of a structural case: literal text in an encoding, or a named generator.</summary>
    public static byte[] Bytes(JsonObject input, string format)
    {
        if (input["text"] is { } text)
            return Encode(text.GetValue<string>(), input["encoding"]?.GetValue<string>() ?? "utf-8");
        var generator = input["generator"]!.GetValue<string>();
        return generator switch
        {
            "columns" => Columns(input["count"]!.GetValue<int>(), input["where"]!.GetValue<string>()),
            "mixed-encodings" => [.. Utf8("id,name\r\n1,张三\r\n2,"), .. FileTextEncodings.Gb18030.GetBytes("李四"), .. Utf8("\r\n")],
            "invalid-utf8" => InvalidUtf8(input["format"]!.GetValue<string>()),
            "deep-json" => DeepJson(input["depth"]!.GetValue<int>(), input["inRecord"]!.GetValue<bool>(), input["singer"]?.GetValue<bool>() == true),
            "deep-xml" => Utf8($"<root>{Repeat("<a>", input["depth"]!.GetValue<int>())}{Repeat("</a>", input["depth"]!.GetValue<int>())}</root>"),
            "long-line" => Utf8(new string('x', input["length"]!.GetValue<int>())),
            "wide-row" => Utf8("id," + string.Join(',', Enumerable.Range(1, input["fields"]!.GetValue<int>() - 1).Select(i => $"c{i}")) + "\r\n1," +
                               string.Join(',', Enumerable.Range(1, input["fields"]!.GetValue<int>() - 1).Select(_ => new string('x', input["length"]!.GetValue<int>()))) + "\r\n"),
            "big-body" => Utf8($"{{\"id\":\"big\",\"name\":\"{new string('x', input["megabytes"]!.GetValue<int>() * 1024 * 1024)}\"}}"),
            _ => throw new ArgumentOutOfRangeException(nameof(input), generator, "no such generator"),
        };
    }

    public static byte[] Encode(string text, string encoding) => encoding switch
    {
        "utf-8" => Utf8(text),
        "utf-8-bom" => [0xEF, 0xBB, 0xBF, .. Utf8(text)],
        "utf-16le-bom" => [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(text)],
        "utf-16be-bom" => [0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(text)],
        "gb18030" => FileTextEncodings.Gb18030.GetBytes(text),
        _ => throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "no such encoding"),
    };

    private static byte[] Columns(int count, string where)
    {
        var many = string.Join(',', Enumerable.Range(1, count).Select(i => $"c{i}"));
        return where == "header" ? Utf8($"{many}\r\n1\r\n") : Utf8($"id,{Field}\r\n{many}\r\n");
    }

    private static byte[] InvalidUtf8(string format)
    {
        byte[] bad = [0xC3, 0x28, 0xFF, 0xFE];
        return format switch
        {
            "csv" => [.. Utf8("id,name\r\n1,张"), .. bad, .. Utf8("三\r\n")],
            "jsonl" => [.. Utf8("{\"id\":\"1\",\"name\":\"张"), .. bad, .. Utf8("\"}\n")],
            "json" => [.. Utf8("[{\"id\":\"1\",\"name\":\"张"), .. bad, .. Utf8("\"}]")],
            "singer" => [.. Utf8("{\"type\":\"RECORD\",\"stream\":\"cases\",\"record\":{\"id\":\"1\",\"name\":\"张"), .. bad, .. Utf8("\"}}\n")],
            "api" => [.. Utf8("{\"id\":\"bad-utf8\",\"name\":\"张"), .. bad, .. Utf8("\"}")],
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "no such format"),
        };
    }

    private static byte[] DeepJson(int depth, bool inRecord, bool singer)
    {
        var deep = Repeat("[", depth) + Repeat("]", depth);
        var record = $"{{\"id\":\"1\",\"nested\":{deep}}}";
        if (singer)
            return Utf8(Singer(record));
        return Utf8(inRecord ? $"[{record}]" : deep);
    }

    private static string Repeat(string text, int count) => new StringBuilder(text.Length * count).Insert(0, text, count).ToString();

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>A workbook written part by part (Excel's layout: shared strings, a header row of inline strings).</summary>
    public static void Workbook(string path, string sheetData, IReadOnlyList<string>? sharedStrings = null, string? doctype = null,
        Func<Stream, long>? writeBomb = null)
    {
        using var file = File.Create(path);
        using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        void Entry(string name, string content)
        {
            using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Fastest).Open(), new UTF8Encoding(false));
            writer.Write(content);
        }

        Entry("[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>""");
        Entry("_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
        Entry("xl/workbook.xml", """<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="案件" sheetId="1" r:id="rId1"/></sheets></workbook>""");
        Entry("xl/_rels/workbook.xml.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>""");
        var sst = string.Concat((sharedStrings ?? []).Select(s => $"<si><t xml:space=\"preserve\">{SecurityElement.Escape(OoxmlEscape(s))}</t></si>"));
        Entry("xl/sharedStrings.xml", $"""<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{sst}</sst>""");
        if (writeBomb is not null)
        {
            using var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize).Open();
            writeBomb(sheet);
            return;
        }

        Entry("xl/worksheets/sheet1.xml", $"""<?xml version="1.0" encoding="UTF-8"?>{doctype}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{sheetData}</sheetData></worksheet>""");
    }

    /// <summary>Characters XML cannot carry, as OOXML writes them (<c>_x0000_</c>).</summary>
    private static string OoxmlEscape(string value) =>
        value.Any(c => c < 0x20) ? string.Concat(value.Select(c => c < 0x20 && c is not ('\t' or '\n' or '\r') ? $"_x{(int)c:X4}_" : c.ToString())) : value;

    public const string HeaderRow = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>id</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>当事人名称</t></is></c></row>";
}
