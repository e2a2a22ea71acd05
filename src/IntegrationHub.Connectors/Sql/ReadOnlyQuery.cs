using System.Text;
using System.Text.RegularExpressions;

namespace IntegrationHub.Connectors.Sql;

/// <summary>
/// Rejects a <c>source.query</c> that is obviously not a single read: it must start with SELECT or WITH, hold one
/// statement, and name no writing or schema-changing keyword outside string literals and comments. A guard against
/// mistakes, not a security boundary: the connection's database user should only be allowed to read.
/// </summary>
public static partial class ReadOnlyQuery
{
    private static readonly string[] Forbidden =
    [
        "INSERT", "UPDATE", "DELETE", "MERGE", "TRUNCATE", "DROP", "ALTER", "CREATE", "RENAME",
        "GRANT", "REVOKE", "EXEC", "EXECUTE", "CALL", "DO", "COPY", "LOAD", "HANDLER", "LOCK", "INTO", "ATTACH",
        "DETACH", "PRAGMA", "VACUUM", "DECLARE", "BEGIN", "COMMIT", "ROLLBACK",
    ];

    /// <summary>Why the query is refused, or null when it looks like a single read.</summary>
    public static string? Problem(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var code = CodeOnly(query).Trim().TrimEnd(';').Trim();
        if (code.Length == 0)
            return "is empty.";
        if (code.Contains(';', StringComparison.Ordinal))
            return "must be a single statement (it contains ';').";
        var words = Word().Matches(code).Select(m => m.Value.ToUpperInvariant()).ToList();
        if (words.Count == 0 || words[0] is not ("SELECT" or "WITH"))
            return "must start with SELECT or WITH (a read-only query).";
        var forbidden = words.FirstOrDefault(w => Forbidden.Contains(w, StringComparer.Ordinal));
        return forbidden is null ? null : $"contains '{forbidden}'; only read-only SELECT queries are allowed.";
    }

    /// <summary>The query without comments and with string literals and quoted identifiers blanked.</summary>
    private static string CodeOnly(string query)
    {
        var code = new StringBuilder(query.Length);
        for (var i = 0; i < query.Length; i++)
        {
            var c = query[i];
            if (c == '-' && i + 1 < query.Length && query[i + 1] == '-')
            {
                while (i < query.Length && query[i] != '\n')
                    i++;
                code.Append(' ');
            }
            else if (c == '/' && i + 1 < query.Length && query[i + 1] == '*')
            {
                var end = query.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? query.Length : end + 1;
                code.Append(' ');
            }
            else if (c is '\'' or '"' or '`' or '[')
            {
                var close = c == '[' ? ']' : c;
                i++;
                while (i < query.Length && !(query[i] == close && (i + 1 >= query.Length || query[i + 1] != close)))
                    i += query[i] == close ? 2 : 1;
                code.Append(" x ");
            }
            else
            {
                code.Append(c);
            }
        }

        return code.ToString();
    }

    [GeneratedRegex(@"[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex Word();
}
