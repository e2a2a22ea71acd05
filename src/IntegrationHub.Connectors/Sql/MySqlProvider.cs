using System.Data.Common;
using MySqlConnector;

namespace IntegrationHub.Connectors.Sql;

/// <summary>MySQL and MariaDB through MySqlConnector: backtick-quoted identifiers, LIMIT paging.</summary>
internal sealed class MySqlProvider(string name) : SqlProvider
{
    public override string Name => name;

    public override string Quote(string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        return "`" + identifier.Replace("`", "``", StringComparison.Ordinal) + "`";
    }

    public override DbConnection CreateConnection(string connectionString) => new MySqlConnection(connectionString);

    /// <summary>1045 access denied (user or password), 1044 access to the database denied.</summary>
    public override bool IsAuthenticationFailure(Exception error) =>
        error is MySqlException { ErrorCode: MySqlErrorCode.AccessDenied or MySqlErrorCode.DatabaseAccessDenied };
}
