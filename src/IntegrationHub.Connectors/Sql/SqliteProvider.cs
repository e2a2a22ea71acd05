using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace IntegrationHub.Connectors.Sql;

/// <summary>SQLite files, opened read-only: double-quoted identifiers, LIMIT paging.</summary>
internal sealed class SqliteProvider : SqlProvider
{
    public override string Name => "sqlite";

    public override string Quote(string identifier) => PostgresProvider.AnsiQuote(identifier);

    public override DbConnection CreateConnection(string connectionString) =>
        new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadOnly }.ToString());

    /// <summary>SQLITE_AUTH (23): only with an authorizer; a missing file is a connect failure.</summary>
    public override bool IsAuthenticationFailure(Exception error) => error is SqliteException { SqliteErrorCode: 23 };
}
