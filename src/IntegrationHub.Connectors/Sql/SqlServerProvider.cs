using System.Data;
using System.Data.Common;
using Microsoft.Data.SqlClient;

namespace IntegrationHub.Connectors.Sql;

/// <summary>SQL Server through Microsoft.Data.SqlClient: [bracketed] identifiers, TOP paging.</summary>
internal sealed class SqlServerProvider : SqlProvider
{
    public override string Name => "sqlserver";

    public override string Quote(string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        return "[" + identifier.Replace("]", "]]", StringComparison.Ordinal) + "]";
    }

    protected override string Page(string source, string where, string orderBy) => $"SELECT TOP (@limit) * FROM {source}{where}{orderBy}";

    public override DbConnection CreateConnection(string connectionString) => new SqlConnection(connectionString);

    /// <summary>
    /// A DateTime binds as the legacy <c>datetime</c> (1/300 s) by default; a datetime2 watermark compared with it would
    /// re-read or skip rows. datetime2 holds every DateTime exactly and compares correctly with datetime columns too.
    /// </summary>
    public override void Bind(DbParameter parameter, object value)
    {
        base.Bind(parameter, value);
        if (value is DateTime)
            parameter.DbType = DbType.DateTime2;
    }

    /// <summary>18456 login failed, 18487/18488 password expired or must be changed.</summary>
    public override bool IsAuthenticationFailure(Exception error) => error is SqlException { Number: 18456 or 18487 or 18488 };
}
