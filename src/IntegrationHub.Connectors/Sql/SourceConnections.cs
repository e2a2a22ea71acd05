using System.Data.Common;
using System.Net.Sockets;

namespace IntegrationHub.Connectors.Sql;

/// <summary>Opens a source connection, turning a driver's failure into a message an IT engineer can act on (never a secret).</summary>
internal static class SourceConnections
{
    public static async Task<DbConnection> OpenAsync(SqlProvider provider, string connectionString, string connectorId, CancellationToken ct)
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
        catch (Exception ex) when (IsOpenFailure(ex) && !ct.IsCancellationRequested)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw Refused(provider, ex, address, connectionString);
        }
    }

    public static bool IsOpenFailure(Exception ex) => ex is DbException or SocketException or TimeoutException or IOException or InvalidOperationException;

    /// <summary>What an open that failed means: credentials refused, or the server not reachable.</summary>
    public static SourceAccessException Refused(SqlProvider provider, Exception ex, string address, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(ex);
        var message = ConnectionStringSecrets.Redact(ex.Message, connectionString);
        return provider.IsAuthenticationFailure(ex)
            ? new SourceAccessException("authenticate", $"{address} refused the credentials of source.connectionString: {message} Check the user name and password.")
            : new SourceAccessException("connect", $"Cannot connect to {address}: {message} Check that the server runs, the address and port are right and the network allows the connection.");
    }
}
