using System.Data.Common;

namespace IntegrationHub.Connectors.Sql;

/// <summary>
/// Keeps a connection string's secrets out of messages: describes the source by its address only, and removes the
/// password (and the whole connection string) from a driver's message that echoes it.
/// </summary>
public static class ConnectionStringSecrets
{
    private static readonly string[] AddressKeys = ["host", "server", "data source", "datasource", "address", "addr", "network address"];
    private static readonly string[] DatabaseKeys = ["database", "initial catalog"];
    private static readonly string[] SecretKeys = ["password", "pwd", "passwd"];

    /// <summary>The address a person can check, e.g. <c>mysql 10.1.2.3:3306/exchange</c>; never a credential.</summary>
    public static string Describe(string provider, string connectionString)
    {
        var builder = TryParse(connectionString);
        if (builder is null)
            return provider;
        var address = First(builder, AddressKeys) ?? "(default host)";
        var port = First(builder, ["port"]);
        var database = First(builder, DatabaseKeys);
        return $"{provider} {address}{(port is null ? "" : ":" + port)}{(database is null ? "" : "/" + database)}";
    }

    /// <summary>The message with the connection string and every password value in it replaced by <c>********</c>.</summary>
    public static string Redact(string message, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (string.IsNullOrEmpty(connectionString))
            return message;
        var redacted = message.Replace(connectionString, "********", StringComparison.Ordinal);
        if (TryParse(connectionString) is not { } builder)
            return redacted;
        foreach (var key in SecretKeys)
        {
            if (builder.TryGetValue(key, out var value) && value?.ToString() is { Length: > 0 } secret)
                redacted = redacted.Replace(secret, "********", StringComparison.Ordinal);
        }

        return redacted;
    }

    private static DbConnectionStringBuilder? TryParse(string connectionString)
    {
        try
        {
            return new DbConnectionStringBuilder { ConnectionString = connectionString };
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static string? First(DbConnectionStringBuilder builder, string[] keys) =>
        keys.Select(key => builder.TryGetValue(key, out var value) ? value?.ToString() : null).FirstOrDefault(v => !string.IsNullOrEmpty(v));
}
