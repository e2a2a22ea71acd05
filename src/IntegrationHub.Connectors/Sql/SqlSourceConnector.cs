using System.Data.Common;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using IntegrationHub.Connectors.Definitions;

namespace IntegrationHub.Connectors.Sql;

/// <summary>
/// Reads a department's table, view or read-only query page by page, ordered by a watermark column and a tie-breaking
/// key, resuming after the last (watermark, key) stored. Keyset paging, never OFFSET: each page costs the same however
/// deep the read is. PostgreSQL, MySQL/MariaDB, SQL Server and SQLite differ only in their <see cref="SqlProvider"/>.
/// </summary>
public sealed class SqlSourceConnector() : SourceConnector("sql")
{
    public override async IAsyncEnumerable<SourcePage> ReadAsync(ConnectorDefinition connector, string? checkpoint, ConnectorContext context,
        [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(context);
        var (options, provider, connectionString) = Configuration(connector, context);
        await using var connection = await OpenAsync(provider, connectionString, connector.Id, ct).ConfigureAwait(false);

        var reader = new SqlPageReader(connector.Id, options, provider, connectionString, context.Limits);
        var position = KeysetCheckpoint.Parse(checkpoint);
        while (true)
        {
            var page = await reader.ReadAsync(connection, position, ct).ConfigureAwait(false);
            if (page.Records.Count == 0)
                yield break;
            position = page.Position!;
            yield return new SourcePage(page.Records, position.Serialize());
            if (page.Records.Count < options.PageSize)
                yield break;
        }
    }

    protected override void Configure(ConnectorDefinition connector, ConnectorContext context) => Configuration(connector, context);

    /// <summary>The options, the provider and the expanded connection string, which the provider's own parser has accepted.</summary>
    private static (SqlSourceOptions Options, SqlProvider Provider, string ConnectionString) Configuration(ConnectorDefinition connector, ConnectorContext context)
    {
        var options = SqlSourceOptions.From(connector.Source, connector.Id);
        var provider = SqlProvider.For(options.Provider);
        string connectionString;
        try
        {
            connectionString = context.Expand(options.ConnectionString);
        }
        catch (InvalidOperationException ex)
        {
            throw new ConnectorConfigurationException(connector.Id, "source.connectionString", ex.Message);
        }

        // Creating a connection parses the string (an unknown keyword, a value of the wrong type) without connecting.
        try
        {
            using var unopened = provider.CreateConnection(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new ConnectorConfigurationException(connector.Id, "source.connectionString", ConnectionStringSecrets.Redact(ex.Message, connectionString));
        }

        return (options, provider, connectionString);
    }

    private static async Task<DbConnection> OpenAsync(SqlProvider provider, string connectionString, string connectorId, CancellationToken ct)
    {
        var address = ConnectionStringSecrets.Describe(provider.Name, connectionString);
        DbConnection connection;
        try
        {
            connection = provider.CreateConnection(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new ConnectorConfigurationException(connectorId, "source.connectionString", ConnectionStringSecrets.Redact(ex.Message, connectionString));
        }

        try
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
            return connection;
        }
        catch (Exception ex) when (ex is DbException or SocketException or TimeoutException or IOException or InvalidOperationException
                                   && !ct.IsCancellationRequested)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            var message = ConnectionStringSecrets.Redact(ex.Message, connectionString);
            throw provider.IsAuthenticationFailure(ex)
                ? new SourceAccessException("authenticate", $"{address} refused the credentials of source.connectionString: {message} Check the user name and password.")
                : new SourceAccessException("connect", $"Cannot connect to {address}: {message} Check that the server runs, the address and port are right and the network allows the connection.");
        }
    }
}
