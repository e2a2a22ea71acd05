using System.Text;

namespace IntegrationHub.Integration.Tests.Harness;

/// <summary>Reads the hub's CSV exports back: RFC 4180, quoted cells may hold commas, doubled quotes and line breaks.</summary>
public static class CsvText
{
    public static List<List<string>> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = new List<List<string>>();
        var line = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { line.Add(cell.ToString()); cell.Clear(); }
            else if (c == '\n') { line.Add(cell.ToString()); cell.Clear(); lines.Add(line); line = []; }
            else if (c != '\r') cell.Append(c);
        }

        return lines;
    }
}
