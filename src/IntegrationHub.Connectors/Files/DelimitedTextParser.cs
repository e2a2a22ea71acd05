using System.Text;

namespace IntegrationHub.Connectors.Files;

/// <summary>
/// RFC 4180 delimited text, record by record: quoted fields may hold the delimiter, doubled quotes and line breaks.
/// Tracks the line each record starts on, and notes a quote out of place or a quoted field left open.
/// </summary>
internal sealed class DelimitedTextParser(TextReader reader, char delimiter, char quote, int firstLine)
{
    private readonly StringBuilder _field = new();
    private int _line = firstLine;

    /// <summary>The next record; null at the end. Blank lines are skipped.</summary>
    public DelimitedRecord? Next()
    {
        while (true)
        {
            var start = _line;
            var fields = new List<string>();
            string? problem = null;
            var inQuotes = false;
            var quoted = false;
            var any = false;
            _field.Clear();
            while (true)
            {
                var c = reader.Read();
                if (c == -1)
                {
                    if (!any)
                        return null;
                    if (inQuotes)
                        problem ??= "a quoted field is not closed before the end of the file";
                    break;
                }

                any = true;
                if (inQuotes)
                {
                    if (c == quote)
                    {
                        if (reader.Peek() == quote)
                        {
                            reader.Read();
                            _field.Append(quote);
                        }
                        else
                        {
                            inQuotes = false;
                        }
                    }
                    else
                    {
                        if (c == '\n')
                            _line++;
                        _field.Append((char)c);
                    }

                    continue;
                }

                if (c == quote)
                {
                    if (_field.Length == 0 && !quoted)
                    {
                        inQuotes = quoted = true;
                        continue;
                    }

                    problem ??= $"a quote character is out of place in field {fields.Count + 1}";
                    _field.Append((char)c);
                }
                else if (c == delimiter)
                {
                    fields.Add(_field.ToString());
                    _field.Clear();
                    quoted = false;
                }
                else if (c is '\r' or '\n')
                {
                    if (c == '\r' && reader.Peek() == '\n')
                        reader.Read();
                    _line++;
                    break;
                }
                else
                {
                    if (quoted)
                        problem ??= $"text follows the closing quote in field {fields.Count + 1}";
                    _field.Append((char)c);
                }
            }

            fields.Add(_field.ToString());
            if (fields.Count == 1 && fields[0].Length == 0 && !quoted && problem is null)
                continue;
            return new DelimitedRecord(start, [.. fields], problem);
        }
    }
}

/// <summary>One record of delimited text: the line it starts on, its fields, and what was wrong with its quoting.</summary>
internal sealed record DelimitedRecord(int Line, string[] Fields, string? Problem);
