using System.Text;

namespace IntegrationHub.Connectors.Rest;

/// <summary>Reads RFC 8288 <c>Link</c> header values: <c>&lt;https://…?page=2&gt;; rel="next", &lt;…&gt;; rel="last"</c>.</summary>
public static class LinkHeader
{
    /// <summary>The target of the first link whose <c>rel</c> contains <paramref name="relation"/>, resolved against <paramref name="requestUri"/>.</summary>
    public static Uri? Find(IEnumerable<string> values, string relation, Uri requestUri)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var value in values)
        {
            foreach (var (target, rels) in Parse(value))
            {
                if (rels.Any(r => r.Equals(relation, StringComparison.OrdinalIgnoreCase)) && Uri.TryCreate(requestUri, target, out var resolved))
                    return resolved;
            }
        }

        return null;
    }

    /// <summary>Each link of one header value: its target and its relation types.</summary>
    public static IEnumerable<(string Target, IReadOnlyList<string> Relations)> Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var i = 0;
        while (true)
        {
            i = value.IndexOf('<', i);
            if (i < 0)
                yield break;
            var end = value.IndexOf('>', i + 1);
            if (end < 0)
                yield break;
            var target = value[(i + 1)..end].Trim();
            i = end + 1;
            var relations = new List<string>();
            // Parameters up to the comma that separates links (commas inside quotes belong to the value).
            while (i < value.Length && value[i] != ',')
            {
                if (value[i] != ';')
                {
                    i++;
                    continue;
                }

                i++;
                var (name, parameter, next) = ReadParameter(value, i);
                i = next;
                if (name.Equals("rel", StringComparison.OrdinalIgnoreCase))
                    relations.AddRange(parameter.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries));
            }

            yield return (target, relations);
        }
    }

    private static (string Name, string Value, int Next) ReadParameter(string text, int i)
    {
        var name = new StringBuilder();
        while (i < text.Length && text[i] is not ('=' or ';' or ','))
            name.Append(text[i++]);
        if (i >= text.Length || text[i] != '=')
            return (name.ToString().Trim(), "", i);
        i++;
        while (i < text.Length && text[i] == ' ')
            i++;
        var value = new StringBuilder();
        if (i < text.Length && text[i] == '"')
        {
            i++;
            while (i < text.Length && text[i] != '"')
            {
                if (text[i] == '\\' && i + 1 < text.Length)
                    i++;
                value.Append(text[i++]);
            }

            i++;
        }
        else
        {
            while (i < text.Length && text[i] is not (';' or ','))
                value.Append(text[i++]);
        }

        return (name.ToString().Trim(), value.ToString().Trim(), i);
    }
}
