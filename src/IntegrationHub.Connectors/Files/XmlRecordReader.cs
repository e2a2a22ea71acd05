using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;

namespace IntegrationHub.Connectors.Files;

/// <summary>
/// XML: every element at the record path (<c>/root/cases/case</c>, local names from the root) is a record; its attributes
/// and child elements become fields (a child with children or attributes becomes an object, a repeated child an array).
/// A record element that holds text of its own besides its fields is a problem row. The file is checked to be
/// well-formed first, so a broken file fails as a whole before any record is read.
/// </summary>
internal static class XmlRecordReader
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    public static IEnumerable<FileRow> Read(string path, string recordPath, SourceLimits limits)
    {
        FileTextEncodings.EnsureRegistered();
        try
        {
            using var stream = FileRecordReaders.OpenRead(path);
            using var reader = XmlReader.Create(stream, Settings);
            // Reading to the end proves the whole file is well-formed; the depth check keeps the record's fields (read
            // recursively) from exhausting the stack.
            while (reader.Read())
            {
                if (reader.Depth > limits.MaxDepth)
                {
                    throw new UnreadableFileException(string.Create(CultureInfo.InvariantCulture,
                        $"The file nests elements deeper than {limits.MaxDepth} levels (line {((IXmlLineInfo)reader).LineNumber}; rule: Hub:Limits:MaxDepth)."));
                }
            }
        }
        catch (XmlException ex)
        {
            // A DTD is refused (DtdProcessing.Prohibit): no external entities (XXE), no entity expansion (billion laughs).
            throw new UnreadableFileException($"The file is not well-formed XML: {ex.Message}", ex);
        }

        return Records(path, recordPath.Trim('/').Split('/'));
    }

    private static IEnumerable<FileRow> Records(string path, string[] segments)
    {
        using var stream = FileRecordReaders.OpenRead(path);
        using var reader = XmlReader.Create(stream, Settings);
        var names = new string[segments.Length];
        var count = 0;
        reader.MoveToContent();
        while (!reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.Depth < segments.Length)
            {
                names[reader.Depth] = reader.LocalName;
                if (reader.Depth == segments.Length - 1 && names.AsSpan().SequenceEqual(segments))
                {
                    var line = ((IXmlLineInfo)reader).LineNumber;
                    var element = (XElement)XNode.ReadFrom(reader);
                    count++;
                    var text = string.Concat(element.Nodes().OfType<XText>().Select(t => t.Value)).Trim();
                    var problem = text.Length == 0
                        ? null
                        : $"the <{element.Name.LocalName}> element holds text outside its field elements ('{(text.Length > 40 ? text[..37] + "..." : text)}')";
                    yield return new FileRow(string.Create(CultureInfo.InvariantCulture, $"record {count} (line {line})"), Fields(element), problem);
                    continue;
                }
            }

            reader.Read();
        }
    }

    private static JsonObject Fields(XElement element)
    {
        var fields = new JsonObject();
        foreach (var attribute in element.Attributes().Where(a => !a.IsNamespaceDeclaration))
            fields[attribute.Name.LocalName] = attribute.Value;
        foreach (var group in element.Elements().GroupBy(e => e.Name.LocalName, StringComparer.Ordinal))
        {
            var values = group.Select(Value).ToList();
            fields[group.Key] = values.Count == 1 ? values[0] : new JsonArray([.. values]);
        }

        return fields;
    }

    private static JsonNode? Value(XElement element)
    {
        if (!element.HasElements && !element.HasAttributes)
            return element.Value.Length == 0 ? null : JsonValue.Create(element.Value);
        var fields = Fields(element);
        var text = string.Concat(element.Nodes().OfType<XText>().Select(t => t.Value)).Trim();
        if (text.Length > 0)
            fields["#text"] = text;
        return fields;
    }
}
