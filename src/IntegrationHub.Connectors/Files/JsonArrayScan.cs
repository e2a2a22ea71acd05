using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IntegrationHub.Connectors.Files;

/// <summary>
/// The array of records in a JSON file, found and read with <see cref="Utf8JsonReader"/> over the file stream. The
/// buffer grows only for one token or one element, and never past <see cref="SourceLimits.MaxRecordLength"/> bytes: an
/// element longer than that makes the file unreadable rather than taking the memory. Files in other encodings than UTF-8
/// are transcoded as they stream.
/// </summary>
internal sealed class JsonArrayScan(string path, string[] segments, Encoding encoding, SourceLimits limits)
{
    private const int InitialBuffer = 64 * 1024;

    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    private readonly JsonReaderOptions _options = new() { MaxDepth = limits.MaxDepth };
    private bool _arrayFound;

    /// <summary>Reads the whole file: true when it is valid JSON with an array at the path.</summary>
    /// <exception cref="JsonException">The file is not valid JSON, or nests deeper than the limit.</exception>
    public bool Validate()
    {
        foreach (var _ in Scan(parse: false))
        {
            // Validation parses nothing: reading to the end proves the file.
        }

        return _arrayFound;
    }

    /// <summary>The elements of the array, in order.</summary>
    /// <summary>The elements of the array, in order; one that parses but cannot be a record (a property given twice) comes with the reason.</summary>
    public IEnumerable<(JsonNode? Element, (string Raw, string Message)? Error)> Elements() => Scan(parse: true);

    private IEnumerable<(JsonNode? Element, (string Raw, string Message)? Error)> Scan(bool parse)
    {
        using var file = FileRecordReaders.OpenRead(path);
        using var stream = encoding.CodePage == Encoding.UTF8.CodePage ? file : Encoding.CreateTranscodingStream(file, encoding, Encoding.UTF8, leaveOpen: true);
        var buffer = new byte[InitialBuffer];
        var filled = 0;
        var final = false;
        var started = false;
        var state = new JsonReaderState(_options);
        var names = new string?[limits.MaxDepth + 2];
        var arrayDepth = -1;
        var elementDepth = -1;
        var results = new List<(JsonNode?, (string, string)?)>();
        while (true)
        {
            if (!final)
            {
                var read = stream.Read(buffer, filled, buffer.Length - filled);
                filled += read;
                final = read == 0;
                if (!started && filled >= 3 && buffer.AsSpan(0, 3).SequenceEqual(Utf8Bom))
                {
                    buffer.AsSpan(3, filled - 3).CopyTo(buffer);
                    filled -= 3;
                }

                started = started || filled >= 3 || final;
                if (!final && filled < buffer.Length)
                    continue;
            }

            var consumed = Step(buffer.AsSpan(0, filled), final, ref state, names, ref arrayDepth, ref elementDepth, parse, results);
            foreach (var element in results)
                yield return element;
            results.Clear();
            if (final)
                yield break;
            var left = filled - consumed;
            if (left == buffer.Length)
            {
                // One token or element fills the buffer: grow it, up to the record limit.
                if (buffer.Length >= limits.MaxRecordLength)
                {
                    throw new UnreadableFileException(string.Create(CultureInfo.InvariantCulture,
                        $"A record or value of the file is longer than the limit of {limits.MaxRecordLength:N0} bytes (rule: Hub:Limits:MaxRecordLength)."));
                }

                Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, limits.MaxRecordLength));
            }
            else
            {
                buffer.AsSpan(consumed, left).CopyTo(buffer);
            }

            filled = left;
        }
    }

    /// <summary>Reads the complete tokens of the buffer; returns the bytes consumed (a partial element is left for the next call).</summary>
    private int Step(ReadOnlySpan<byte> data, bool final, ref JsonReaderState state, string?[] names, ref int arrayDepth, ref int elementDepth,
        bool parse, List<(JsonNode?, (string, string)?)> results)
    {
        var reader = new Utf8JsonReader(data, final, state);
        var consumed = 0;
        while (true)
        {
            var before = reader;
            if (!reader.Read())
                break;
            var depth = reader.CurrentDepth;
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    names[depth] = reader.GetString();
                    break;
                case JsonTokenType.StartArray when arrayDepth < 0 && depth == segments.Length && OnPath(names, depth):
                    arrayDepth = depth;
                    _arrayFound = true;
                    break;
                case JsonTokenType.EndArray when depth == arrayDepth:
                    // Only the first array on the path holds the records.
                    arrayDepth = int.MinValue;
                    break;
                default:
                    if (arrayDepth >= 0 && depth == arrayDepth + 1 && reader.TokenType is not (JsonTokenType.EndObject or JsonTokenType.EndArray))
                    {
                        var start = (int)reader.TokenStartIndex;
                        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip())
                        {
                            // The element goes on past the buffer: read it again, whole, after the next fill.
                            state = before.CurrentState;
                            return (int)before.BytesConsumed;
                        }

                        if (parse)
                            results.Add(Parse(data[start..(int)reader.BytesConsumed]));
                    }

                    break;
            }

            consumed = (int)reader.BytesConsumed;
        }

        state = reader.CurrentState;
        return consumed;
    }

    private (JsonNode?, (string, string)?) Parse(ReadOnlySpan<byte> element)
    {
        try
        {
            return (JsonNode.Parse(element, documentOptions: SourceJson.Options(limits)), null);
        }
        catch (JsonException ex)
        {
            return (null, (Encoding.UTF8.GetString(element[..Math.Min(element.Length, 4 * SourceText.ExcerptLength)]), SourceJson.Explain(ex, limits)));
        }
    }

    private bool OnPath(string?[] names, int depth)
    {
        for (var i = 0; i < depth; i++)
        {
            if (!string.Equals(names[i + 1], segments[i], StringComparison.Ordinal))
                return false;
        }

        return true;
    }
}
