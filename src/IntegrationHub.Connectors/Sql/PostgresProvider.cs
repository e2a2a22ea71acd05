using System.Data.Common;
using Npgsql;

namespace IntegrationHub.Connectors.Sql;

/// <summary>PostgreSQL through Npgsql: double-quoted identifiers, LIMIT paging.</summary>
internal sealed class PostgresProvider : SqlProvider
{
    public override string Name => "postgres";

    public override string Quote(string identifier) => AnsiQuote(identifier);

    public override DbConnection CreateConnection(string connectionString) => new NpgsqlConnection(connectionString);

    /// <summary>28P01 invalid_password, 28000 invalid_authorization_specification (no pg_hba entry, unknown role).</summary>
    public override bool IsAuthenticationFailure(Exception error) =>
        error is PostgresException { SqlState: "28P01" or "28000" };

    internal static string AnsiQuote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
