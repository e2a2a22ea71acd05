using System.Data.Common;
using System.Globalization;

namespace IntegrationHub.Connectors.Sql;

/// <summary>Reads one keyset page on an open connection and turns its rows into records (upserts, deletions, problems).</summary>
internal sealed class SqlPageReader(string connectorId, SqlSourceOptions options, SqlProvider provider, string connectionString, SourceLimits limits)
{
    private readonly HashSet<string> _excluded = new(options.ExcludeColumns, StringComparer.OrdinalIgnoreCase);
    private readonly string _address = ConnectionStringSecrets.Describe(provider.Name, connectionString);

    public async Task<SqlPage> ReadAsync(DbConnection connection, KeysetCheckpoint? position, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = provider.PageQuery(options, afterCheckpoint: position is not null);
        command.CommandTimeout = options.CommandTimeoutSeconds;
        Add(command, "@limit", options.PageSize);
        if (position is not null)
        {
            Add(command, "@w", position.Watermark);
            Add(command, "@k", position.Key);
        }

        var records = new List<SourceRecord>(Math.Min(options.PageSize, 1024));
        object? lastWatermark = null, lastKey = null;
        try
        {
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var watermark = Ordinal(reader, options.Watermark, "source.watermark");
            var key = Ordinal(reader, options.Key, "source.key");
            var operation = options.Staging is { } staging ? Ordinal(reader, staging.OperationColumn, "source.staging.operationColumn") : -1;
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                lastWatermark = reader.GetValue(watermark);
                lastKey = reader.GetValue(key);
                if (lastWatermark is DBNull || lastKey is DBNull)
                {
                    throw new ConnectorConfigurationException(connectorId, "source.watermark",
                        $"column '{options.Watermark}' or key '{options.Key}' is NULL in a row; both must be NOT NULL for incremental reads.");
                }

                records.Add(SourceRecordScreen.Screen(ToRecord(reader, operation, lastKey), limits));
            }
        }
        catch (DbException ex) when (!ct.IsCancellationRequested)
        {
            throw new SourceAccessException("read", $"Reading {Describe()} from {_address} failed: {ConnectionStringSecrets.Redact(ex.Message, connectionString)}", ex);
        }

        return new SqlPage(records, records.Count == 0 ? position : new KeysetCheckpoint(lastWatermark!, lastKey!));
    }

    private SourceRecord ToRecord(DbDataReader reader, int operation, object key)
    {
        var data = RowReader.Read(reader, _excluded);
        var origin = string.Create(CultureInfo.InvariantCulture, $"{Describe()} row {options.Key}={key}");
        if (operation < 0)
            return new SourceRecord(data, Origin: origin);
        var value = reader.IsDBNull(operation) ? null : reader.GetValue(operation);
        return options.Staging!.Classify(value) switch
        {
            StagedOperation.Upsert => new SourceRecord(data, Origin: origin),
            StagedOperation.Delete => new SourceRecord(data, Deleted: true, Origin: origin),
            _ => new SourceRecord(data, Origin: origin, Problem:
                $"The staging operation column '{options.Staging.OperationColumn}' holds '{value ?? "NULL"}', which is neither an upsert value " +
                $"({string.Join(", ", options.Staging.UpsertValues)}) nor a delete value ({string.Join(", ", options.Staging.DeleteValues)})."),
        };
    }

    private int Ordinal(DbDataReader reader, string column, string setting)
    {
        for (var i = 0; i < reader.FieldCount; i++)
        {
            if (string.Equals(reader.GetName(i), column, StringComparison.OrdinalIgnoreCase))
                return i;
        }

        throw new ConnectorConfigurationException(connectorId, setting, $"names column '{column}', which {Describe()} does not have.");
    }

    private string Describe() => options.Table is { } table ? $"table '{table}'" : "source.query";

    private void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        provider.Bind(parameter, value);
        command.Parameters.Add(parameter);
    }
}
