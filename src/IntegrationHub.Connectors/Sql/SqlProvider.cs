using System.Data.Common;

namespace IntegrationHub.Connectors.Sql;

/// <summary>
/// What differs between the database products a sql connector reads: the driver, identifier quoting, paging, how a
/// parameter is bound and which driver errors mean "credentials refused". The SQL text is otherwise the same.
/// </summary>
public abstract class SqlProvider
{
    private static readonly Dictionary<string, SqlProvider> ByName = new(StringComparer.Ordinal)
    {
        ["postgres"] = new PostgresProvider(),
        ["mysql"] = new MySqlProvider("mysql"),
        ["mariadb"] = new MySqlProvider("mariadb"),
        ["sqlserver"] = new SqlServerProvider(),
        ["sqlite"] = new SqliteProvider(),
    };

    public static IReadOnlyCollection<string> Names => ByName.Keys;

    public static bool IsKnown(string name) => ByName.ContainsKey(name);

    public static SqlProvider For(string name) =>
        ByName.TryGetValue(name, out var provider) ? provider : throw new ArgumentException($"Unknown SQL provider '{name}'.", nameof(name));

    public abstract string Name { get; }

    /// <summary>Quotes one identifier (a column, or one part of a table name).</summary>
    public abstract string Quote(string identifier);

    /// <summary>A table name may be schema-qualified (<c>exchange.cases</c>); each part is quoted.</summary>
    public string QuoteName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return string.Join('.', name.Split('.').Select(Quote));
    }

    /// <summary>
    /// The text of the page query: rows after the checkpoint (<c>@w</c>, <c>@k</c>) when <paramref name="afterCheckpoint"/>,
    /// in (watermark, key) order, at most <c>@limit</c> rows. A query source is wrapped as a derived table <c>src</c>.
    /// </summary>
    public string PageQuery(SqlSourceOptions options, bool afterCheckpoint)
    {
        ArgumentNullException.ThrowIfNull(options);
        // The closing parenthesis goes on a line of its own: the query may end with a -- comment.
        var source = options.Query is { } query ? $"({query.Trim().TrimEnd(';').TrimEnd()}\n) AS src" : QuoteName(options.Table!);
        var watermark = Quote(options.Watermark);
        var key = Quote(options.Key);
        // (w > @w) or (w = @w and k > @k), written so that the leading "w >= @w" starts a range scan of the (watermark, key)
        // index: with the OR alone PostgreSQL scans the index from its start for every page, and a backfill turns quadratic.
        var where = afterCheckpoint ? $" WHERE {watermark} >= @w AND ({watermark} > @w OR {key} > @k)" : "";
        return Page(source, where, $" ORDER BY {watermark}, {key}");
    }

    /// <summary>Puts the source, filter and order together with the provider's row limit (<c>@limit</c>).</summary>
    protected virtual string Page(string source, string where, string orderBy) => $"SELECT * FROM {source}{where}{orderBy} LIMIT @limit";

    /// <summary>A closed connection for the (already expanded) connection string.</summary>
    public abstract DbConnection CreateConnection(string connectionString);

    /// <summary>Binds a checkpoint value so that the database compares it as the column's type.</summary>
    public virtual void Bind(DbParameter parameter, object value)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        parameter.Value = value;
    }

    /// <summary>Whether an error while opening the connection means the credentials were refused.</summary>
    public abstract bool IsAuthenticationFailure(Exception error);
}
